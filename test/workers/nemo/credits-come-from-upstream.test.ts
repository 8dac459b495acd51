/**
 * With `ENGINE=nemo`, `GET /api/credits` shows the remote API's balance for the visitor's own
 * anonymous token (it is the remote API that charges exports), renews an expired token once,
 * and turns an upstream failure into a plain 502 without the upstream's JSON.
 */
import { describe, expect, it } from 'vitest';
import { creditsSchema, errorBodySchema } from '../../../shared/api-schema';
import { Visitor } from '../visitor-client';
import { routeUpstream } from './route-upstream';

describe('credits on the nemo engine', () => {
  it("are the remote balance of the visitor's anonymous token", async () => {
    const { fake } = routeUpstream();
    const visitor = new Visitor();
    const first = creditsSchema.parse(await (await visitor.fetch('/api/credits')).json());
    expect(fake.tokens.size).toBe(1);
    const [token] = [...fake.tokens.keys()];
    expect(first.available).toBe(fake.tokens.get(token!)!.available);

    fake.setCredits(token!, 42);
    const second = creditsSchema.parse(await (await visitor.fetch('/api/credits')).json());
    expect(second).toEqual({ available: 42, frozen: 0, total: 42 });
  });

  it('renews an expired token once and still answers', async () => {
    const { fake } = routeUpstream();
    const visitor = new Visitor();
    await visitor.fetch('/api/credits');
    const [token] = [...fake.tokens.keys()];
    fake.expireToken(token!);
    const response = await visitor.fetch('/api/credits');
    expect(response.status).toBe(200);
    expect(fake.tokens.size).toBe(2);
  });

  it('is a plain 502 when the remote API fails', async () => {
    const { fake } = routeUpstream();
    fake.failNext('credits', 429, 2);
    const visitor = new Visitor();
    const response = await visitor.fetch('/api/credits');
    expect(response.status).toBe(502);
    const body = errorBodySchema.parse(await response.json());
    expect(body.error.code).toBe('rate_limited');
    expect(body.error.message).not.toMatch(/\{|"code"/);
  });
});
