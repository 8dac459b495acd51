/**
 * @module visitor-secret-guard
 * `VISITOR_SECRET` signs every visitor cookie, widget token and download link: whoever knows it
 * can act as any visitor. The Worker therefore refuses to serve (503 `visitor_secret_unsafe`: a
 * JSON error under `/api`, a short HTML page elsewhere, and a log line naming the variable) when
 * the secret is missing, shorter than {@link MIN_VISITOR_SECRET_CHARS}, or the public value that
 * `wrangler.toml` once shipped — unless the request is for this machine itself (the request URL's
 * host is `localhost`, `127.0.0.1` or `[::1]`), where tests and `wrangler dev` run. Only the URL
 * counts, never `X-Forwarded-For` or the like: on Cloudflare its host is the routed hostname;
 * `wrangler dev` takes it from the client's `Host`, so a dev server other machines can reach needs
 * a real secret (the random one `npm start` writes). A missing secret is refused everywhere:
 * nothing can be signed without one.
 *
 * `npm start` writes a random secret into `.dev.vars` (scripts/lib/dev-vars.mjs); production sets
 * one with `wrangler secret put VISITOR_SECRET`.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';
import { contentSecurityPolicy } from '../../shared/security-policy';
import { errorBody } from './api-error';

/**
 * The value `wrangler.toml` shipped in `[vars]` before it moved out: public (it is in the
 * repository's history), so it is accepted on localhost only. Local test servers use it
 * (scripts/lib/start-app.ts listens on 127.0.0.1 only).
 */
export const PUBLIC_DEV_VISITOR_SECRET = 'dev-only-visitor-secret-change-me';

/**
 * Shortest secret accepted off localhost, characters: 32. An HMAC-SHA256 key shorter than the
 * hash (32 bytes) weakens it (RFC 2104 §3); `openssl rand -base64 32` prints 44 characters.
 */
export const MIN_VISITOR_SECRET_CHARS = 32;

/** Error code of the refusal (docs/http-api.md). */
export const VISITOR_SECRET_UNSAFE = 'visitor_secret_unsafe';

/** Host names of this machine, as `URL.hostname` spells them. */
const LOOPBACK_HOSTNAMES: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

/** What is wrong with a secret, or null when it is fine to use anywhere. */
export function visitorSecretProblem(
  secret: string | undefined,
): 'missing' | 'too short' | 'the public development value' | null {
  if (typeof secret !== 'string' || secret === '') return 'missing';
  if (secret === PUBLIC_DEV_VISITOR_SECRET) return 'the public development value';
  if (secret.length < MIN_VISITOR_SECRET_CHARS) return 'too short';
  return null;
}

/** Whether `url` (the request's own URL, not a header) names this machine. */
export function isLoopbackUrl(url: string): boolean {
  return LOOPBACK_HOSTNAMES.has(new URL(url).hostname);
}

/** What the operator must do, in one sentence (the log line, the page and the JSON message). */
function advice(problem: string): string {
  const scope = problem === 'missing' ? 'answers nothing' : 'only answers on localhost';
  return `VISITOR_SECRET is ${problem}, so this server ${scope}. Set a secret of at least ${MIN_VISITOR_SECRET_CHARS} random characters: \`openssl rand -base64 32 | npx wrangler secret put VISITOR_SECRET\`.`;
}

/** The refusal page for browsers (no script, no style: it works under any policy). */
function refusalPage(message: string): string {
  const escaped = message.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Reelwright is not set up</title></head><body><h1>Reelwright is not set up yet</h1><p>This server refuses to serve because its visitor secret is unsafe; the site's operator must fix it.</p><p><code>${escaped}</code></p></body></html>`;
}

/** The 503 answer for `c`: JSON under `/api`, HTML elsewhere. */
function refuse(c: Context<AppEnv>, problem: string): Response {
  const message = advice(problem);
  console.error(`${message} Refused ${c.req.method} ${new URL(c.req.url).host}${c.req.path}.`);
  if (c.req.path === '/api' || c.req.path.startsWith('/api/'))
    return c.json(errorBody(VISITOR_SECRET_UNSAFE, message), 503);
  c.header('Content-Security-Policy', contentSecurityPolicy());
  c.header('Cache-Control', 'no-store');
  return c.html(refusalPage(message), 503);
}

/**
 * Middleware: answers 503 `visitor_secret_unsafe` (see the module docblock) instead of running
 * the app when `VISITOR_SECRET` is missing, or is short or public and the request is not for localhost.
 */
export function visitorSecretGuard(): MiddlewareHandler<AppEnv> {
  return async function visitorSecretGuard(c, next) {
    const problem = visitorSecretProblem(c.env.VISITOR_SECRET);
    if (problem === 'missing' || (problem !== null && !isLoopbackUrl(c.req.url)))
      return refuse(c, problem);
    await next();
  };
}
