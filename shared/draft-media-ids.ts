/**
 * @module draft-media-ids
 * The uploads a draft shows or plays: the `mediaId` of every `media` visual and sound, and of
 * its brand logo.
 */
import type { Draft } from './draft-schema';

/** Every media id `draft` uses, in track and segment order (repeats kept), then the logo's. */
export function draftMediaIds(draft: Draft): string[] {
  const ids: string[] = [];
  for (const track of draft.tracks) {
    for (const segment of track.segments) {
      const source =
        'visual' in segment ? segment.visual : 'source' in segment ? segment.source : null;
      if (source?.type === 'media') ids.push(source.mediaId);
    }
  }
  if (draft.logo) ids.push(draft.logo.mediaId);
  return ids;
}
