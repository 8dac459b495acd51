/**
 * Issue 10 item 2: with `VISITOR_SECRET` missing, short or the public dev value, the Worker
 * refuses to serve a request that is not for localhost (503 `visitor_secret_unsafe`: a JSON error
 * under `/api`, an HTML page elsewhere, a log line naming the variable), whatever headers the
 * client sends; on localhost the dev value still works. The app is called with a crafted env (the
 * suite's own secret is a random one, see vitest.config.ts).
 */
import { env } from 'cloudflare:workers';
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../functions/app';
import { PUBLIC_DEV_VISITOR_SECRET } from '../../functions/middleware/visitor-secret-guard';
import { readError } from './visitor-client';

/** Calls a fresh app at `url` with `env` whose `VISITOR_SECRET` is `secret` (undefined: none). */
async function callWithSecret(
  url: string,
  secret: string | undefined,
  init: RequestInit = {},
): Promise<Response> {
  const crafted: Record<string, unknown> = { ...env };
  if (secret === undefined) delete crafted.VISITOR_SECRET;
  else crafted.VISITOR_SECRET = secret;
  const ctx = createExecutionContext();
  const response = await createApp().fetch(new Request(url, init), crafted, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

const UNSAFE: readonly [string, string | undefined][] = [
  ['the public development value', PUBLIC_DEV_VISITOR_SECRET],
  ['missing', undefined],
  ['too short', 'short-secret-31-characters-long'],
];

afterEach(() => {
  vi.restoreAllMocks();
});

describe('an unsafe VISITOR_SECRET off localhost', () => {
  for (const [problem, secret] of UNSAFE) {
    it(`(${problem}): the API answers 503 visitor_secret_unsafe and creates nothing, the page is an HTML refusal, both logged`, async () => {
      const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      const api = await callWithSecret('https://reelwright.example/api/sessions', secret, {
        method: 'POST',
      });
      expect(api.status).toBe(503);
      expect(api.headers.get('Set-Cookie')).toBeNull();
      const error = await readError(api);
      expect(error.code).toBe('visitor_secret_unsafe');
      expect(error.message).toContain('VISITOR_SECRET');
      expect(error.message).toContain(problem);

      const page = await callWithSecret('https://reelwright.example/', secret);
      expect(page.status).toBe(503);
      expect(page.headers.get('Content-Type')).toMatch(/^text\/html/);
      expect(page.headers.get('X-Content-Type-Options')).toBe('nosniff');
      const html = await page.text();
      expect(html).toContain('VISITOR_SECRET');
      expect(html).not.toContain('<script');

      const lines = logged.mock.calls.map((args) => args.map(String).join(' '));
      expect(lines).toHaveLength(2);
      for (const line of lines)
        expect(line).toMatch(/^VISITOR_SECRET is .*Refused (POST|GET) reelwright\.example\//);
    });
  }

  it('is not fooled by headers that claim localhost', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const response = await callWithSecret(
      'https://reelwright.example/api/health',
      PUBLIC_DEV_VISITOR_SECRET,
      {
        headers: {
          Host: 'localhost',
          'X-Forwarded-Host': 'localhost',
          'X-Forwarded-For': '127.0.0.1',
          'CF-Connecting-IP': '127.0.0.1',
          Origin: 'http://localhost',
        },
      },
    );
    expect(response.status).toBe(503);
    expect((await readError(response)).code).toBe('visitor_secret_unsafe');
  });
});

describe('on localhost', () => {
  it('the public dev value works (the API and the page), for every name of this machine', async () => {
    for (const origin of ['http://localhost:8787', 'http://127.0.0.1:8787', 'http://[::1]:8787']) {
      const created = await callWithSecret(`${origin}/api/sessions`, PUBLIC_DEV_VISITOR_SECRET, {
        method: 'POST',
      });
      expect(created.status, origin).toBe(201);
      expect(created.headers.get('Set-Cookie')).toMatch(/^rw_visitor=/);
      const page = await callWithSecret(`${origin}/`, PUBLIC_DEV_VISITOR_SECRET);
      expect(page.status, origin).toBe(200);
      expect(await page.text()).toContain('<div id="app">');
    }
  });

  it('a missing secret is refused there too: nothing can be signed without one', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const response = await callWithSecret('http://localhost:8787/api/health', undefined);
    expect(response.status).toBe(503);
    expect((await readError(response)).code).toBe('visitor_secret_unsafe');
  });
});

describe('a strong secret', () => {
  it('serves any host (the suite runs on https://reelwright.test with a random one)', async () => {
    const response = await callWithSecret(
      'https://reelwright.example/api/health',
      env.VISITOR_SECRET,
    );
    expect(response.status).toBe(200);
  });
});
