/**
 * @module typing-pace
 * Spaces out the embedded director's reply deltas so a reply reads as it is typed, not as one
 * jump: each call waits until at least the given gap has passed since the previous one. Remote
 * engines are not paced: their events go out as the upstream sends them.
 */
import { abortableSleep } from '../../../shared/abortable-sleep';

/** Waits until `minGapMs` has passed since the previous call (the first call never waits). */
export type TypingPace = () => Promise<void>;

/**
 * Makes a {@link TypingPace} with at least `minGapMs` ms between calls (0 or less: no waits).
 *
 * @example
 * const pace = typingPace(100);
 * for (const delta of deltas) { await pace(); send(delta); }
 */
export function typingPace(minGapMs: number, now: () => number = Date.now): TypingPace {
  let last: number | null = null;
  return async () => {
    const wait = last === null ? 0 : last + minGapMs - now();
    if (wait > 0) await abortableSleep(wait);
    last = now();
  };
}
