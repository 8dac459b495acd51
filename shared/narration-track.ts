/**
 * @module narration-track
 * Which audio track is the narration: the one whose segments are all speech
 * (narration-schema.ts). Music, uploaded sound and narration share the `audio` track kind.
 */
import type { AudioSegment, Draft, Track } from './draft-schema';

/** Id of the director's narration track (one per draft). */
export const NARRATION_TRACK_ID = 'audio-narration';

/** True for an audio track that holds narration (its segments are speech), not music or sound. */
export function isNarrationTrack(track: Track): boolean {
  return (
    track.kind === 'audio' &&
    track.segments.length > 0 &&
    track.segments.every((segment) => segment.source.type === 'speech')
  );
}

/** The draft's spoken segments (`source.type === 'speech'`), in track then time order. */
export function speechSegments(draft: Draft): AudioSegment[] {
  return draft.tracks.flatMap((track) =>
    track.kind === 'audio' ? track.segments.filter((s) => s.source.type === 'speech') : [],
  );
}
