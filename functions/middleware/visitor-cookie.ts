/**
 * @module visitor-cookie
 * Identifies the anonymous visitor: a random UUID kept in the HMAC-signed cookie `rw_visitor`
 * (hono's signed cookies). A request without a valid cookie gets a new id and the cookie is set
 * on its answer. Handlers read the id with `c.get('visitorId')`.
 *
 * The embedded widget (a third-party iframe) also sends the id as a signed token in the
 * `X-Reelwright-Visitor` header (see visitor-token; `new` when it has none yet): the token wins
 * over the cookie, the answer carries the token back in the same header, and the cookie is set
 * `SameSite=None; Secure; Partitioned` so it works in the iframe where the browser allows it.
 * The token is never read from a URL: a download link carries its own signature for one file
 * instead (routes/download-link.ts).
 *
 * A visitor is minted only when needed: a request that changes something (POST, PUT, DELETE…).
 * A reading request (GET, HEAD, OPTIONS) without an identity runs as a visitor of its own that
 * owns nothing (empty lists, starting credits) and gets no cookie. Each mint is admitted per
 * client address first (quota/new-visitor-gate.ts: 429 `too_many_new_visitors`).
 */
import { getSignedCookie, setSignedCookie } from 'hono/cookie';
import type { MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env';
import { signVisitorToken, verifyVisitorToken, VISITOR_TOKEN_HEADER } from './visitor-token';
import { admitNewVisitor } from '../quota/new-visitor-gate';

/** Name of the visitor cookie (docs/http-api.md). */
export const VISITOR_COOKIE = 'rw_visitor';
/** Cookie lifetime, seconds: one year (browsers cap cookies at 400 days; a year is the usual choice). */
export const VISITOR_COOKIE_MAX_AGE_S = 365 * 24 * 60 * 60;

const visitorIdSchema = z.uuid();
/** Methods that only read: they never mint a visitor. */
const READING_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/** `VISITOR_SECRET` is missing: a deployment mistake, reported as a 500 and logged. */
export class MissingVisitorSecretError extends Error {
  override readonly name = 'MissingVisitorSecretError';
  constructor() {
    super('VISITOR_SECRET is not set: add it to wrangler.toml [vars] or `wrangler secret put VISITOR_SECRET`.');
  }
}

/**
 * Middleware that sets `visitorId` for every request, issuing a new signed cookie
 * (HttpOnly, SameSite=Lax, Path=/, one year, Secure on https; for the widget SameSite=None,
 * Secure, Partitioned) when there is no valid one, and answering the widget's token header.
 *
 * @throws {MissingVisitorSecretError} when the secret is empty.
 * @throws {ApiError} 429 `too_many_new_visitors` when a mint is refused for the client address.
 */
export function visitorCookie(): MiddlewareHandler<AppEnv> {
  return async function visitorCookie(c, next) {
    const secret = c.env.VISITOR_SECRET;
    if (typeof secret !== 'string' || secret === '') throw new MissingVisitorSecretError();
    const stored = await getSignedCookie(c, secret, VISITOR_COOKIE);
    const fromCookie = typeof stored === 'string' && visitorIdSchema.safeParse(stored).success ? stored : null;
    const headerToken = c.req.header(VISITOR_TOKEN_HEADER);
    const embedded = headerToken !== undefined;
    const fromToken = await verifyVisitorToken(headerToken, secret);
    const known = fromToken ?? fromCookie;
    if (known === null && READING_METHODS.has(c.req.method)) {
      c.set('visitorId', crypto.randomUUID());
      await next();
      return;
    }
    if (known === null) await admitNewVisitor(c);
    const visitorId = known ?? crypto.randomUUID();
    if (visitorId !== fromCookie) {
      await setSignedCookie(c, VISITOR_COOKIE, visitorId, secret, {
        httpOnly: true,
        path: '/',
        maxAge: VISITOR_COOKIE_MAX_AGE_S,
        // In a third-party iframe only SameSite=None cookies are sent, and Chromium keeps them
        // per top-level site when Partitioned (CHIPS); Secure is required for both (http://localhost counts as secure).
        ...(embedded
          ? { sameSite: 'None', secure: true, partitioned: true }
          : { sameSite: 'Lax', secure: new URL(c.req.url).protocol === 'https:' }),
      });
    }
    c.set('visitorId', visitorId);
    if (embedded) c.header(VISITOR_TOKEN_HEADER, await signVisitorToken(visitorId, secret));
    await next();
  };
}
