/**
 * @module visitor-cookie
 * Identifies the anonymous visitor: a random UUID kept in the cookie `rw_visitor` as
 * `<uuid>.<signature>`, signed for the purpose `visitor-cookie` (signing/purpose-signature.ts, so
 * no other signature of this edge passes for it). A request without a valid cookie gets a new id
 * and the cookie is set on its answer. Handlers read the id with `c.get('visitorId')`.
 *
 * Cookies set before that scheme were hono's signed cookies (an HMAC over the bare id). They are
 * still read, so visitors who came before keep their sessions and renders, and are set again in
 * the current form on that answer; a year ({@link VISITOR_COOKIE_MAX_AGE_S}) after this change none
 * can be left and {@link legacyCookieVisitor} can go.
 *
 * The embedded widget (a third-party iframe) is known by its widget token in the
 * `X-Reelwright-Visitor` header instead (see widget-token; `new` when it has none yet): such a
 * request ignores the cookie and never gets one, so an identity handed over by a host page can
 * never become this site's cookie (no fixation); the answer carries the token (or a renewed one)
 * back in the same header. No identity is ever read from a URL: a download link carries its own
 * signature for one file instead (signing/download-link.ts).
 *
 * A visitor is minted only when needed: a request that makes something (POST, PUT, PATCH).
 * A reading request (GET, HEAD, OPTIONS) or a DELETE without an identity (no cookie, or the
 * widget's `new`; a new visitor owns nothing to delete)
 * runs as a visitor of its own that owns nothing (empty lists, starting credits) and gets no
 * cookie and no token. Each mint is admitted per client address first
 * (quota/new-visitor-gate.ts: 429 `too_many_new_visitors`).
 */
import { getCookie, getSignedCookie, setCookie } from 'hono/cookie';
import type { Context, MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env';
import { NEW_WIDGET_TOKEN, VISITOR_TOKEN_HEADER, widgetCredential } from './widget-token';
import { admitNewVisitor } from '../quota/new-visitor-gate';
import { signFor, verifyFor } from '../signing/purpose-signature';

/** Name of the visitor cookie (docs/http-api.md). */
export const VISITOR_COOKIE = 'rw_visitor';
/** Cookie lifetime, seconds: one year (browsers cap cookies at 400 days; a year is the usual choice). */
export const VISITOR_COOKIE_MAX_AGE_S = 365 * 24 * 60 * 60;

const visitorIdSchema = z.uuid();
/** Methods that never mint a visitor: they read, or delete what a new visitor cannot own. */
const NON_MINTING_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS', 'DELETE']);

/** The visitor a cookie of the current form names, or null when it is missing or not genuine. */
async function cookieVisitor(c: Context<AppEnv>, secret: string): Promise<string | null> {
  const value = getCookie(c, VISITOR_COOKIE);
  const dot = value?.lastIndexOf('.') ?? -1;
  if (value === undefined || dot < 0) return null;
  const visitorId = value.slice(0, dot);
  if (!visitorIdSchema.safeParse(visitorId).success) return null;
  return (await verifyFor('visitor-cookie', visitorId, value.slice(dot + 1), secret))
    ? visitorId
    : null;
}

/** The visitor a cookie set before the current scheme names (see the module doc), or null. */
async function legacyCookieVisitor(c: Context<AppEnv>, secret: string): Promise<string | null> {
  const stored = await getSignedCookie(c, secret, VISITOR_COOKIE);
  return typeof stored === 'string' && visitorIdSchema.safeParse(stored).success ? stored : null;
}

/**
 * Middleware that sets `visitorId` for every request, issuing a new signed cookie
 * (HttpOnly, SameSite=Lax, Path=/, one year, Secure on https) when there is no valid one; a
 * widget request (token header) is known by its token alone and answered with it. Runs after
 * visitor-secret-guard.ts, which refuses every request while `VISITOR_SECRET` is missing.
 *
 * @throws {ApiError} 429 `too_many_new_visitors` when a mint is refused for the client address.
 * @throws {ApiError} 401 `widget_token_*` for a widget token that is invalid, expired or revoked.
 */
export function visitorCookie(): MiddlewareHandler<AppEnv> {
  return async function visitorCookie(c, next) {
    const secret = c.env.VISITOR_SECRET;
    const headerToken = c.req.header(VISITOR_TOKEN_HEADER);
    const reading = NON_MINTING_METHODS.has(c.req.method);
    if (headerToken !== undefined) {
      if (headerToken === NEW_WIDGET_TOKEN && reading) {
        c.set('visitorId', crypto.randomUUID());
        await next();
        return;
      }
      if (headerToken === NEW_WIDGET_TOKEN) await admitNewVisitor(c);
      const widget = await widgetCredential(c.env, headerToken, Date.now());
      c.set('visitorId', widget.visitorId);
      c.header(VISITOR_TOKEN_HEADER, widget.token);
      await next();
      return;
    }
    const current = await cookieVisitor(c, secret);
    const fromCookie = current ?? (await legacyCookieVisitor(c, secret));
    if (fromCookie === null && reading) {
      c.set('visitorId', crypto.randomUUID());
      await next();
      return;
    }
    if (fromCookie === null) await admitNewVisitor(c);
    const visitorId = fromCookie ?? crypto.randomUUID();
    if (visitorId !== current) {
      const signature = await signFor('visitor-cookie', visitorId, secret);
      setCookie(c, VISITOR_COOKIE, `${visitorId}.${signature}`, {
        httpOnly: true,
        path: '/',
        maxAge: VISITOR_COOKIE_MAX_AGE_S,
        sameSite: 'Lax',
        secure: new URL(c.req.url).protocol === 'https:',
      });
    }
    c.set('visitorId', visitorId);
    await next();
  };
}
