/**
 * @module request-headers
 * Extra headers for the page's own `/api` requests made outside the API client: uploads, the
 * media a draft shows (preview, audio mix) and the encode worker's downloads of them. In the
 * framed widget they carry its widget token (embed.tsx sets the provider; the encode worker gets
 * the headers in its render request), since the widget has no cookie; in the app, none (the
 * cookie is enough).
 */

let provider: () => Record<string, string> = () => ({});

/** Sets where the headers come from (called once per page or worker). */
export function setRequestHeaders(next: () => Record<string, string>): void {
  provider = next;
}

/** The headers to add now, e.g. `{'X-Reelwright-Visitor': '<token>'}`; `{}` by default. */
export function requestHeaders(): Record<string, string> {
  return provider();
}
