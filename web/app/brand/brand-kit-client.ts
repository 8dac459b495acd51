/**
 * @module brand-kit-client
 * The SPA's side of `GET`/`PUT /api/brand-kit` (docs/http-api.md "Brand kit"), and the visitor's
 * pictures a logo may be picked from (image uploads of their sessions). Answers are parsed with
 * shared/brand-kit-schema.ts; a failure is an `ApiError` with the server's plain words.
 */
import { brandKitSchema } from '../../../shared/brand-kit-schema';
import type { BrandKit } from '../../../shared/brand-kit-schema';
import type { MediaItem } from '../../../shared/media-schema';
import { call, listMedia } from '../media/upload-client';

const BRAND_KIT_URL = '/api/brand-kit';
/**
 * Sessions whose uploads are listed for the logo picker, newest first: each is one request, and
 * a logo is usually uploaded in a recent session.
 */
export const MAX_LOGO_SESSIONS = 20;

/** The visitor's kit (the empty kit when none was saved). */
export function loadBrandKit(): Promise<BrandKit> {
  return call(BRAND_KIT_URL, {}, brandKitSchema, 'the brand kit');
}

/** Replaces the visitor's kit; resolves with the kit as stored. */
export function saveBrandKit(kit: BrandKit): Promise<BrandKit> {
  const init = {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(kit),
  };
  return call(BRAND_KIT_URL, init, brandKitSchema, 'saving the brand kit');
}

/** Finished picture uploads of the sessions `sessionIds` (the first {@link MAX_LOGO_SESSIONS}). */
export async function listLogoCandidates(sessionIds: readonly string[]): Promise<MediaItem[]> {
  const lists = await Promise.all(sessionIds.slice(0, MAX_LOGO_SESSIONS).map(listMedia));
  return lists.flat().filter((item) => item.kind === 'image' && item.status !== 'uploading');
}
