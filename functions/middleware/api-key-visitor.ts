/**
 * @module api-key-visitor
 * Who a render-API request acts for when it carries `Authorization: Bearer rw_live_…`: the
 * visitor named inside the key (signing/api-key.ts), once their `VisitorAccount` holds the key's
 * SHA-256 (a revoked or made-up key is refused). Such a request never mints a visitor, never
 * reads or sets the cookie, and may only create renders and read them (`POST /api/renders`,
 * `GET /api/renders/:id`; and `/mcp`, through mcp-visitor.ts): a key cannot make or revoke keys, chat or delete. Requests without
 * such a header go to the visitor cookie (visitor-cookie.ts) as before, except a
 * `POST /api/renders` with no identity at all (no key, cookie or widget token): a script that
 * forgot its key gets 401 `api_key_required` instead of a new anonymous visitor.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';
import { ApiError } from './api-error';
import { API_KEY_PREFIX, hashApiKey, visitorOfApiKey } from '../signing/api-key';
import { visitorAccount } from '../durable/durable-stubs';
import { getCookie } from 'hono/cookie';
import { VISITOR_COOKIE } from './visitor-cookie';
import { VISITOR_TOKEN_HEADER } from './widget-token';

/** `Bearer <key>` (RFC 6750 §2.1: the scheme is case-insensitive). */
const BEARER = /^Bearer +(\S+)$/i;
/** The routes a key opens: create a render, read one. */
const KEY_ROUTES: ReadonlyArray<{ method: string; path: RegExp }> = [
  { method: 'POST', path: /^\/api\/renders\/?$/ },
  { method: 'GET', path: /^\/api\/renders\/[^/]+\/?$/ },
];

/** 401 `api_key_invalid`: also what `/mcp` answers a revoked or made-up key (mcp-visitor.ts). */
export function invalidKey(): ApiError {
  return new ApiError(
    401,
    'api_key_invalid',
    'This API key is not valid: it was revoked, mistyped or never made. Make a new one in the library panel.',
  );
}

/**
 * The visitor and key id an API key `key` (`rw_live_…`) stands for, once their account holds its
 * hash (it is recorded as used); null for a malformed, revoked or unknown key.
 */
export async function apiKeyOwner(
  env: AppEnv['Bindings'],
  key: string,
): Promise<{ visitorId: string; keyId: string } | null> {
  const visitorId = visitorOfApiKey(key);
  if (visitorId === null) return null;
  const keyId = await visitorAccount(env, visitorId).useApiKey(await hashApiKey(key));
  return keyId === null ? null : { visitorId, keyId };
}

/**
 * Middleware: sets `visitorId` and `apiKeyId` from an API key, or hands the request to `fallback`.
 *
 * @throws {ApiError} 401 `api_key_required` (see the module doc); 401 `api_key_invalid` (malformed, revoked or unknown key; with
 *   `WWW-Authenticate: Bearer`); 403 `api_key_not_allowed` on any other route.
 */
export function apiKeyVisitor(fallback: MiddlewareHandler<AppEnv>): MiddlewareHandler<AppEnv> {
  return async function apiKeyVisitor(c, next) {
    const key = BEARER.exec(c.req.header('Authorization') ?? '')?.[1];
    if (key === undefined || !key.startsWith(API_KEY_PREFIX)) {
      const anonymous =
        getCookie(c, VISITOR_COOKIE) === undefined &&
        c.req.header(VISITOR_TOKEN_HEADER) === undefined;
      if (anonymous && c.req.method === 'POST' && KEY_ROUTES[0]?.path.test(c.req.path)) {
        c.header('WWW-Authenticate', 'Bearer realm="reelwright"');
        throw new ApiError(
          401,
          'api_key_required',
          'Send your API key as "Authorization: Bearer rw_live_…" (make one in the library panel).',
        );
      }
      return fallback(c, next);
    }
    if (!KEY_ROUTES.some((route) => route.method === c.req.method && route.path.test(c.req.path)))
      throw new ApiError(
        403,
        'api_key_not_allowed',
        'An API key may only create renders (POST /api/renders) and read them (GET /api/renders/:id).',
      );
    const owner = await apiKeyOwner(c.env, key);
    if (owner === null) {
      c.header('WWW-Authenticate', 'Bearer realm="reelwright", error="invalid_token"');
      throw invalidKey();
    }
    c.set('visitorId', owner.visitorId);
    c.set('apiKeyId', owner.keyId);
    await next();
  };
}
