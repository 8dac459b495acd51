/**
 * With `ENGINE=nemo`, `GET /api/credits` shows the remote API's balance for the visitor's own
 * anonymous token once they chatted (it is the remote API that charges exports), renews an
 * expired token once, and turns an upstream failure into a plain 502 without the upstream's
 * JSON. A visitor who never chatted causes no anonymous token to be minted: their balance is
 * unknown (null counts and a plain note).
 */
import { describe, expect, it } from 'vitest';
import { creditsSchema, errorBodySchema, unknownCreditsSchema } from '../../../shared/api-schema';
import { Visitor } from '../visitor-client';
import { routeUpstream } from './route-upstream';
import { visitorWithDraft } from './visitor-with-draft';

const TOKEN_PATH = '/api/auth/anonymous-token';

describe('credits on the nemo engine', () => {
  it('of a visitor who never chatted are unknown, and no upstream token is minted', async () => {
    const { calls } = routeUpstream();
    const visitor = new Visitor();
    const cookieless = await visitor.fetch('/api/credits');
    expect(cookieless.status).toBe(200);
    expect(unknownCreditsSchema.parse(await cookieless.json()).note).toMatch(/first message/);
    await visitor.createSession();
    const withSession = await visitor.fetch('/api/credits');
    expect(unknownCreditsSchema.parse(await withSession.json())).toMatchObject({
      available: null,
      frozen: null,
      total: null,
    });
    expect(calls.filter((call) => new URL(call.url).pathname === TOKEN_PATH)).toHaveLength(0);
  });

  it("are the remote balance of the visitor's anonymous token once they chatted", async () => {
    const { fake, calls } = routeUpstream();
    const { visitor } = await visitorWithDraft();
    expect(calls.filter((call) => new URL(call.url).pathname === TOKEN_PATH)).toHaveLength(1);
    const first = creditsSchema.parse(await (await visitor.fetch('/api/credits')).json());
    expect(fake.tokens.size).toBe(1);
    const [token] = [...fake.tokens.keys()];
    if (token === undefined) throw new Error('no token was minted');
    expect(first.available).toBe(fake.tokens.get(token)?.available);

    fake.setCredits(token, 42);
    const second = creditsSchema.parse(await (await visitor.fetch('/api/credits')).json());
    expect(second).toEqual({ available: 42, frozen: 0, total: 42 });
  });

  it('renews an expired token once and still answers', async () => {
    const { fake } = routeUpstream();
    const { visitor } = await visitorWithDraft();
    const [token] = [...fake.tokens.keys()];
    if (token === undefined) throw new Error('no token was minted');
    fake.expireToken(token);
    const response = await visitor.fetch('/api/credits');
    expect(response.status).toBe(200);
    expect(fake.tokens.size).toBe(2);
  });

  it('is a plain 502 when the remote API fails', async () => {
    const { fake } = routeUpstream();
    const { visitor } = await visitorWithDraft();
    fake.failNext('credits', 429, 2);
    const response = await visitor.fetch('/api/credits');
    expect(response.status).toBe(502);
    const body = errorBodySchema.parse(await response.json());
    expect(body.error.code).toBe('rate_limited');
    expect(body.error.message).not.toMatch(/\{|"code"/);
  });
});
