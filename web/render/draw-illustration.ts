/**
 * @module draw-illustration
 * Draws a scene's illustration (shared/illustration-schema.ts) as its hero, where the scene's
 * layout puts it, with an animated entrance: it pops in (grows past its size and settles), its
 * shapes appear one after another like a drawing being made, then it floats gently. Called by the
 * one frame function (draw-scene.ts), so the preview and the export draw the same frames.
 *
 * Places are fractions of the canvas: large above the words for a title or headline, beside them
 * in `split` and `bullets` on a landscape frame (the caption sits on the right half there, see
 * functions/engine/embedded/pick-layout.ts), above them on a portrait one.
 */
import type { Canvas, SceneLayout } from '../../shared/draft-schema';
import { ILLUSTRATION_BOX, type Illustration } from '../../shared/illustration-schema';
import { clamp01, easeOutCubic } from './easing';
import { illustrationPathsFor, type Context2D, type FrameAssets } from './frame-assets';

/** Centre (fractions of the canvas) and size (fraction of the shorter side) of the hero. */
export interface HeroPlace {
  x: number;
  y: number;
  size: number;
}

/** Where each layout puts the hero on a landscape or square frame. */
const LANDSCAPE_PLACES: Readonly<Record<SceneLayout, HeroPlace>> = {
  title: { x: 0.5, y: 0.3, size: 0.32 },
  headline: { x: 0.5, y: 0.42, size: 0.52 },
  bullets: { x: 0.24, y: 0.5, size: 0.42 },
  'big-number': { x: 0.5, y: 0.32, size: 0.34 },
  quote: { x: 0.5, y: 0.32, size: 0.34 },
  split: { x: 0.27, y: 0.5, size: 0.56 },
  'end-card': { x: 0.5, y: 0.32, size: 0.36 },
};
/** On a portrait frame the hero always sits above the words, centred. */
const PORTRAIT_Y: Readonly<Record<SceneLayout, number>> = {
  title: 0.3,
  headline: 0.42,
  bullets: 0.34,
  'big-number': 0.34,
  quote: 0.34,
  split: 0.4,
  'end-card': 0.34,
};
/** The hero's size on a portrait frame, fraction of its width. */
const PORTRAIT_SIZE = 0.6;

/** The hero pops in over this long, ms… */
const POP_MS = 700;
/** …overshooting its size by this much (easeOutBack's constant, easings.net/#easeOutBack). */
const POP_OVERSHOOT = 1.70158;
/** Its shapes appear one after another over this long, ms (the "drawing" reveal)… */
const REVEAL_MS = 900;
/** …each fading in over this long, ms. */
const SHAPE_FADE_MS = 220;
/** It then floats up and down once per this many ms… */
const FLOAT_PERIOD_MS = 3_600;
/** …by this fraction of its size. */
const FLOAT_FRACTION = 0.025;

/** Where `layout` puts the hero on `canvas`. */
export function heroPlace(layout: SceneLayout, canvas: Canvas): HeroPlace {
  if (canvas.height > canvas.width) return { x: 0.5, y: PORTRAIT_Y[layout], size: PORTRAIT_SIZE };
  return LANDSCAPE_PLACES[layout];
}

/** easeOutBack: 0 → 1 with a small overshoot past 1 (easings.net/#easeOutBack). */
function easeOutBack(t: number): number {
  const c3 = POP_OVERSHOOT + 1;
  const x = clamp01(t) - 1;
  return 1 + c3 * x * x * x + POP_OVERSHOOT * x * x;
}

/**
 * Draws the hero at `sceneTimeMs` into the scene.
 * @param sceneTimeMs ms since the scene started (drives the entrance and the float)
 * @param alpha the scene's opacity (crossfades)
 */
export function drawIllustration(
  ctx: Context2D,
  canvas: Canvas,
  illustration: Illustration,
  layout: SceneLayout,
  sceneTimeMs: number,
  alpha: number,
  assets: FrameAssets,
): void {
  const place = heroPlace(layout, canvas);
  const sizePx = place.size * Math.min(canvas.width, canvas.height);
  const pop = easeOutBack(sceneTimeMs / POP_MS);
  const float = Math.sin((2 * Math.PI * sceneTimeMs) / FLOAT_PERIOD_MS) * FLOAT_FRACTION * sizePx;
  const scale = (sizePx / ILLUSTRATION_BOX) * (0.6 + 0.4 * pop);
  const paths = illustrationPathsFor(assets, illustration);
  const stagger = paths.length > 1 ? (REVEAL_MS - SHAPE_FADE_MS) / (paths.length - 1) : 0;
  ctx.save();
  ctx.translate(place.x * canvas.width, place.y * canvas.height + float);
  ctx.scale(scale, scale);
  ctx.translate(-ILLUSTRATION_BOX / 2, -ILLUSTRATION_BOX / 2);
  for (const [index, path] of paths.entries()) {
    const shape = illustration.shapes[index];
    const shown = easeOutCubic((sceneTimeMs - index * stagger) / SHAPE_FADE_MS);
    if (!shape || shown <= 0) continue;
    ctx.globalAlpha = alpha * shown;
    ctx.fillStyle = shape.fill;
    ctx.fill(path, shape.evenOdd ? 'evenodd' : 'nonzero');
  }
  ctx.restore();
  ctx.globalAlpha = alpha;
}
