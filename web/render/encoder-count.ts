/**
 * @module encoder-count
 * How many encode workers a browser render runs at once (render-video.ts): two where the
 * machine has the cores, else one.
 */

/**
 * Encode workers at most: 2. Each keeps about one core busy (drawing the frame, then the H.264
 * encoder), and two drawing + encoding loops measured +24 % throughput over one on a 2-core box
 * (issue 16); a third on such a box only adds memory (its own canvas, encoder, fonts and media).
 */
export const MAX_ENCODERS = 2;

/**
 * Logical cores (`navigator.hardwareConcurrency`) from which a render uses two encoders: 2.
 * On one core two workers only take turns, and each holds its own encoder and canvas.
 */
export const TWO_ENCODERS_MIN_CORES = 2;

/**
 * The encoders to run: `requested` (clamped to 1…{@link MAX_ENCODERS}) when given, else 2 when
 * the browser reports at least {@link TWO_ENCODERS_MIN_CORES} cores, else 1 (also when it
 * reports none).
 * @param cores `navigator.hardwareConcurrency` (undefined where the browser hides it)
 * @example encoderCount(undefined, 8) // 2; encoderCount(1, 8) // 1; encoderCount(undefined, 1) // 1
 */
export function encoderCount(requested: number | undefined, cores: number | undefined): number {
  if (requested !== undefined && Number.isFinite(requested))
    return Math.max(1, Math.min(MAX_ENCODERS, Math.floor(requested)));
  return cores !== undefined && cores >= TWO_ENCODERS_MIN_CORES ? MAX_ENCODERS : 1;
}
