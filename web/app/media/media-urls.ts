/**
 * @module media-urls
 * Where the renderer downloads each upload a draft uses: `{mediaId: url}` for every media
 * visual and sound and the logo, on this origin (the visitor's cookie proves the session is theirs).
 */
import type { Draft } from '../../../shared/draft-schema';
import { draftMediaIds } from '../../../shared/draft-media-ids';
import { mediaFileUrl } from './upload-client';

/** Every media id of `draft` mapped to its file URL in `sessionId`. */
export function mediaUrlsFor(draft: Draft, sessionId: string): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const mediaId of draftMediaIds(draft)) urls[mediaId] = mediaFileUrl(sessionId, mediaId);
  // The logo is an upload of one of the visitor's sessions, not necessarily this one.
  if (draft.logo) urls[draft.logo.mediaId] = mediaFileUrl(draft.logo.sessionId, draft.logo.mediaId);
  return urls;
}
