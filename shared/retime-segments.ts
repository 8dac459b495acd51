/**
 * @module retime-segments
 * One change applied to the timing of every segment of a draft, whatever its track's kind. Pure.
 */
import type { Draft, Track } from './draft-schema';

/** A segment's place on the timeline, ms. */
export interface Timed {
  startMs: number;
  durationMs: number;
}

/**
 * The draft with `retime` applied to every segment of every track.
 * @param retime returns the segment itself, or a copy with another `startMs`/`durationMs`
 */
export function retimeSegments(draft: Draft, retime: <T extends Timed>(segment: T) => T): Draft {
  const tracks = draft.tracks.map(
    (track): Track =>
      track.kind === 'video'
        ? { ...track, segments: track.segments.map(retime) }
        : track.kind === 'audio'
          ? { ...track, segments: track.segments.map(retime) }
          : { ...track, segments: track.segments.map(retime) },
  );
  return { ...draft, tracks };
}
