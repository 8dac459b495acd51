/**
 * @module security-headers
 * `X-Content-Type-Options: nosniff` and the `Referrer-Policy` of shared/security-policy.ts on every
 * answer of the Worker (API, errors, `/embed`, the SPA pages it passes on), with hono's
 * secure-headers middleware. Static assets get the same from `dist/_headers`. A header a handler
 * set itself is kept (`overwrite: false`): `/embed` sends its own Content-Security-Policy.
 * An answer fetched from elsewhere (the SPA from `ASSETS`) has immutable headers, so the answer is
 * copied into a fresh `Response` first (the body stream is passed on, not read).
 */
import { secureHeaders } from 'hono/secure-headers';
import type { MiddlewareHandler } from 'hono';
import { REFERRER_POLICY } from '../../shared/security-policy';

/**
 * Middleware: adds `nosniff` and the referrer policy to the answer, and nothing else (framing is
 * decided per page by its Content-Security-Policy, see embed-page.ts and `dist/_headers`).
 */
export function securityHeaders(): MiddlewareHandler {
  const addHeaders = secureHeaders({
    xContentTypeOptions: true,
    referrerPolicy: REFERRER_POLICY,
    crossOriginResourcePolicy: false,
    crossOriginOpenerPolicy: false,
    originAgentCluster: false,
    strictTransportSecurity: false,
    xDnsPrefetchControl: false,
    xDownloadOptions: false,
    xFrameOptions: false,
    xPermittedCrossDomainPolicies: false,
    xXssProtection: false,
    overwrite: false,
  });
  return async function securityHeaders(c, next) {
    await addHeaders(c, async () => {
      await next();
      c.res = new Response(c.res.body, c.res);
    });
  };
}
