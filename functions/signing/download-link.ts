/**
 * @module download-link
 * A render's download link as a capability for that one file, so it can leave the app (the
 * widget hands it to the host page) without carrying the visitor's credential:
 * `/api/renders/<id>/file?expires=<unix ms>&sig=<signature>`, signed for the purpose
 * `render-download` over `<id>:<expires>` (purpose-signature.ts: the same bytes as before that
 * module existed, so links already handed out stay valid). Whoever holds a valid, unexpired link
 * may download that render; it opens nothing else.
 */
import { ApiError } from '../middleware/api-error';
import { decimalInt } from '../../shared/decimal-int';
import { signFor, verifyFor } from './purpose-signature';

/**
 * How long a download link works, ms: 24 h. The app asks for a fresh link whenever it reads
 * the render (every list, reload or status check), so a day outlives any open page; a link
 * that leaked from a host page is dead by the next day.
 */
export const DOWNLOAD_LINK_TTL_MS = 24 * 60 * 60_000;
/** Query parameter with the link's expiry time (unix ms). */
export const DOWNLOAD_EXPIRES_QUERY = 'expires';
/** Query parameter with the link's signature (base64url, no padding). */
export const DOWNLOAD_SIG_QUERY = 'sig';

/** A well-formed `expires`: unix ms in plain decimal digits, one spelling per instant (shared/decimal-int.ts). */
const expiresSchema = decimalInt(0, Number.MAX_SAFE_INTEGER);

/** The signed text: the render id and the expiry, so a signature fits one link only. */
function signedText(renderId: string, expiresAtMs: number): string {
  return `${renderId}:${expiresAtMs}`;
}

/**
 * A download link for render `renderId` that works until `nowMs + DOWNLOAD_LINK_TTL_MS`.
 *
 * @param secret `VISITOR_SECRET`.
 * @param nowMs the current time, unix ms.
 * @returns the same-origin path with its query, e.g. `/api/renders/<id>/file?expires=…&sig=…`.
 */
export async function signDownloadUrl(
  renderId: string,
  secret: string,
  nowMs: number,
): Promise<string> {
  const expiresAtMs = nowMs + DOWNLOAD_LINK_TTL_MS;
  const signature = await signFor('render-download', signedText(renderId, expiresAtMs), secret);
  const query = new URLSearchParams({
    [DOWNLOAD_EXPIRES_QUERY]: String(expiresAtMs),
    [DOWNLOAD_SIG_QUERY]: signature,
  });
  return `/api/renders/${renderId}/file?${query.toString()}`;
}

/**
 * What a download link says about render `renderId`: `valid`, `expired` (signed by us, past its
 * time) or `invalid` (missing parts, malformed, tampered with, or made for another render).
 * The signature is checked by purpose-signature.ts (constant time, exact spelling).
 *
 * @param expires the `expires` query value; `sig` the `sig` query value.
 */
export async function checkDownloadLink(
  renderId: string,
  expires: string | undefined,
  sig: string | undefined,
  secret: string,
  nowMs: number,
): Promise<'valid' | 'expired' | 'invalid'> {
  const expiry = expiresSchema.safeParse(expires);
  if (!expiry.success || sig === undefined) return 'invalid';
  const expiresAtMs = expiry.data;
  const genuine = await verifyFor(
    'render-download',
    signedText(renderId, expiresAtMs),
    sig,
    secret,
  );
  if (!genuine) return 'invalid';
  return nowMs > expiresAtMs ? 'expired' : 'valid';
}

/**
 * Checks a download link and throws unless it is valid (see {@link checkDownloadLink}).
 *
 * @throws {ApiError} 400 `invalid_query` when `expires` is there but not plain decimal digits
 *   (`0x…`, `1e12`, `+…`, a leading zero); 403 `download_link_expired` or 403 `download_link_invalid`.
 */
export async function requireDownloadLink(
  renderId: string,
  expires: string | undefined,
  sig: string | undefined,
  secret: string,
  nowMs: number,
): Promise<void> {
  if (expires !== undefined && !expiresSchema.safeParse(expires).success) {
    throw new ApiError(
      400,
      'invalid_query',
      '?expires= must be a time in plain decimal digits; open the video in Reelwright again for a fresh link.',
    );
  }
  const verdict = await checkDownloadLink(renderId, expires, sig, secret, nowMs);
  if (verdict === 'expired') {
    throw new ApiError(
      403,
      'download_link_expired',
      'This download link has expired; open the video in Reelwright again for a fresh one.',
    );
  }
  if (verdict === 'invalid') {
    throw new ApiError(
      403,
      'download_link_invalid',
      'This download link is not valid (it was changed or is for another video); open the video in Reelwright again for a fresh one.',
    );
  }
}

/**
 * `job` with its `downloadUrl` (when it has one) replaced by a signed link valid for
 * {@link DOWNLOAD_LINK_TTL_MS}; every route that answers a render job or summary passes it through this.
 *
 * @example c.json(await withDownloadLink(unwrap(await job.info(visitorId)), c.env.VISITOR_SECRET))
 */
export async function withDownloadLink<T extends { id: string; downloadUrl: string | null }>(
  job: T,
  secret: string,
  nowMs = Date.now(),
): Promise<T> {
  return job.downloadUrl === null
    ? job
    : { ...job, downloadUrl: await signDownloadUrl(job.id, secret, nowMs) };
}
