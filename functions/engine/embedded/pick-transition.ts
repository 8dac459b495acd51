/**
 * @module pick-transition
 * The transition each scene of a new video enters with, picked by the video's pace (its music
 * mood): calm and lo-fi videos dissolve (crossfades, and a dip to black into the last scene, the
 * film convention for "and finally"); upbeat ones cut with energy — whip pans, zooms and slides
 * in turn so neighbouring changes never look alike. Chat edits override it ("dip to black").
 */
import type { MusicMood, Transition } from '../../../shared/draft-schema';

/** Transitions of an upbeat video, in turn. */
const ENERGETIC_CYCLE: readonly Transition['kind'][] = ['whip', 'zoom', 'slide'];

/**
 * The entrance of scene `index` (1-based among `count` scenes; scene 1 has none) of a video of
 * `mood`, lasting `durationMs`.
 * @example transitionFor('upbeat', 2, 5, 500) // { kind: 'whip', durationMs: 500 }
 */
export function transitionFor(
  mood: MusicMood,
  index: number,
  count: number,
  durationMs: number,
): Transition {
  if (mood === 'upbeat') {
    const kind = ENERGETIC_CYCLE[(index - 2) % ENERGETIC_CYCLE.length] ?? 'slide';
    return { kind, durationMs };
  }
  if (index === count && count > 2) return { kind: 'dip', durationMs, color: '#000000' };
  return { kind: 'crossfade', durationMs };
}
