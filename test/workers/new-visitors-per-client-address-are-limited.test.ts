/**
 * A client address (`CF-Connecting-IP`) may mint only `NEW_VISITORS_PER_IP_PER_HOUR` visitors an
 * hour (counted by its `NewVisitorLimiter`) and, off loopback, at most the `NEW_VISITOR_BURST`
 * binding's 10 a minute; past either the answer is 429 `too_many_new_visitors` with `Retry-After`
 * and no cookie. Visitors that already have a cookie, other addresses, and requests that only
 * read (which mint nobody) are not affected.
 */
import { describe, expect, it } from 'vitest';
import { NEW_VISITOR_WINDOW_MS } from '../../functions/durable/new-visitor-limiter';
import { NEW_VISITOR_BURST_PERIOD_S } from '../../functions/quota/new-visitor-gate';
import { LimitedVisitor, freshClientIp } from './limits';
import { readError } from './visitor-client';

function createSession(visitor: LimitedVisitor): Promise<Response> {
  return visitor.fetch('/api/sessions', { method: 'POST' });
}

describe('new visitors per client address', () => {
  it('refuses the mint past the hourly limit with 429 too_many_new_visitors and Retry-After', async () => {
    const ip = freshClientIp();
    const limits = { NEW_VISITORS_PER_IP_PER_HOUR: '2' };
    const first = new LimitedVisitor(limits, ip);
    expect((await createSession(first)).status).toBe(201);
    expect((await createSession(new LimitedVisitor(limits, ip))).status).toBe(201);

    const third = await createSession(new LimitedVisitor(limits, ip));
    expect(third.status).toBe(429);
    expect(third.headers.get('Set-Cookie')).toBeNull();
    const retryAfterS = Number(third.headers.get('Retry-After'));
    expect(retryAfterS).toBeGreaterThan(0);
    expect(retryAfterS).toBeLessThanOrEqual(NEW_VISITOR_WINDOW_MS / 1_000);
    const error = await readError(third);
    expect(error.code).toBe('too_many_new_visitors');
    expect(error.message).toMatch(/Try again in about \d+ minutes?/);

    // A visitor minted before keeps working; another address still mints.
    expect((await createSession(first)).status).toBe(201);
    expect((await createSession(new LimitedVisitor(limits, freshClientIp()))).status).toBe(201);
  });

  it('requests that only read mint no visitor and count for nothing', async () => {
    const ip = freshClientIp();
    const limits = { NEW_VISITORS_PER_IP_PER_HOUR: '1' };
    for (const path of ['/api/health', '/api/credits', '/api/sessions', '/api/renders']) {
      const reader = new LimitedVisitor(limits, ip);
      const response = await reader.fetch(path);
      expect(response.status).toBe(200);
      expect(response.headers.get('Set-Cookie')).toBeNull();
    }
    expect((await createSession(new LimitedVisitor(limits, ip))).status).toBe(201);
    expect((await createSession(new LimitedVisitor(limits, ip))).status).toBe(429);
  });

  it('the rate-limit binding refuses an 11th mint within a minute from one public address', async () => {
    const ip = freshClientIp();
    const limits = { NEW_VISITORS_PER_IP_PER_HOUR: '1000' };
    for (let i = 0; i < 10; i += 1)
      expect((await createSession(new LimitedVisitor(limits, ip))).status).toBe(201);
    const burst = await createSession(new LimitedVisitor(limits, ip));
    expect(burst.status).toBe(429);
    expect(burst.headers.get('Retry-After')).toBe(String(NEW_VISITOR_BURST_PERIOD_S));
    expect((await readError(burst)).code).toBe('too_many_new_visitors');
  });

  it('loopback (this machine: wrangler dev, tests, benches) skips the burst binding but not the hourly limit', async () => {
    const limits = { NEW_VISITORS_PER_IP_PER_HOUR: '1000' };
    // A loopback address of its own (127.0.0.0/8), so this test's counts start at zero.
    const ip = freshClientIp().replace(/^203\.0\./, '127.1.');
    for (let i = 0; i < 15; i += 1)
      expect((await createSession(new LimitedVisitor(limits, ip))).status).toBe(201);
    const refused = await createSession(
      new LimitedVisitor({ NEW_VISITORS_PER_IP_PER_HOUR: '15' }, ip),
    );
    expect(refused.status).toBe(429);
    expect((await readError(refused)).code).toBe('too_many_new_visitors');
  });
});
