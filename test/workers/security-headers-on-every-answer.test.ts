/**
 * Issue 10 item 8: every answer — the app's page, its static assets, `/embed`, API answers,
 * API errors, a streamed chat turn — carries `X-Content-Type-Options: nosniff` and
 * `Referrer-Policy: strict-origin-when-cross-origin`; the HTML pages carry the app's
 * Content-Security-Policy (scripts from this origin plus WebAssembly, no inline script or eval,
 * no plugins, no `<base>`).
 */
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../shared/security-policy';
import { ORIGIN, Visitor } from './visitor-client';

function expectBaseHeaders(response: Response, what: string): void {
  expect(response.headers.get('X-Content-Type-Options'), what).toBe('nosniff');
  expect(response.headers.get('Referrer-Policy'), what).toBe('strict-origin-when-cross-origin');
}

/** The directives of a Content-Security-Policy header, by name. */
function directives(header: string | null): Map<string, string[]> {
  return new Map(
    (header ?? '')
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0] !== '')
      .map(([name = '', ...sources]) => [name, sources]),
  );
}

describe('security headers', () => {
  it('the app page and the widget page carry the Content-Security-Policy, nosniff and the referrer policy', async () => {
    for (const path of ['/', '/embed']) {
      const response = await exports.default.fetch(new Request(`${ORIGIN}${path}`));
      expect(response.status, path).toBe(200);
      expectBaseHeaders(response, path);
      const csp = directives(response.headers.get('Content-Security-Policy'));
      expect(csp.get('default-src'), path).toEqual(["'self'"]);
      expect(csp.get('script-src'), path).toEqual(["'self'", "'wasm-unsafe-eval'"]);
      expect(csp.get('object-src'), path).toEqual(["'none'"]);
      expect(csp.get('base-uri'), path).toEqual(["'none'"]);
      expect(csp.get('style-src'), path).toEqual(["'self'"]);
      expect(csp.get('frame-ancestors')?.length, path).toBeGreaterThan(0);
      await response.body?.cancel();
    }
  });

  it('static assets (scripts, the widget loader, an SPA route) carry them too', async () => {
    const page = await (await exports.default.fetch(new Request(`${ORIGIN}/`))).text();
    const script = /<script type="module" crossorigin src="([^"]+)"/.exec(page)?.[1];
    if (script === undefined) throw new Error('no module script in the page');
    for (const path of [script, '/widget.js', '/some/spa/route']) {
      const response = await exports.default.fetch(new Request(`${ORIGIN}${path}`));
      expect(response.status, path).toBe(200);
      expectBaseHeaders(response, path);
      expect(response.headers.get('Content-Security-Policy'), path).toBe(contentSecurityPolicy());
      await response.body?.cancel();
    }
  });

  it('API answers, API errors and a streamed chat turn carry nosniff and the referrer policy', async () => {
    const visitor = new Visitor();
    const session = await visitor.createSession();
    const answers: [string, Response][] = [
      ['health', await visitor.fetch('/api/health')],
      ['404', await visitor.fetch('/api/nothing-here')],
      [
        '403',
        await visitor.fetch('/api/sessions', {
          method: 'POST',
          headers: { Origin: 'https://attacker.example' },
        }),
      ],
      [
        '415',
        await visitor.fetch(`/api/sessions/${session.id}/messages`, {
          method: 'POST',
          headers: { 'Content-Type': 'text/plain' },
          body: '{}',
        }),
      ],
      ['400', await visitor.post(`/api/sessions/${session.id}/messages`, { nope: 1 })],
      [
        'SSE',
        await visitor.post(`/api/sessions/${session.id}/messages`, {
          text: 'generate a 10-second video about tea',
        }),
      ],
    ];
    for (const [what, response] of answers) {
      expectBaseHeaders(response, what);
      await response.body?.cancel();
    }
  });
});
