/**
 * @module new-visitor-gate
 * Decides whether a request may mint a new visitor (a new `rw_visitor` cookie with its starting
 * credits), per client address: the address is `CF-Connecting-IP`, which Cloudflare sets on
 * every request (a client cannot forge it there). Two checks, cheapest first:
 * 1. a burst shield, the Workers Rate Limiting binding `NEW_VISITOR_BURST` (`[[ratelimits]]` in
 *    wrangler.toml, simulated by wrangler dev / miniflare): at most its limit per minute. Its
 *    periods can only be 10 or 60 s, so it cannot count an hour; it sheds a flood before the
 *    flood reaches the counter below. Loopback addresses skip it: `wrangler dev` sets
 *    `CF-Connecting-IP: 127.0.0.1` for local requests, and this machine's tests and benches mint
 *    hundreds at once while a binding's limit cannot be raised by a variable (on Cloudflare the
 *    address is never loopback).
 * 2. the hourly count, `NEW_VISITORS_PER_IP_PER_HOUR`, kept by the address's `NewVisitorLimiter`
 *    Durable Object (a sliding hour).
 * Without the header (the vitest pool calls the Worker directly) every request counts as one
 * client, {@link UNKNOWN_CLIENT}, under the same hourly limit: missing the header never lifts it.
 */
import type { Context } from 'hono';
import type { AppEnv } from '../env';
import { ApiError } from '../middleware/api-error';
import { readQuotaConfig } from './quota-config';
import { clientKey } from './client-key';

/** Header Cloudflare sets to the client's address. */
export const CLIENT_IP_HEADER = 'CF-Connecting-IP';
/** The client key when {@link CLIENT_IP_HEADER} is missing (only outside Cloudflare's edge). */
export const UNKNOWN_CLIENT = 'unknown';
/** Period of the `NEW_VISITOR_BURST` binding, s: `simple.period` in wrangler.toml (Cloudflare allows 10 or 60). */
export const NEW_VISITOR_BURST_PERIOD_S = 60;

/** True for 127.0.0.0/8 and ::1 (also IPv4-mapped), i.e. a request from this machine. */
export function isLoopback(address: string): boolean {
  return /^(::ffff:)?127\./i.test(address) || address === '::1';
}

function tooManyNewVisitors(retryAfterS: number): ApiError {
  const minutes = Math.max(1, Math.ceil(retryAfterS / 60));
  return new ApiError(
    429,
    'too_many_new_visitors',
    `Too many new visitors came from your network recently. Try again in about ${minutes} minute${minutes === 1 ? '' : 's'}, or keep using the browser you started with (its cookie keeps your work).`,
    { retryAfterS },
  );
}

/**
 * Admits one new visitor for the request's client address (counted by {@link clientKey}: an
 * IPv6 address by its /64), or refuses.
 *
 * @throws {ApiError} 429 `too_many_new_visitors` with `Retry-After` (seconds) when the burst
 *   shield or the hourly limit is exhausted.
 * @throws {QuotaConfigError} when `NEW_VISITORS_PER_IP_PER_HOUR` is not a whole number ≥ 1.
 */
export async function admitNewVisitor(c: Context<AppEnv>): Promise<void> {
  const header = c.req.header(CLIENT_IP_HEADER)?.trim();
  const address = header === undefined || header === '' ? UNKNOWN_CLIENT : header;
  const client = clientKey(address);
  if (address !== UNKNOWN_CLIENT && !isLoopback(address)) {
    const burst = await c.env.NEW_VISITOR_BURST.limit({ key: client });
    if (!burst.success) throw tooManyNewVisitors(NEW_VISITOR_BURST_PERIOD_S);
  }
  const { newVisitorsPerIpPerHour } = readQuotaConfig(c.env);
  const limiter = c.env.NEW_VISITOR_LIMITER.get(c.env.NEW_VISITOR_LIMITER.idFromName(client));
  const admission = await limiter.admit(newVisitorsPerIpPerHour, Date.now());
  if (!admission.ok) throw tooManyNewVisitors(Math.ceil(admission.retryAfterMs / 1_000));
}
