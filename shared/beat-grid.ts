/**
 * @module beat-grid
 * Cuts on the beat: the beat grid of a draft's music and scene boundaries snapped to it. A
 * generated-music segment plays its loop from its `startMs` with beat 1 at the loop's start
 * (web/render/generate-music.ts schedules every bar from time 0), so its beats fall at
 * `startMs + k · 60 000 / tempoBpm`. An uploaded sound whose beat was detected in the browser
 * (`source.beat`: tempo and first-beat offset, web-audio-beat-detector) has its beats at
 * `startMs + offsetMs − sourceStartMs + k · period`. Pure.
 */
import type { AudioSegment, Draft } from './draft-schema';
import { retimeSegments } from './retime-segments';

/**
 * A scene boundary moves to a beat at most this far, ms: half the beat of the slowest default
 * tempo (calm music, 72 bpm: 833 ms a beat), so every cut of a video with default music lands
 * on a beat, and a scene changes by under a second (its narration is fitted afterwards).
 */
export const MAX_BEAT_SNAP_MS = 420;
/** A snap never leaves a scene shorter than this, ms (the planner's shortest scene, 2 s). */
export const MIN_SNAPPED_SCENE_MS = 2_000;

/** A steady beat: beats at `offsetMs + k · 60 000 / tempoBpm` (k ≥ 0) on the video's timeline. */
export interface BeatGrid {
  tempoBpm: number;
  offsetMs: number;
}

/**
 * Times of the beats of `grid` within `[fromMs, toMs]`, rounded to integer ms.
 * @throws RangeError when the tempo is not a positive finite number
 */
export function beatTimesMs(grid: BeatGrid, fromMs: number, toMs: number): number[] {
  if (!(grid.tempoBpm > 0) || !Number.isFinite(grid.tempoBpm))
    throw new RangeError(`tempo must be a positive number of bpm, got ${grid.tempoBpm}`);
  const periodMs = 60_000 / grid.tempoBpm;
  const first = Math.max(0, Math.ceil((fromMs - grid.offsetMs) / periodMs - 1e-9));
  const beats: number[] = [];
  for (let k = first; grid.offsetMs + k * periodMs <= toMs + 1e-9; k++)
    beats.push(Math.round(grid.offsetMs + k * periodMs));
  return beats;
}

/** Cost of leaving a cut off the beat, in ms of shift: more than any shift within the bound. */
const OFF_BEAT_COST_MS = 1_000_000;

/**
 * Moves cuts onto beats: each cut goes to a beat within `maxShiftMs` or stays, choosing for all
 * cuts together (dynamic programming over each cut's options) the most cuts on a beat, then the
 * least total shift, such that no span between the fixed ends and the cuts gets shorter than
 * `minSpanMs` (or than it was, when it already was shorter).
 * @param cutsMs scene boundaries, ascending, strictly inside `(startMs, endMs)`
 * @param beatsMs beat times, ascending
 * @param bounds `startMs`/`endMs`: the first scene's start and the last scene's end (fixed)
 * @returns the cuts after snapping, ascending, same length
 */
export function snapCutsToBeats(
  cutsMs: readonly number[],
  beatsMs: readonly number[],
  bounds: { startMs: number; endMs: number },
  maxShiftMs: number = MAX_BEAT_SNAP_MS,
  minSpanMs: number = MIN_SNAPPED_SCENE_MS,
): number[] {
  const points = [bounds.startMs, ...cutsMs, bounds.endMs];
  /** Options per point: the fixed ends stay; a cut may go to a near beat or stay (cost last). */
  const options = points.map((point, i) =>
    i === 0 || i === points.length - 1
      ? [{ at: point, cost: 0 }]
      : [
          ...beatsMs
            .filter((beat) => Math.abs(beat - point) <= maxShiftMs)
            .map((beat) => ({ at: beat, cost: Math.abs(beat - point) })),
          ...(beatsMs.includes(point) ? [] : [{ at: point, cost: OFF_BEAT_COST_MS }]),
        ],
  );
  /** best[i][k]: least cost of points 0..i with point i at option k, and the option before. */
  const best: Array<Array<{ cost: number; from: number }>> = [[{ cost: 0, from: -1 }]];
  for (let i = 1; i < points.length; i++) {
    const wasMs = (points[i] ?? 0) - (points[i - 1] ?? 0);
    const floor = Math.min(minSpanMs, wasMs);
    best.push(
      (options[i] ?? []).map((option) => {
        let pick = { cost: Number.POSITIVE_INFINITY, from: -1 };
        (options[i - 1] ?? []).forEach((before, k) => {
          const cost = (best[i - 1]?.[k]?.cost ?? Number.POSITIVE_INFINITY) + option.cost;
          if (option.at - before.at >= floor && cost < pick.cost) pick = { cost, from: k };
        });
        return pick;
      }),
    );
  }
  // Walk back from the end; the cuts as they were always form a path, so one exists.
  const out: number[] = [];
  let k = 0;
  for (let i = points.length - 1; i > 0; i--) {
    const step = best[i]?.[k];
    if (!step || step.from < 0) return [...cutsMs];
    k = step.from;
    if (i > 1) out.unshift(options[i - 1]?.[k]?.at ?? points[i - 1] ?? 0);
  }
  return out;
}

/** The beat grid of a music segment on the video's timeline, or null when its beat is unknown. */
export function segmentBeatGrid(segment: AudioSegment): BeatGrid | null {
  const source = segment.source;
  if (source.type === 'generated-music')
    return { tempoBpm: source.tempoBpm, offsetMs: segment.startMs };
  if (source.type === 'media' && source.beat)
    return {
      tempoBpm: source.beat.tempoBpm,
      offsetMs: segment.startMs + source.beat.offsetMs - source.sourceStartMs,
    };
  return null;
}

/** The beat grid of the draft's background music (its first music segment), or null. */
export function musicBeatGrid(draft: Draft): { grid: BeatGrid; segment: AudioSegment } | null {
  for (const track of draft.tracks) {
    if (track.kind !== 'audio') continue;
    for (const segment of track.segments) {
      if (segment.source.type === 'speech') continue;
      const grid = segmentBeatGrid(segment);
      return grid ? { grid, segment } : null;
    }
  }
  return null;
}

/**
 * The draft with the boundaries between the scenes of its first video track on the beats of its
 * music (see {@link snapCutsToBeats}); every segment of any track that started or ended at a
 * moved boundary (a scene's caption, a title) moves with it. Unchanged without music or scenes.
 */
export function snapScenesToBeats(draft: Draft): Draft {
  const music = musicBeatGrid(draft);
  const scenes = draft.tracks.find((track) => track.kind === 'video')?.segments ?? [];
  const first = scenes[0];
  const last = scenes[scenes.length - 1];
  if (!music || !first || !last || scenes.length < 2) return draft;
  const bounds = { startMs: first.startMs, endMs: last.startMs + last.durationMs };
  const cuts = scenes.slice(1).map((scene) => scene.startMs);
  const musicEndMs = music.segment.startMs + music.segment.durationMs;
  const beats = beatTimesMs(music.grid, music.segment.startMs, musicEndMs);
  const snapped = snapCutsToBeats(cuts, beats, bounds);
  const moved = new Map(cuts.map((cut, i) => [cut, snapped[i] ?? cut]));
  return retimeSegments(draft, (segment) => {
    const startMs = moved.get(segment.startMs) ?? segment.startMs;
    const endMs =
      moved.get(segment.startMs + segment.durationMs) ?? segment.startMs + segment.durationMs;
    return startMs === segment.startMs && endMs === segment.startMs + segment.durationMs
      ? segment
      : { ...segment, startMs, durationMs: endMs - startMs };
  });
}
