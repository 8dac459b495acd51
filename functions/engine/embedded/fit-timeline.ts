/**
 * @module fit-timeline
 * Integer-ms timing: split a length among scenes by weight (exactly, the last one absorbing the
 * rounding), and re-fit a whole draft to a new duration or a new canvas keeping its proportions.
 */
import type { Canvas, Draft, Track } from '../../../shared/draft-schema';
import { reframeTextSegment } from './text-layout';

/**
 * Splits `totalMs` into integer parts proportional to `weights`, none below `minMs` when there
 * is room (else the floor is lowered to an equal share), summing exactly to `totalMs`.
 * Parts are made by rounding cumulative ends, so the last part absorbs the rounding.
 * @param totalMs integer ms ≥ 0
 * @param weights one per part, ≥ 0 (all zero → equal parts)
 * @param minMs smallest part wanted, integer ms
 * @returns integer ms per part; `[]` for no weights
 * @example distributeMs(10_000, [1, 1, 2], 0) // [2500, 2500, 5000]
 */
export function distributeMs(totalMs: number, weights: readonly number[], minMs = 0): number[] {
  const count = weights.length;
  if (count === 0) return [];
  const floorMs = Math.max(0, Math.min(Math.floor(minMs), Math.floor(totalMs / count)));
  const safe = weights.some((w) => w > 0)
    ? weights.map((w) => Math.max(0, w))
    : weights.map(() => 1);
  const fixed = new Array<boolean>(count).fill(false);
  let shares = new Array<number>(count).fill(floorMs);
  for (let pass = 0; pass < count; pass += 1) {
    const fixedCount = fixed.filter(Boolean).length;
    const remaining = totalMs - fixedCount * floorMs;
    const freeWeight = safe.reduce((sum, w, i) => (fixed[i] ? sum : sum + w), 0);
    const freeCount = count - fixedCount;
    shares = safe.map((w, i) =>
      fixed[i] ? floorMs : freeWeight > 0 ? (remaining * w) / freeWeight : remaining / freeCount,
    );
    let changed = false;
    shares.forEach((share, i) => {
      if (!fixed[i] && share < floorMs) {
        fixed[i] = true;
        changed = true;
      }
    });
    if (!changed) break;
  }
  const parts: number[] = [];
  let cumulative = 0;
  let previousEnd = 0;
  for (let i = 0; i < count - 1; i += 1) {
    cumulative += shares[i] ?? 0;
    const end = Math.round(cumulative);
    parts.push(end - previousEnd);
    previousEnd = end;
  }
  parts.push(totalMs - previousEnd);
  return parts;
}

/** A segment's new [start, duration) after scaling by `factor` within `totalMs`, ≥ 1 ms long. */
function scaleSpan(
  startMs: number,
  durationMs: number,
  factor: number,
  totalMs: number,
): { startMs: number; durationMs: number } {
  const end = Math.min(totalMs, Math.round((startMs + durationMs) * factor));
  let start = Math.min(Math.round(startMs * factor), totalMs - 1);
  const length = Math.max(1, end - start);
  if (start + length > totalMs) start = totalMs - length;
  return { startMs: start, durationMs: length };
}

function halfOf(durationMs: number): number {
  return Math.floor(durationMs / 2);
}

/**
 * The draft stretched or shrunk to a new duration: every segment's start and end scaled by the
 * same factor (scene proportions kept; segments that ended at the end still do), transitions and
 * fades kept but capped at half their segment.
 * @param durationMs the new length, integer ms, already within the draft limits
 * @returns a new draft (the input is not changed)
 */
export function refitDuration(draft: Draft, durationMs: number): Draft {
  const factor = durationMs / draft.durationMs;
  // biome-ignore lint/suspicious/useIterableCallbackReturn: the switch covers every Track kind (tsc checks it).
  const tracks = draft.tracks.map((track): Track => {
    switch (track.kind) {
      case 'video':
        return {
          ...track,
          segments: track.segments.map((segment) => {
            const span = scaleSpan(segment.startMs, segment.durationMs, factor, durationMs);
            return {
              ...segment,
              ...span,
              ...(segment.transitionIn
                ? {
                    transitionIn: {
                      ...segment.transitionIn,
                      durationMs: Math.min(
                        segment.transitionIn.durationMs,
                        halfOf(span.durationMs),
                      ),
                    },
                  }
                : {}),
            };
          }),
        };
      case 'audio':
        return {
          ...track,
          segments: track.segments.map((segment) => {
            const span = scaleSpan(segment.startMs, segment.durationMs, factor, durationMs);
            return {
              ...segment,
              ...span,
              fadeInMs: Math.min(segment.fadeInMs, halfOf(span.durationMs)),
              fadeOutMs: Math.min(segment.fadeOutMs, halfOf(span.durationMs)),
            };
          }),
        };
      case 'text':
        return {
          ...track,
          segments: track.segments.map((segment) => ({
            ...segment,
            ...scaleSpan(segment.startMs, segment.durationMs, factor, durationMs),
          })),
        };
    }
  });
  return { ...draft, durationMs, tracks };
}

/**
 * The draft on a new canvas: text sizes scaled to the new shorter side and default-placed text
 * moved to its role's place on the new shape (see `reframeTextSegment`); timing unchanged.
 * @returns a new draft (the input is not changed)
 */
export function reframeCanvas(draft: Draft, canvas: Canvas): Draft {
  const tracks = draft.tracks.map(
    (track): Track =>
      track.kind === 'text'
        ? {
            ...track,
            segments: track.segments.map((segment) =>
              reframeTextSegment(segment, draft.canvas, canvas),
            ),
          }
        : track,
  );
  return { ...draft, canvas: { ...canvas }, tracks };
}
