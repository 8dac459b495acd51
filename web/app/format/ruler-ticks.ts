/**
 * @module ruler-ticks
 * Where the timeline's time ruler puts its marks: a "nice" step (1, 2, 5, 10, 15, 30 s, 1 min…)
 * chosen so a draft of any length gets a readable number of labels.
 */
import { formatClock } from './format-time';

/** Steps the ruler may use, ms: round numbers people count in. */
const NICE_STEPS_MS = [500, 1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000];

/** At most 10 labels: more crowd each other on a phone-width timeline. */
export const MAX_RULER_TICKS = 10;

/** One mark: its time and where it sits (0..1 of the width). */
export interface RulerTick {
  timeMs: number;
  fraction: number;
  label: string;
}

/**
 * Marks from 0 to `durationMs`, inclusive of 0, at the smallest nice step giving at most
 * `maxTicks` marks.
 *
 * @example
 * rulerTicks(30_000).map((t) => t.label) // ["0:00","0:05","0:10","0:15","0:20","0:25"]
 */
export function rulerTicks(durationMs: number, maxTicks: number = MAX_RULER_TICKS): RulerTick[] {
  if (durationMs <= 0) return [];
  const step =
    NICE_STEPS_MS.find((s) => durationMs / s <= maxTicks) ??
    Math.ceil(durationMs / maxTicks / 60_000) * 60_000;
  const ticks: RulerTick[] = [];
  for (let t = 0; t < durationMs; t += step) {
    ticks.push({ timeMs: t, fraction: t / durationMs, label: formatClock(t) });
  }
  return ticks;
}
