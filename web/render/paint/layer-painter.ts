/**
 * @module layer-painter
 * What every layer family of the scene painter provides: a static part (painted once per scene
 * and canvas size, then copied every frame) and, for layers that move on their own (waves, rain,
 * twinkling stars), a part painted every frame from the time alone. Both are pure functions of
 * their arguments, so a frame is the same however it was reached.
 *
 * Coordinates are draft canvas pixels. A static part paints the horizontal span
 * `[-marginPx, width + marginPx]` (the margin lets parallax slide the layer without showing its
 * edge) and, vertically, at least its `band`.
 */
import type { Context2D } from '../frame-assets';
import type { SceneLayers } from '../../../shared/scene-layers-schema';
import type { Random } from '../seeded-random';
import type { SkyPalette } from './sky-palette';

/** What a layer is painted from. */
export interface PaintEnv {
  width: number;
  height: number;
  scene: SceneLayers;
  palette: SkyPalette;
}

/** One layer kind's painter. */
export interface LayerPainter {
  /** How far the layer moves with the camera: 0 (at infinity, like the sky) to 1 (nearest). */
  parallax: number;
  /** Vertical extent of the static part, fractions of the height `[top, bottom]`. */
  band: readonly [number, number];
  /** Paints the still part. `random` is seeded by the scene's seed and the layer's place. */
  paintStatic?: (ctx: Context2D, env: PaintEnv, random: Random, marginPx: number) => void;
  /** Paints the moving part at `timeMs` (scene-local time, ms) over the static part. */
  paintMotion?: (ctx: Context2D, env: PaintEnv, timeMs: number) => void;
}

/** Fills a closed outline through `points` (x, y pairs) down to `bottom`. */
export function fillRidge(
  ctx: Context2D,
  xs: readonly number[],
  ys: readonly number[],
  bottom: number,
  fill: string | CanvasGradient,
): void {
  ctx.beginPath();
  ctx.moveTo(xs[0] ?? 0, bottom);
  for (let i = 0; i < xs.length; i += 1) ctx.lineTo(xs[i] ?? 0, ys[i] ?? bottom);
  ctx.lineTo(xs[xs.length - 1] ?? 0, bottom);
  ctx.closePath();
  ctx.fillStyle = fill;
  ctx.fill();
}
