/**
 * @module fleet-key
 * The render workers' credential on `/api/fleet` (docs/http-api.md "Render fleet"): the
 * operator's secret `RENDER_FLEET_KEY`, sent as `Authorization: Bearer <key>` — only in that
 * header, never in a URL, and never a visitor identity (these routes set no cookie). Compared
 * by SHA-256 digests with a constant-time equality, so the answer's timing tells nothing of the
 * key. Unset or shorter than {@link MIN_FLEET_KEY_CHARS}, the fleet is off: every request 401.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';
import { ApiError } from './api-error';

/**
 * Fewest characters of a usable key: 32 (e.g. `openssl rand -base64 32` gives 44), too many to
 * guess; a shorter value is treated as unset rather than accepted.
 */
export const MIN_FLEET_KEY_CHARS = 32;
/** Longest `Authorization` value looked at; a real one is `Bearer ` and a key of ~50 characters. */
const MAX_AUTHORIZATION_CHARS = 1_000;

/** `crypto.subtle.timingSafeEqual` (workerd), which the DOM `SubtleCrypto` type lacks. */
const subtle = crypto.subtle as SubtleCrypto & {
  timingSafeEqual(a: ArrayBuffer | ArrayBufferView, b: ArrayBuffer | ArrayBufferView): boolean;
};

async function sha256(text: string): Promise<ArrayBuffer> {
  return subtle.digest('SHA-256', new TextEncoder().encode(text));
}

/**
 * Middleware: lets a request through only with `Authorization: Bearer <RENDER_FLEET_KEY>`.
 * @throws {ApiError} 401 `fleet_disabled` when the key is not set (or too short), 401
 *   `fleet_key_invalid` when the header is missing or holds another key
 */
export function fleetKey(): MiddlewareHandler<AppEnv> {
  return async function fleetKey(c, next) {
    const key = c.env.RENDER_FLEET_KEY ?? '';
    if (key.length < MIN_FLEET_KEY_CHARS)
      throw new ApiError(
        401,
        'fleet_disabled',
        'Render workers are not enabled on this server (RENDER_FLEET_KEY is not set).',
      );
    const header = (c.req.header('Authorization') ?? '').slice(0, MAX_AUTHORIZATION_CHARS);
    const sent = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
    const [expected, given] = await Promise.all([sha256(key), sha256(sent)]);
    if (sent === '' || !subtle.timingSafeEqual(expected, given))
      throw new ApiError(
        401,
        'fleet_key_invalid',
        'Send the render fleet key as "Authorization: Bearer <key>".',
      );
    await next();
  };
}
