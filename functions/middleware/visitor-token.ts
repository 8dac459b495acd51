/**
 * @module visitor-token
 * The visitor id as a bearer token for the embedded widget where third-party cookies are
 * blocked: the same `<uuid>.<base64 HMAC-SHA256>` string as the signed `rw_visitor` cookie
 * (hono's signed-cookie format, same `VISITOR_SECRET`), sent in the `X-Reelwright-Visitor`
 * header only (never in a URL: it opens everything the visitor owns).
 */
import { parseSigned, serializeSigned } from 'hono/utils/cookie';
import { z } from 'zod';

/** Request/response header that carries the token (docs/http-api.md, "Embedding"). */
export const VISITOR_TOKEN_HEADER = 'X-Reelwright-Visitor';
/** Any cookie-safe name: only used to reuse hono's signed-cookie codec. */
const CODEC_NAME = 'v';

const visitorIdSchema = z.uuid();

/** Signs `visitorId` into a token. */
export async function signVisitorToken(visitorId: string, secret: string): Promise<string> {
  const serialized = await serializeSigned(CODEC_NAME, visitorId, secret);
  return decodeURIComponent(serialized.slice(CODEC_NAME.length + 1));
}

/** The visitor id inside a valid token, or null for a missing, forged or malformed one. */
export async function verifyVisitorToken(token: string | null | undefined, secret: string): Promise<string | null> {
  if (typeof token !== 'string' || token === '' || token.length > 200) return null;
  const parsed = await parseSigned(`${CODEC_NAME}=${encodeURIComponent(token)}`, secret, CODEC_NAME);
  const value = parsed[CODEC_NAME];
  return typeof value === 'string' && visitorIdSchema.safeParse(value).success ? value : null;
}
