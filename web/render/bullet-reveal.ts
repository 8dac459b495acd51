/**
 * @module bullet-reveal
 * A caption written as a list — lines opening with "• ", as the director writes a scene in the
 * `bullets` layout (functions/engine/embedded/pick-layout.ts) — shows its items one by one:
 * item k fades in {@link BULLET_STEP_MS} after item k − 1, all of them by the middle of the
 * segment. A line that wraps on to the next keeps the item's timing.
 */
import { BULLET_MARK as BULLET } from '../../shared/draft-schema';
import { clamp01, easeOutCubic } from './easing';
/** An item follows the one before after this long, ms (a beat to read three or four words). */
const BULLET_STEP_MS = 700;
/** Each item fades in over this long, ms. */
const BULLET_FADE_MS = 300;

/**
 * Opacity (0..1) of each drawn line at `localMs` into a segment of `durationMs`: 1 for every
 * line of a text that is not a list.
 */
export function bulletLineAlphas(
  lines: readonly { text: string }[],
  localMs: number,
  durationMs: number,
): number[] {
  const items = lines.filter((line) => line.text.startsWith(BULLET)).length;
  if (items < 2) return lines.map(() => 1);
  const step = Math.min(BULLET_STEP_MS, Math.max(0, durationMs / 2 - BULLET_FADE_MS) / (items - 1));
  let item = -1;
  return lines.map((line) => {
    if (line.text.startsWith(BULLET) || item < 0) item += 1;
    return easeOutCubic(clamp01((localMs - item * step) / BULLET_FADE_MS));
  });
}
