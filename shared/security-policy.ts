/**
 * @module security-policy
 * The browser security headers of the app, in one place: the build writes them into `dist/_headers`
 * for every static asset (vite.config.ts), and the Worker sends the same on what it answers
 * (functions/middleware/security-headers.ts, the widget page `/embed` with its own
 * `frame-ancestors`, the refusal page of a bad `VISITOR_SECRET`).
 *
 * What the app needs, and why each source is allowed:
 * - scripts only from this origin, plus `'wasm-unsafe-eval'` to compile WebAssembly (the
 *   ffmpeg.wasm core, mediabunny's AAC encoder): no inline script, no `eval`;
 * - workers from this origin (the encode worker, ffmpeg.wasm's worker) and from `blob:`
 *   (mediabunny starts its AAC encoder and frame workers from blob URLs);
 * - `connect-src blob:`: the ffmpeg core fetches its unpacked `.wasm` from a blob URL;
 * - images, media and fonts also from `blob:`/`data:` (uploads shown from blob URLs, the inline
 *   favicon, thumbnails as data URLs, small font subsets that Vite inlines as data URLs);
 * - styles only from this origin: the CSS is in files, and Preact's `style` props set CSSOM
 *   properties, which CSP does not restrict.
 */

/** Directive name → sources, written as CSP spells them. */
export type CspDirectives = Readonly<Record<string, readonly string[]>>;

/** The app's policy, without `frame-ancestors` (each answer adds its own, see {@link contentSecurityPolicy}). */
export const APP_CSP_DIRECTIVES: CspDirectives = {
  'default-src': ["'self'"],
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  'worker-src': ["'self'", 'blob:'],
  'connect-src': ["'self'", 'blob:'],
  'img-src': ["'self'", 'blob:', 'data:'],
  'media-src': ["'self'", 'blob:'],
  'font-src': ["'self'", 'data:'],
  'style-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
};

/** `Referrer-Policy` of every answer: other sites see our origin only, never a path with ids in it. */
export const REFERRER_POLICY = 'strict-origin-when-cross-origin';

/**
 * The `Content-Security-Policy` value: {@link APP_CSP_DIRECTIVES} plus `frame-ancestors`.
 *
 * @param frameAncestors origins that may frame the page; empty (the default) means none.
 * @example contentSecurityPolicy() // "default-src 'self'; … ; frame-ancestors 'none'"
 */
export function contentSecurityPolicy(frameAncestors: readonly string[] = []): string {
  const directives: CspDirectives = {
    ...APP_CSP_DIRECTIVES,
    'frame-ancestors': frameAncestors.length > 0 ? frameAncestors : ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join('; ');
}

/** How long browsers keep a content-hashed build file: a year, never revalidated. */
export const HASHED_ASSET_CACHE_CONTROL = 'public, max-age=31536000, immutable';

/**
 * The `_headers` file of the static assets (Cloudflare's format: a path pattern, then indented
 * `Name: value` lines): every asset gets the policy, `nosniff`, the referrer policy, and refuses to
 * be framed (`/embed`, which may be framed, is answered by the Worker, which replaces these).
 * Files under `/assets/` carry a content hash in their names (Vite's build), so browsers keep
 * them a year without asking again (https://developer.mozilla.org/docs/Web/HTTP/Reference/Headers/Cache-Control#immutable).
 */
export function staticAssetHeaders(): string {
  return [
    '# Written by the build from shared/security-policy.ts: edit that file, not this one.',
    '/*',
    `  Content-Security-Policy: ${contentSecurityPolicy()}`,
    '  X-Content-Type-Options: nosniff',
    `  Referrer-Policy: ${REFERRER_POLICY}`,
    '  X-Frame-Options: DENY',
    '/assets/*',
    `  Cache-Control: ${HASHED_ASSET_CACHE_CONTROL}`,
    '',
  ].join('\n');
}
