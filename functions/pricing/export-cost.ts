/**
 * @module export-cost
 * What an export costs in credits. This is Reelwright's own pricing (the remote API does not
 * publish a per-second price): one credit per started {@link SECONDS_PER_CREDIT} seconds of
 * video, so a 30-second video costs 6 of the 100 credits a new visitor starts with.
 */

/** Length of video one credit pays for, seconds (our pricing, see the module doc). */
export const SECONDS_PER_CREDIT = 5;
/** Credits a new visitor starts with: an anonymous remote token's (docs/remote-api.md). */
export const STARTING_CREDITS = 100;

/**
 * Credits an export of a video `durationMs` long costs: `ceil(durationMs / 5000)`, at least 1.
 *
 * @example exportCostCredits(30_000) // 6
 * @example exportCostCredits(30_001) // 7
 */
export function exportCostCredits(durationMs: number): number {
  return Math.max(1, Math.ceil(durationMs / (SECONDS_PER_CREDIT * 1_000)));
}

/**
 * What an export that ended without its MP4 (failed, cancelled, expired) is charged: the price
 * of what was rendered, `framesRendered` frames at `fps` (per started 5 s, like
 * {@link exportCostCredits}), never more than the `frozenCredits` it froze; 0 when nothing was.
 *
 * @example renderedCostCredits({ frozenCredits: 6, framesRendered: 360, fps: 30 }) // 12 s → 3
 */
export function renderedCostCredits(args: {
  frozenCredits: number;
  framesRendered: number;
  fps: number;
}): number {
  const { frozenCredits, framesRendered, fps } = args;
  if (framesRendered <= 0 || fps <= 0) return 0;
  return Math.min(frozenCredits, exportCostCredits((framesRendered * 1_000) / fps));
}
