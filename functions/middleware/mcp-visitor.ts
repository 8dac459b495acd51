/**
 * @module mcp-visitor
 * Who an `/mcp` request acts for: the visitor named by the credential it carries as
 * `Authorization: Bearer <credential>`: one of their API keys (`rw_live_…`, made and revoked in
 * the library panel; api-key-visitor.ts) or their widget token (widget-token.ts: signed,
 * expiring, revoked by "Forget me on this site", as `POST /api/agent-token` gives it). Nothing else identifies an agent: no cookie, no identity from a URL, and no new
 * visitor is minted here (`new` is refused): an agent acts for a visitor who already exists.
 * A renewed token is answered in `X-Reelwright-Visitor`, as for the widget.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';
import { ApiError } from './api-error';
import { NEW_WIDGET_TOKEN, VISITOR_TOKEN_HEADER, widgetCredential } from './widget-token';
import { apiKeyOwner, invalidKey } from './api-key-visitor';
import { API_KEY_PREFIX } from '../signing/api-key';

/** `Bearer <token>` (RFC 6750 §2.1: the scheme is case-insensitive). */
const BEARER = /^Bearer +(\S+)$/i;

/**
 * Middleware: sets `visitorId` from the bearer token.
 *
 * @throws {ApiError} 401 `token_required` without a bearer token (or with `new`); 401
 *   `api_key_invalid` (a revoked or made-up key); 401 `widget_token_invalid` / `widget_token_expired` / `widget_token_revoked` (widget-token.ts).
 *   Each 401 carries `WWW-Authenticate: Bearer` (RFC 6750 §3).
 */
export function mcpVisitor(): MiddlewareHandler<AppEnv> {
  return async function mcpVisitor(c, next) {
    c.header('WWW-Authenticate', 'Bearer realm="reelwright"');
    const token = BEARER.exec(c.req.header('Authorization') ?? '')?.[1];
    if (token === undefined || token === NEW_WIDGET_TOKEN) {
      throw new ApiError(
        401,
        'token_required',
        'Send an API key as "Authorization: Bearer rw_live_…" (make one in the library panel; docs/mcp.md).',
      );
    }
    if (token.startsWith(API_KEY_PREFIX)) {
      const owner = await apiKeyOwner(c.env, token);
      if (owner === null) throw invalidKey();
      c.header('WWW-Authenticate', undefined);
      c.set('visitorId', owner.visitorId);
      await next();
      return;
    }
    const credential = await widgetCredential(c.env, token, Date.now());
    c.header('WWW-Authenticate', undefined);
    c.set('visitorId', credential.visitorId);
    if (credential.token !== token) c.header(VISITOR_TOKEN_HEADER, credential.token);
    await next();
  };
}
