/**
 * @module callback-url
 * Which `callbackUrl` a render-API webhook may go to (docs/http-api.md "Webhooks"): an absolute
 * `https:` URL without user name or password, at most `MAX_CALLBACK_URL_CHARS` long
 * (shared/render-api-schema.ts). `http:` only to `localhost` / `127.0.0.1`, and only while
 * `WEBHOOK_ALLOW_HTTP_LOCALHOST` is set (development and tests): a deployed edge never posts a
 * render's outcome in clear text.
 */
import { ApiError } from '../middleware/api-error';

const LOCAL_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1']);

/**
 * `value` as the URL webhooks go to.
 * @param allowHttpLocalhost `WEBHOOK_ALLOW_HTTP_LOCALHOST` (set and not blank: allowed)
 * @throws {ApiError} 400 `invalid_callback_url` saying what is wrong
 */
export function checkCallbackUrl(value: string, allowHttpLocalhost: string | undefined): string {
  const refuse = (why: string): ApiError =>
    new ApiError(400, 'invalid_callback_url', `callbackUrl: ${why}`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw refuse('not an absolute URL');
  }
  if (url.username !== '' || url.password !== '')
    throw refuse('a user name or password in the URL is not allowed');
  if (url.protocol === 'https:') return url.href;
  const localHttp =
    url.protocol === 'http:' &&
    LOCAL_HOSTS.has(url.hostname) &&
    (allowHttpLocalhost ?? '').trim() !== '';
  if (!localHttp) throw refuse('webhooks are sent to https:// URLs only');
  return url.href;
}
