/**
 * @module purpose-signature
 * The edge's one signing scheme: an HMAC-SHA256 (Web Crypto, key `VISITOR_SECRET`) over
 * `<purpose>:<text>`, spelled base64url without padding. The purpose is part of the signed bytes,
 * so a signature made for one purpose never verifies for another: a download link's signature
 * cannot pass as a visitor cookie or a widget token, nor either of those as a download link.
 * Users: the visitor cookie (middleware/visitor-cookie.ts), the widget token
 * (middleware/widget-token.ts), the download link (signing/download-link.ts) and the webhook
 * signing secret of an API key (signing/api-key.ts).
 * HMAC: https://www.rfc-editor.org/rfc/rfc2104; base64url: https://www.rfc-editor.org/rfc/rfc4648#section-5.
 */
import { decodeBase64Url, encodeBase64Url } from 'hono/utils/encode';

/** What a signature is for; each is signed into its bytes. */
export type SignaturePurpose =
  | 'visitor-cookie'
  | 'widget-token'
  | 'render-download'
  | 'webhook-secret';

/** Characters of a signature: 32 HMAC-SHA256 bytes in base64url without padding. */
export const SIGNATURE_CHARS = 43;

const encoder = new TextEncoder();

function hmacKey(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign', 'verify'],
  );
}

function signedBytes(purpose: SignaturePurpose, text: string): Uint8Array<ArrayBuffer> {
  // A copy: Workers type `encode` as any buffer; the Web Crypto types want an ArrayBuffer.
  return new Uint8Array(encoder.encode(`${purpose}:${text}`));
}

/** base64url without `=` padding: the only spelling of a signature that is accepted. */
function toBase64Url(bytes: ArrayBuffer): string {
  return encodeBase64Url(bytes).replace(/=+$/, '');
}

/**
 * Signs `text` for `purpose`.
 *
 * @param secret `VISITOR_SECRET`
 * @returns {@link SIGNATURE_CHARS} base64url characters, e.g. `signFor('render-download', 'id:1700000000000', secret)`
 */
export async function signFor(
  purpose: SignaturePurpose,
  text: string,
  secret: string,
): Promise<string> {
  const signature = await crypto.subtle.sign(
    'HMAC',
    await hmacKey(secret),
    signedBytes(purpose, text),
  );
  return toBase64Url(signature);
}

/**
 * Whether `signature` is {@link signFor}`(purpose, text, secret)`, spelled exactly as it spells
 * it (no padding, no other alphabet). Compared by `crypto.subtle.verify` (constant time). Never
 * throws: anything malformed is `false`.
 */
export async function verifyFor(
  purpose: SignaturePurpose,
  text: string,
  signature: string,
  secret: string,
): Promise<boolean> {
  if (signature.length !== SIGNATURE_CHARS) return false;
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = decodeBase64Url(signature);
  } catch {
    return false;
  }
  if (toBase64Url(bytes.buffer) !== signature) return false;
  return crypto.subtle.verify('HMAC', await hmacKey(secret), bytes, signedBytes(purpose, text));
}
