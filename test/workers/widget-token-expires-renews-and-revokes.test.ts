/**
 * The widget token a host page keeps is scoped and mortal: it expires after
 * WIDGET_TOKEN_TTL_MS (401 `widget_token_expired`), is renewed in the answer once past half its
 * life (same visitor, fresh expiry), and "Forget me on this site" (`DELETE /api/widget-token`)
 * revokes every token issued so far (401 `widget_token_revoked`), after which the widget starts
 * again with `new`. It is accepted only in the widget header, for the widget's own visitor.
 */
import { env, exports } from 'cloudflare:workers';
import { sign } from 'hono/jwt';
import { decodeBase64Url } from 'hono/utils/encode';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorBodySchema, sessionListSchema } from '../../shared/api-schema';
import {
  signWidgetToken,
  WIDGET_TOKEN_RENEW_BELOW_MS,
  WIDGET_TOKEN_TTL_MS,
} from '../../functions/middleware/widget-token';
import { signFor } from '../../functions/signing/purpose-signature';
import { ORIGIN } from './visitor-client';

const TOKEN_HEADER = 'X-Reelwright-Visitor';
const DAY_MS = 24 * 60 * 60 * 1000;
/** Slack between the test's clock and the Worker's when comparing expiries. */
const CLOCK_SLACK_MS = 60_000;

const claimsSchema = z.object({
  sub: z.uuid(),
  gen: z.number().int(),
  exp: z.number().int(),
});

function callWithToken(path: string, token: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set(TOKEN_HEADER, token);
  return exports.default.fetch(new Request(`${ORIGIN}${path}`, { ...init, headers }));
}

/** The claims part of a token (`<claims>.<signature>`), read without checking it. */
function claims(token: string): z.infer<typeof claimsSchema> {
  const [payload = ''] = token.split('.');
  return claimsSchema.parse(JSON.parse(new TextDecoder().decode(decodeBase64Url(payload))));
}

/** A new widget visitor with one session: their token and the session id. */
async function widgetVisitorWithSession(): Promise<{ token: string; sessionId: string }> {
  // A reading request mints nobody: the first change does, and answers the new token.
  const created = await callWithToken('/api/sessions', 'new', { method: 'POST' });
  expect(created.status).toBe(201);
  const token = created.headers.get(TOKEN_HEADER) ?? '';
  const listed = sessionListSchema.parse(
    await (await callWithToken('/api/sessions', token)).json(),
  );
  return { token, sessionId: listed.sessions[0]?.id ?? '' };
}

async function sessionIds(response: Response): Promise<string[]> {
  expect(response.status).toBe(200);
  return sessionListSchema.parse(await response.json()).sessions.map((session) => session.id);
}

async function refusal(response: Response): Promise<string> {
  expect(response.status).toBe(401);
  expect(response.headers.get(TOKEN_HEADER)).toBeNull();
  expect(response.headers.get('Set-Cookie')).toBeNull();
  const body = errorBodySchema.parse(await response.json());
  expect(body.error.message).toMatch(/send "new"/);
  return body.error.code;
}

describe('widget token lifetime', () => {
  it('is issued for the widget only, expiring WIDGET_TOKEN_TTL_MS (30 days) after issue', async () => {
    const before = Date.now();
    const response = await callWithToken('/api/sessions', 'new', { method: 'POST' });
    const token = response.headers.get(TOKEN_HEADER) ?? '';
    const issued = claims(token);
    expect(WIDGET_TOKEN_TTL_MS).toBe(30 * DAY_MS);
    expect(issued.exp * 1000).toBeGreaterThanOrEqual(before + WIDGET_TOKEN_TTL_MS - CLOCK_SLACK_MS);
    expect(issued.exp * 1000).toBeLessThanOrEqual(
      Date.now() + WIDGET_TOKEN_TTL_MS + CLOCK_SLACK_MS,
    );
    expect(issued.gen).toBe(0);
  });

  it('an expired token gets 401 widget_token_expired, and nothing of the visitor', async () => {
    const { token } = await widgetVisitorWithSession();
    const expired = await signWidgetToken(
      { visitorId: claims(token).sub, generation: 0, expiresAtMs: Date.now() - 1_000 },
      env.VISITOR_SECRET,
    );
    expect(await refusal(await callWithToken('/api/sessions', expired))).toBe(
      'widget_token_expired',
    );
  });

  it('a token for anything but the widget (signed for another purpose, another audience, another secret) gets 401 widget_token_invalid', async () => {
    const { token } = await widgetVisitorWithSession();
    const { sub, exp } = claims(token);
    const [payload = ''] = token.split('.');
    for (const purpose of ['visitor-cookie', 'render-download'] as const) {
      const otherPurpose = `${payload}.${await signFor(purpose, payload, env.VISITOR_SECRET)}`;
      expect(await refusal(await callWithToken('/api/sessions', otherPurpose))).toBe(
        'widget_token_invalid',
      );
    }
    const otherAudience = await sign(
      { sub, gen: 0, exp, aud: 'something-else' },
      env.VISITOR_SECRET,
      'HS256',
    );
    expect(await refusal(await callWithToken('/api/sessions', otherAudience))).toBe(
      'widget_token_invalid',
    );
    const otherSecret = await signWidgetToken(
      { visitorId: sub, generation: 0, expiresAtMs: exp * 1000 },
      'not-the-secret',
    );
    expect(await refusal(await callWithToken('/api/sessions', otherSecret))).toBe(
      'widget_token_invalid',
    );
    const legacyOtherSecret = await sign(
      { sub, gen: 0, exp, aud: 'reelwright-widget' },
      'not-the-secret',
      'HS256',
    );
    expect(await refusal(await callWithToken('/api/sessions', legacyOtherSecret))).toBe(
      'widget_token_invalid',
    );
    expect(await refusal(await callWithToken('/api/sessions', 'garbage'))).toBe(
      'widget_token_invalid',
    );
  });

  it('is answered unchanged while young, and renewed (same visitor, fresh expiry) once past half its life', async () => {
    const { token, sessionId } = await widgetVisitorWithSession();
    const young = await callWithToken('/api/sessions', token);
    expect(young.headers.get(TOKEN_HEADER)).toBe(token);
    await young.body?.cancel();

    const visitorId = claims(token).sub;
    const oldExpiry = Date.now() + WIDGET_TOKEN_RENEW_BELOW_MS - DAY_MS;
    const old = await signWidgetToken(
      { visitorId, generation: 0, expiresAtMs: oldExpiry },
      env.VISITOR_SECRET,
    );
    const answer = await callWithToken('/api/sessions', old);
    const renewed = answer.headers.get(TOKEN_HEADER) ?? '';
    expect(await sessionIds(answer)).toEqual([sessionId]);
    expect(renewed).not.toBe(old);
    expect(claims(renewed).sub).toBe(visitorId);
    expect(claims(renewed).exp * 1000).toBeGreaterThan(
      Date.now() + WIDGET_TOKEN_TTL_MS - CLOCK_SLACK_MS,
    );
    // The renewed token works on its own and is answered unchanged.
    const again = await callWithToken('/api/sessions', renewed);
    expect(again.headers.get(TOKEN_HEADER)).toBe(renewed);
    expect(await sessionIds(again)).toEqual([sessionId]);
  });
});

describe('widget tokens issued before the purpose signatures (HS256 JWTs)', () => {
  it('still open their visitor until they expire, and are answered with a token of the current form', async () => {
    const { token, sessionId } = await widgetVisitorWithSession();
    const { sub, exp } = claims(token);
    const legacy = await sign(
      { sub, gen: 0, exp, aud: 'reelwright-widget' },
      env.VISITOR_SECRET,
      'HS256',
    );
    const answer = await callWithToken('/api/sessions', legacy);
    expect(await sessionIds(answer)).toEqual([sessionId]);
    const renewed = answer.headers.get(TOKEN_HEADER) ?? '';
    expect(renewed.split('.')).toHaveLength(2);
    expect(claims(renewed).sub).toBe(sub);
    expect(await sessionIds(await callWithToken('/api/sessions', renewed))).toEqual([sessionId]);

    const expired = await sign(
      { sub, gen: 0, exp: Math.floor(Date.now() / 1000) - 1, aud: 'reelwright-widget' },
      env.VISITOR_SECRET,
      'HS256',
    );
    expect(await refusal(await callWithToken('/api/sessions', expired))).toBe(
      'widget_token_expired',
    );
  });
});

describe('Forget me on this site (DELETE /api/widget-token)', () => {
  it('revokes every token issued so far: each then gets 401 widget_token_revoked; `new` starts a stranger', async () => {
    const { token, sessionId } = await widgetVisitorWithSession();
    const visitorId = claims(token).sub;
    const renewedEarlier = await signWidgetToken(
      { visitorId, generation: 0, expiresAtMs: Date.now() + DAY_MS },
      env.VISITOR_SECRET,
    );

    const forgotten = await callWithToken('/api/widget-token', token, { method: 'DELETE' });
    expect(forgotten.status).toBe(200);
    expect(await forgotten.json()).toEqual({ revoked: true });
    expect(forgotten.headers.get(TOKEN_HEADER)).toBeNull();

    expect(await refusal(await callWithToken('/api/sessions', token))).toBe('widget_token_revoked');
    expect(await refusal(await callWithToken('/api/sessions', renewedEarlier))).toBe(
      'widget_token_revoked',
    );
    expect(await refusal(await callWithToken(`/api/sessions/${sessionId}`, token))).toBe(
      'widget_token_revoked',
    );
    expect(
      await refusal(await callWithToken('/api/widget-token', token, { method: 'DELETE' })),
    ).toBe('widget_token_revoked');

    // A reading request with `new` is nobody; the first change mints a stranger.
    expect(await sessionIds(await callWithToken('/api/sessions', 'new'))).toEqual([]);
    const fresh = await callWithToken('/api/sessions', 'new', { method: 'POST' });
    const freshToken = fresh.headers.get(TOKEN_HEADER) ?? '';
    expect(claims(freshToken).sub).not.toBe(visitorId);
    expect(await sessionIds(await callWithToken('/api/sessions', freshToken))).not.toContain(
      sessionId,
    );
  });

  it('needs the widget token itself: without it the answer is 400 widget_token_required', async () => {
    const cases: HeadersInit[] = [{}, { [TOKEN_HEADER]: 'new' }];
    for (const headers of cases) {
      const response = await exports.default.fetch(
        new Request(`${ORIGIN}/api/widget-token`, { method: 'DELETE', headers }),
      );
      expect(response.status).toBe(400);
      expect(errorBodySchema.parse(await response.json()).error.code).toBe('widget_token_required');
    }
  });
});
