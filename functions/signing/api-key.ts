/**
 * @module api-key
 * API keys of the render API: `rw_live_<32 random base64url characters><22 characters naming the
 * visitor>`. The random part (24 bytes from `crypto.getRandomValues`) is the secret; the tail is
 * the visitor id (16 bytes, base64url), so a request finds the one `VisitorAccount` that holds
 * the key's SHA-256 without any global index. The visitor id is no credential (every request is
 * still checked against the stored hash). Each key also has a webhook signing secret,
 * `whsec_<HMAC-SHA256 of the key id with VISITOR_SECRET>` (purpose-signature.ts), shown once
 * with the key and derived again when a webhook is signed, so no secret is stored.
 */
import { decodeBase64Url, encodeBase64Url } from 'hono/utils/encode';
import { signFor } from './purpose-signature';

/** What every key starts with (like other services' `sk_live_`: greppable in leaked code). */
export const API_KEY_PREFIX = 'rw_live_';
/** Random bytes of a key: 192 bits, far past guessing. */
const KEY_RANDOM_BYTES = 24;
/** Characters of a key shown in lists: the prefix and 8 random ones, enough to tell keys apart. */
const SHOWN_KEY_CHARS = API_KEY_PREFIX.length + 8;
/** What every webhook signing secret starts with. */
export const WEBHOOK_SECRET_PREFIX = 'whsec_';

const KEY_PATTERN = /^rw_live_([A-Za-z0-9_-]{32})([A-Za-z0-9_-]{22})$/;

function base64Url(bytes: Uint8Array<ArrayBuffer>): string {
  return encodeBase64Url(bytes.buffer).replace(/=+$/, '');
}

/** A new key for `visitorId` (a UUID) and the characters lists show of it. */
export function newApiKey(visitorId: string): { key: string; prefix: string } {
  const random = crypto.getRandomValues(new Uint8Array(KEY_RANDOM_BYTES));
  const visitor = new Uint8Array(16);
  const hex = visitorId.replaceAll('-', '');
  for (let i = 0; i < 16; i += 1) visitor[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  const key = `${API_KEY_PREFIX}${base64Url(random)}${base64Url(visitor)}`;
  return { key, prefix: key.slice(0, SHOWN_KEY_CHARS) };
}

/** The visitor id a well-formed key names, or null for anything that is not one. */
export function visitorOfApiKey(key: string): string | null {
  const tail = KEY_PATTERN.exec(key)?.[2];
  if (tail === undefined) return null;
  let bytes: Uint8Array;
  try {
    bytes = decodeBase64Url(tail);
  } catch {
    return null;
  }
  if (bytes.length !== 16) return null;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Lower-case hex SHA-256 of `key`: what the visitor's account stores and looks keys up by. */
export async function hashApiKey(key: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(key));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The webhook signing secret of key `keyId` (see the module doc). `secret` is `VISITOR_SECRET`. */
export async function webhookSecret(keyId: string, secret: string): Promise<string> {
  return `${WEBHOOK_SECRET_PREFIX}${await signFor('webhook-secret', keyId, secret)}`;
}
