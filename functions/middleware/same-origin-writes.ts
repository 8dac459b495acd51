/**
 * @module same-origin-writes
 * Cross-site request forgery guard for `/api`: a request that changes something (POST, PUT, PATCH,
 * DELETE — JSON bodies, upload parts and render chunks alike) and comes from a browser must come
 * from the app's own origin or an origin of `EMBED_ALLOWED_ORIGINS`; otherwise it is refused with
 * 403 `forbidden_origin` before any visitor is looked up or created.
 *
 * "From a browser" means the request carries `Origin` or `Sec-Fetch-Site` (browsers send them on
 * every such request; a page cannot remove them). It passes when `Sec-Fetch-Site` is `same-origin`
 * or `Origin` is an allowed origin, the rule of hono's `csrf` middleware. Requests with neither
 * header (curl, scripts, agents, which hold their own credential) pass.
 *
 * hono's `csrf` itself is not used: it only checks requests whose Content-Type a form can send
 * (form encodings and `text/plain`), leaving JSON and `application/octet-stream` bodies to CORS,
 * and it refuses requests with neither header.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';
import { parseAllowedOrigins } from '../../shared/embed-protocol';
import { ApiError } from './api-error';

/** Methods that read only; every other method is checked. */
const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Error code of the refusal (docs/http-api.md). */
export const FORBIDDEN_ORIGIN = 'forbidden_origin';

/**
 * Middleware: refuses a state-changing browser request from a foreign origin (see the module docblock).
 *
 * @throws {ApiError} 403 `forbidden_origin`.
 */
export function sameOriginWrites(): MiddlewareHandler<AppEnv> {
  return async function sameOriginWrites(c, next) {
    if (!SAFE_METHODS.has(c.req.method)) {
      const origin = c.req.header('Origin');
      const fetchSite = c.req.header('Sec-Fetch-Site');
      const fromBrowser = origin !== undefined || fetchSite !== undefined;
      const allowed =
        fetchSite === 'same-origin' ||
        (origin !== undefined &&
          (origin === new URL(c.req.url).origin ||
            parseAllowedOrigins(c.env.EMBED_ALLOWED_ORIGINS).includes(origin)));
      if (fromBrowser && !allowed) {
        throw new ApiError(
          403,
          FORBIDDEN_ORIGIN,
          `This request came from another site (${(origin ?? `Sec-Fetch-Site: ${fetchSite ?? ''}`).slice(0, 100)}); Reelwright only accepts changes from its own pages.`,
        );
      }
    }
    await next();
  };
}
