/**
 * Issue 10 item 8, in a real browser: the app's page is served (by `wrangler dev`, from
 * `dist/_headers` and the Worker) with its Content-Security-Policy, `nosniff` and the referrer
 * policy, and Chromium enforces it: an injected inline script is refused and reported (which is
 * what makes every e2e test using `useAppPage` fail on a violation), while what the app needs
 * still runs: WebAssembly compiles, a worker starts from a blob URL, the API answers — and
 * loading the app itself reports no violation (zod's `new Function` probe is turned off,
 * web/zod-jitless.ts).
 * The other browser tests (AVI conversion, export, the widget) run under the same policy and
 * fail on any violation it reports. Its content-hashed build files are kept by browsers a year
 * without asking again.
 */
import { describe, expect, inject, it } from 'vitest';
import { HASHED_ASSET_CACHE_CONTROL } from '../../shared/security-policy';
import { useAppPage } from './support/app-page';

const tab = useAppPage('reelwright-csp-e2e-');

/** The smallest valid WebAssembly module: the magic number and version 1. */
const EMPTY_WASM_MODULE = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

describe('the app under its Content-Security-Policy', () => {
  it('is served with the policy, nosniff and the referrer policy', async () => {
    const response = await tab.page.goto(inject('appUrl'));
    const headers = response?.headers() ?? {};
    const csp = headers['content-security-policy'] ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    await expect
      .poll(() => tab.page.getByRole('textbox', { name: 'Message' }).isVisible())
      .toBe(true);
  });

  it('lets browsers keep its content-hashed scripts a year unasked, and not the page', async () => {
    const scripts = await tab.page.evaluate(() =>
      [...document.querySelectorAll<HTMLScriptElement>('script[src]')].map((script) => script.src),
    );
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) {
      expect(new URL(src).pathname).toMatch(/^\/assets\/.+-[\w-]{8}\.js$/);
      const response = await fetch(src);
      expect(response.headers.get('cache-control')).toBe(HASHED_ASSET_CACHE_CONTROL);
    }
    const page = await fetch(inject('appUrl'));
    expect(page.headers.get('cache-control') ?? '').not.toContain('immutable');
  });

  it('refuses and reports an injected inline script', async () => {
    const ran = await tab.page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.injectedRan = true';
      document.head.appendChild(script);
      return Reflect.get(window, 'injectedRan') === true;
    });
    expect(ran).toBe(false);
    // Chromium's console message and the page's securitypolicyviolation event, each seen once.
    await expect.poll(() => tab.cspViolations.length).toBe(2);
    expect(tab.cspViolations.every((text) => /script-src/.test(text))).toBe(true);
    // Seen and checked here: not a failure of this test.
    tab.cspViolations.splice(0);
  });

  it('lets through what the app needs: WebAssembly, a blob worker, the API', async () => {
    const outcome = await tab.page.evaluate(async (wasm) => {
      const compiled = await WebAssembly.instantiate(new Uint8Array(wasm)).then(
        () => true,
        () => false,
      );
      const blobUrl = URL.createObjectURL(
        new Blob(['postMessage("up")'], { type: 'text/javascript' }),
      );
      const fromWorker = await new Promise<string>((resolve) => {
        const worker = new Worker(blobUrl);
        worker.onmessage = (event) => resolve(String(event.data));
        worker.onerror = () => resolve('failed');
      });
      const health = await fetch('/api/health').then((response) => response.status);
      return { compiled, fromWorker, health };
    }, EMPTY_WASM_MODULE);
    expect(outcome).toEqual({ compiled: true, fromWorker: 'up', health: 200 });
  });
});
