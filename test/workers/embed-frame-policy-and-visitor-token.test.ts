/**
 * The widget's edge side: `/embed` may be framed only by `EMBED_ALLOWED_ORIGINS` (CSP
 * frame-ancestors, the list also written into the page), and a visitor in a third-party iframe
 * is known by the widget token in `X-Reelwright-Visitor` alone: such a request never reads nor
 * sets the `rw_visitor` cookie, so an identity a host page handed over can never become this
 * site's cookie (no fixation). Download links never carry the token: each is signed for its one file.
 */
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { errorBodySchema, renderJobInfoSchema, sessionListSchema } from '../../shared/api-schema';
import { parseAllowedOrigins } from '../../shared/embed-protocol';
import { contentSecurityPolicy } from '../../shared/security-policy';
import { signWidgetToken, WIDGET_TOKEN_TTL_MS } from '../../functions/middleware/widget-token';
import { ORIGIN, Visitor, downloadLinkPattern, renderMp4 } from './visitor-client';

const TOKEN_HEADER = 'X-Reelwright-Visitor';

function call(path: string, init: RequestInit = {}): Promise<Response> {
  return exports.default.fetch(new Request(`${ORIGIN}${path}`, init));
}

/** Calls with only the widget's token header (no cookie), as a frame with blocked cookies does. */
function callWithToken(path: string, token: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set(TOKEN_HEADER, token);
  return call(path, { ...init, headers });
}

/** A new visitor's token; minted by a changing request (reading ones mint nobody), so it has one session. */
async function newToken(): Promise<string> {
  const response = await callWithToken('/api/sessions', 'new', { method: 'POST' });
  const token = response.headers.get(TOKEN_HEADER);
  if (token === null) throw new Error('no token answered');
  return token;
}

async function sessionIds(response: Response): Promise<string[]> {
  expect(response.status).toBe(200);
  return sessionListSchema.parse(await response.json()).sessions.map((session) => session.id);
}

describe('/embed frame policy', () => {
  it('answers with frame-ancestors naming exactly the configured origins, and no X-Frame-Options', async () => {
    const allowed = parseAllowedOrigins(env.EMBED_ALLOWED_ORIGINS);
    expect(allowed.length).toBeGreaterThan(0);
    const response = await call('/embed');
    expect(response.headers.get('Content-Security-Policy')).toBe(contentSecurityPolicy(allowed));
    expect(response.headers.get('Content-Security-Policy')).toMatch(
      new RegExp(`; frame-ancestors ${allowed.join(' ')}$`),
    );
    expect(response.headers.get('X-Frame-Options')).toBeNull();
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(
      `<meta name="reelwright-allowed-origins" content="${allowed.join(' ')}">`,
    );
  });

  it('the SPA itself refuses to be framed by anyone', async () => {
    for (const path of ['/', '/some/spa/route']) {
      const response = await call(path);
      expect(response.headers.get('X-Frame-Options')).toBe('DENY');
      expect(response.headers.get('Content-Security-Policy')).toBe(contentSecurityPolicy());
      expect(response.headers.get('Content-Security-Policy')).toMatch(/; frame-ancestors 'none'$/);
      await response.body?.cancel();
    }
  });

  it('keeps only exact http(s) origins from the configuration: a wildcard or a path never opens framing', () => {
    expect(
      parseAllowedOrigins(
        '* https://a.example/path, https://b.example http://localhost:8788/ ftp://c.example',
      ),
    ).toEqual(['https://b.example', 'http://localhost:8788']);
    expect(parseAllowedOrigins('')).toEqual([]);
    expect(parseAllowedOrigins(undefined)).toEqual([]);
  });
});

describe('visitor token for the widget', () => {
  it('answers a widget token (`<claims>.<signature>`) and sets no cookie for a widget request', async () => {
    const response = await callWithToken('/api/sessions', 'new', { method: 'POST' });
    expect(response.headers.get(TOKEN_HEADER)).toMatch(/^[\w-]+\.[\w-]{43}$/);
    expect(response.headers.get('Set-Cookie')).toBeNull();
  });

  it('a widget token never becomes or replaces the cookie: the cookie visitor keeps their own identity', async () => {
    const victim = await newToken();
    await callWithToken('/api/sessions', victim, { method: 'POST' });
    const visitor = new Visitor();
    expect((await visitor.fetch('/api/sessions', { method: 'POST' })).status).toBe(201);
    const own = await sessionIds(await visitor.fetch('/api/sessions'));
    expect(own).toHaveLength(1);
    const cookieBefore = visitor.cookie;
    // The same browser sends the victim's token (as the old top-level /embed#visitor= did)…
    const widget = await visitor.fetch('/api/sessions', { headers: { [TOKEN_HEADER]: victim } });
    const victims = await sessionIds(widget);
    expect(victims).toHaveLength(2);
    expect(victims).not.toContain(own[0]);
    expect(widget.headers.get('Set-Cookie')).toBeNull();
    // …and its cookie still names only itself.
    expect(visitor.cookie).toBe(cookieBefore);
    expect(await sessionIds(await visitor.fetch('/api/sessions'))).toEqual(own);
    // A widget token put in the cookie's place is no identity either: a new visitor is minted.
    const asCookie = await call('/api/sessions', {
      method: 'POST',
      headers: { Cookie: `rw_visitor=${encodeURIComponent(victim)}` },
    });
    expect(asCookie.status).toBe(201);
    expect(asCookie.headers.get('Set-Cookie')).toMatch(/^rw_visitor=/);
    expect(
      await sessionIds(
        await call('/api/sessions', {
          headers: { Cookie: `rw_visitor=${encodeURIComponent(victim)}` },
        }),
      ),
    ).toEqual([]);
  });

  it('knows the visitor by the token alone (cookies blocked): sessions and renders come back', async () => {
    const token = await newToken();
    const created = await callWithToken('/api/sessions', token, { method: 'POST' });
    expect(created.status).toBe(201);
    const mine = await sessionIds(await callWithToken('/api/sessions', token));
    expect(mine).toHaveLength(2);
    const again = await callWithToken('/api/sessions', token);
    expect(again.headers.get(TOKEN_HEADER)).toBe(token);
    expect(await sessionIds(again)).toEqual(mine);
    expect(await sessionIds(await callWithToken('/api/sessions', 'new'))).toEqual([]);
  });

  it('a forged token is refused with a clear 401, not mapped to anyone', async () => {
    const token = await newToken();
    await callWithToken('/api/sessions', token, { method: 'POST' });
    const [payload] = token.split('.');
    const response = await callWithToken('/api/sessions', `${payload}.${'A'.repeat(43)}`);
    expect(response.status).toBe(401);
    expect(response.headers.get(TOKEN_HEADER)).toBeNull();
    expect(errorBodySchema.parse(await response.json()).error.code).toBe('widget_token_invalid');
  });

  it('download links carry no token: the signed link opens the one file without cookie or header, ?visitor= opens nothing', async () => {
    const owner = new Visitor();
    const session = await owner.sessionWithDraft(
      'Generate a 10-second promo video about fresh coffee',
    );
    const job = await owner.startExport(session.id);
    const bytes = renderMp4(job.draft.durationMs);
    const stored = await owner.storeRender(job.id, bytes);
    expect(stored.status).toBe(200);
    const link = renderJobInfoSchema.parse(await stored.json()).downloadUrl ?? '';
    expect(link).toMatch(downloadLinkPattern(job.id));
    const ownerToken = await signWidgetToken(
      { visitorId: owner.id, generation: 0, expiresAtMs: Date.now() + WIDGET_TOKEN_TTL_MS },
      env.VISITOR_SECRET,
    );
    expect(link).not.toContain(owner.id);

    const download = await call(link);
    expect(download.status).toBe(200);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(bytes);
    expect((await call(`/api/renders/${job.id}/file`)).status).toBe(404);
    expect(
      (await call(`/api/renders/${job.id}/file?visitor=${encodeURIComponent(ownerToken)}`)).status,
    ).toBe(404);
    // The link opens nothing else of the visitor's.
    expect(
      (await call(`/api/renders/${job.id}?${new URL(link, ORIGIN).searchParams.toString()}`))
        .status,
    ).toBe(404);
  });

  it('a normal app request (no token header) still gets the SameSite=Lax cookie and no token', async () => {
    const response = await call('/api/sessions', { method: 'POST' });
    expect(response.headers.get('Set-Cookie')).toMatch(/SameSite=Lax/);
    expect(response.headers.get(TOKEN_HEADER)).toBeNull();
  });
});
