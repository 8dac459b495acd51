/**
 * @module visitor-cookie
 * Identifies the anonymous visitor: a random UUID kept in the HMAC-signed cookie `rw_visitor`
 * (hono's signed cookies). A request without a valid cookie gets a new id and the cookie is set
 * on its answer. Handlers read the id with `c.get('visitorId')`.
 */
import { getSignedCookie, setSignedCookie } from 'hono/cookie';
import type { MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env';

/** Name of the visitor cookie (docs/http-api.md). */
export const VISITOR_COOKIE = 'rw_visitor';
/** Cookie lifetime, seconds: one year (browsers cap cookies at 400 days; a year is the usual choice). */
export const VISITOR_COOKIE_MAX_AGE_S = 365 * 24 * 60 * 60;

const visitorIdSchema = z.uuid();

/** `VISITOR_SECRET` is missing: a deployment mistake, reported as a 500 and logged. */
export class MissingVisitorSecretError extends Error {
  override readonly name = 'MissingVisitorSecretError';
  constructor() {
    super('VISITOR_SECRET is not set: add it to wrangler.toml [vars] or `wrangler secret put VISITOR_SECRET`.');
  }
}

/**
 * Middleware that sets `visitorId` for every request, issuing a new signed cookie
 * (HttpOnly, SameSite=Lax, Path=/, one year, Secure on https) when there is no valid one.
 *
 * @throws {MissingVisitorSecretError} when the secret is empty.
 */
export function visitorCookie(): MiddlewareHandler<AppEnv> {
  return async function visitorCookie(c, next) {
    const secret = c.env.VISITOR_SECRET;
    if (typeof secret !== 'string' || secret === '') throw new MissingVisitorSecretError();
    const stored = await getSignedCookie(c, secret, VISITOR_COOKIE);
    let visitorId = typeof stored === 'string' && visitorIdSchema.safeParse(stored).success ? stored : null;
    if (visitorId === null) {
      visitorId = crypto.randomUUID();
      await setSignedCookie(c, VISITOR_COOKIE, visitorId, secret, {
        httpOnly: true,
        sameSite: 'Lax',
        path: '/',
        maxAge: VISITOR_COOKIE_MAX_AGE_S,
        secure: new URL(c.req.url).protocol === 'https:',
      });
    }
    c.set('visitorId', visitorId);
    await next();
  };
}
