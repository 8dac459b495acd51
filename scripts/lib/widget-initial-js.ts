/**
 * @module widget-initial-js
 * The JavaScript the embeddable widget's frame (`/embed`) loads before it is ready: every script
 * of the app's origin the host page's frame fetched from the loader tag until the widget's
 * `ready` event (the demo host, scripts/demo-host.ts, records both times), each sized gzip from
 * `dist/`. Issue 13 holds it to {@link EMBED_INITIAL_JS_BUDGET_BYTES}; the widget bench
 * (scripts/bench/widget-size.ts) prints it and test/e2e/widget-initial-js-within-budget.test.ts
 * checks it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { projectRoot } from './offline-env.mjs';

/** The widget's initial JavaScript, gzip, at most 60 KB (issue 13, after issue #6's target). */
export const EMBED_INITIAL_JS_BUDGET_BYTES = 60 * 1024;

/** One script the frame fetched, and its size gzip (zlib's default level), bytes. */
export interface SizedScript {
  pathname: string;
  gzipBytes: number;
}

const distDir = path.join(projectRoot, 'dist');

/** The renderer's chunks (web/render/render-video.ts, its encode worker): loaded only when an export starts. */
const RENDERER_SCRIPT = /render-video|encode-worker/;

/** Size of `file` (a path under `dist/`, e.g. `/assets/zod-x.js`) gzip at zlib's default level, bytes. */
export function distGzipBytes(file: string): number {
  return gzipSync(readFileSync(path.join(distDir, file))).byteLength;
}

/**
 * Opens the host page `hostUrl` (with the widget) in `page` and waits for the widget's `ready`.
 *
 * @returns ms from the loader tag to `ready`.
 * @throws playwright's TimeoutError when `ready` does not come within `timeoutMs`.
 */
export async function timeToReady(page: Page, hostUrl: string, timeoutMs: number): Promise<number> {
  await page.goto(hostUrl);
  await page.waitForFunction(
    () =>
      typeof (window as unknown as { reelwrightReadyAt?: number }).reelwrightReadyAt === 'number',
    null,
    { timeout: timeoutMs },
  );
  return page.evaluate(() => {
    const timing = window as unknown as { reelwrightReadyAt: number; loaderTagAt: number };
    return timing.reelwrightReadyAt - timing.loaderTagAt;
  });
}

/**
 * Loads the host page in `page` (a fresh browser context: nothing cached) and lists the scripts
 * of `appUrl`'s origin it fetched until the widget was ready, `widget.js` (the loader) aside.
 *
 * @returns the scripts, their gzip total in bytes, whether the renderer was among them, and ms
 *   from the loader tag to `ready`.
 */
export async function widgetInitialScripts(
  page: Page,
  appUrl: string,
  hostUrl: string,
  timeoutMs: number,
): Promise<{
  scripts: SizedScript[];
  totalGzipBytes: number;
  rendererLoaded: boolean;
  readyMs: number;
}> {
  const appOrigin = new URL(appUrl).origin;
  const pathnames = new Set<string>();
  const onRequest = (request: { url(): string }): void => {
    const url = new URL(request.url());
    if (url.origin === appOrigin && url.pathname.endsWith('.js') && url.pathname !== '/widget.js')
      pathnames.add(url.pathname);
  };
  page.on('request', onRequest);
  const readyMs = await timeToReady(page, hostUrl, timeoutMs);
  page.off('request', onRequest);
  const scripts = [...pathnames].map((pathname) => ({
    pathname,
    gzipBytes: distGzipBytes(pathname),
  }));
  const totalGzipBytes = scripts.reduce((sum, script) => sum + script.gzipBytes, 0);
  const rendererLoaded = scripts.some((script) => RENDERER_SCRIPT.test(script.pathname));
  return { scripts, totalGzipBytes, rendererLoaded, readyMs };
}
