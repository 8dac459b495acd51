/**
 * @module embed-page
 * `GET /embed`: the widget's page (the built `embed.html`), served through the Worker so it can
 * say who may frame it: the app's Content-Security-Policy (shared/security-policy.ts) with
 * `frame-ancestors <EMBED_ALLOWED_ORIGINS>` (or `'none'` when the list is empty). The same allow-list is written into the page as
 * `<meta name="reelwright-allowed-origins">`, so the page's postMessage bridge only talks to
 * those origins.
 */
import type { Context } from 'hono';
import { parseAllowedOrigins } from '../../shared/embed-protocol';
import { contentSecurityPolicy } from '../../shared/security-policy';
import type { AppEnv } from '../env';

/** Name of the meta tag the embed page reads its allow-list from. */
export const ALLOWED_ORIGINS_META = 'reelwright-allowed-origins';
/** The asset path of the page (html_handling maps `/embed` to `embed.html`). */
const EMBED_ASSET_PATH = '/embed';

/** Serves the embed page with its framing policy; see the module docblock. */
export async function serveEmbedPage(c: Context<AppEnv>): Promise<Response> {
  const origins = parseAllowedOrigins(c.env.EMBED_ALLOWED_ORIGINS);
  // Asked without the visitor's conditional headers: the page is rewritten, so a 304 cannot be passed on.
  const asset = await c.env.ASSETS.fetch(new Request(new URL(EMBED_ASSET_PATH, c.req.url)));
  const headers = new Headers(asset.headers);
  headers.set('Content-Security-Policy', contentSecurityPolicy(origins));
  // X-Frame-Options cannot name origins; frame-ancestors replaces it here.
  headers.delete('X-Frame-Options');
  // The policy follows configuration: never let a cache keep an old one.
  headers.set('Cache-Control', 'no-store');
  headers.delete('ETag');
  const html = new HTMLRewriter().on('head', {
    element(head) {
      head.append(`<meta name="${ALLOWED_ORIGINS_META}" content="${origins.join(' ')}">`, {
        html: true,
      });
    },
  });
  const body = asset.ok ? html.transform(asset).body : asset.body;
  return new Response(body, { status: asset.status, headers });
}
