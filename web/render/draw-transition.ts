/**
 * @module draw-transition
 * Draws the moment a scene enters over the previous one on a video track: crossfade, slide (the
 * new scene pushes the old one out to the left), wipe (revealed left to right behind an accent
 * edge), zoom (the old scene rushes towards the viewer while the new one settles in), whip pan
 * (a fast slide smeared by motion blur) and dip to colour (out to a colour, then in from it).
 *
 * Zoom, whip and crossfade draw each scene once into a scratch canvas of the frame's pixel size
 * and then copy it scaled, shifted or faded: painted scenes and backdrops copy their cached
 * layers at whole device pixels and never scale themselves, and a scene faded as one picture has
 * no far layers showing through near ones. The scratch canvases are memoised per
 * {@link FrameAssets}; the pixels depend only on the arguments. Lengths are draft canvas pixels.
 */
import type { Transition } from '../../shared/draft-schema';
import type { Context2D, FrameAssets } from './frame-assets';
import { easeInOutCubic, easeInOutQuint } from './easing';

/** Draws one scene filling the frame at opacity `alpha` into `ctx` (draft px). */
export type DrawScene = (ctx: Context2D, alpha: number) => void;

/** Width of the accent bar that leads a wipe, as a fraction of the canvas width (at least 2 px). */
const WIPE_EDGE_FRACTION = 0.004;
/** A zoom grows the outgoing scene to this scale… */
const ZOOM_OUT_SCALE = 1.4;
/** …while the incoming one grows from this scale to 1 and fades in. */
const ZOOM_IN_FROM_SCALE = 0.75;
/** Copies averaged into a whip pan's motion blur: four read as a smear, not as ghosts. */
const WHIP_BLUR_COPIES = 4;
/** Length of the whip's smear at its fastest, as a fraction of the width. */
const WHIP_BLUR_FRACTION = 0.12;
/** A dip without a colour passes through black. */
const DEFAULT_DIP_COLOR = '#000000';

/** Scratch canvases by assets: slot 0 holds the outgoing scene, slot 1 the incoming one. */
const scratch = new WeakMap<FrameAssets, OffscreenCanvas[]>();

/**
 * Draws `transition` at linear progress `progress` (0..1) from `outgoing` to `incoming` (either
 * may be null: nothing is drawn for it). `accent` colours a wipe's edge.
 */
export function drawTransition(
  ctx: Context2D,
  size: { width: number; height: number },
  transition: Transition,
  progress: number,
  accent: string,
  outgoing: DrawScene | null,
  incoming: DrawScene,
  assets: FrameAssets,
): void {
  const { width, height } = size;
  const p = easeInOutCubic(progress);
  switch (transition.kind) {
    case 'cut':
      incoming(ctx, 1);
      return;
    case 'crossfade': {
      outgoing?.(ctx, 1);
      const layer = drawnLayer(ctx, assets, 1, incoming);
      if (layer) copyLayer(ctx, layer, size, p, 1, 0);
      else incoming(ctx, p);
      return;
    }
    case 'slide': {
      const edge = (1 - p) * width;
      clipped(ctx, 0, 0, edge, height, () => {
        ctx.translate(edge - width, 0);
        outgoing?.(ctx, 1);
      });
      clipped(ctx, edge, 0, width - edge, height, () => {
        ctx.translate(edge, 0);
        incoming(ctx, 1);
      });
      return;
    }
    case 'wipe': {
      const edge = p * width;
      outgoing?.(ctx, 1);
      clipped(ctx, 0, 0, edge, height, () => incoming(ctx, 1));
      const barWidth = Math.max(2, WIPE_EDGE_FRACTION * width);
      ctx.globalAlpha = 1;
      ctx.fillStyle = accent;
      ctx.fillRect(edge - barWidth / 2, 0, barWidth, height);
      return;
    }
    case 'zoom': {
      const from = outgoing ? drawnLayer(ctx, assets, 0, outgoing) : null;
      const to = drawnLayer(ctx, assets, 1, incoming);
      if (!to) {
        outgoing?.(ctx, 1);
        incoming(ctx, p);
        return;
      }
      if (from) copyLayer(ctx, from, size, 1, 1 + (ZOOM_OUT_SCALE - 1) * p, 0);
      copyLayer(ctx, to, size, p, ZOOM_IN_FROM_SCALE + (1 - ZOOM_IN_FROM_SCALE) * p, 0);
      return;
    }
    case 'whip': {
      drawWhip(ctx, size, progress, outgoing, incoming, assets);
      return;
    }
    case 'dip': {
      // Out to the colour over the first half, in from it over the second.
      const first = progress < 0.5;
      const scene = first ? outgoing : incoming;
      scene?.(ctx, 1);
      ctx.globalAlpha = easeInOutCubic(first ? progress * 2 : 2 - progress * 2);
      ctx.fillStyle = transition.color ?? DEFAULT_DIP_COLOR;
      ctx.fillRect(0, 0, width, height);
      ctx.globalAlpha = 1;
      return;
    }
  }
}

/**
 * A whip pan: both scenes travel left on a steep curve, each drawn {@link WHIP_BLUR_COPIES}
 * times along a smear as long as the speed allows, averaged (copy k at opacity 1/(k+1)).
 */
function drawWhip(
  ctx: Context2D,
  size: { width: number; height: number },
  progress: number,
  outgoing: DrawScene | null,
  incoming: DrawScene,
  assets: FrameAssets,
): void {
  const { width } = size;
  const travel = easeInOutQuint(progress) * width;
  // easeInOutQuint's speed relative to its peak at the midpoint (its derivative over 5).
  const speed = (progress < 0.5 ? 2 * progress : 2 - 2 * progress) ** 4;
  const blur = WHIP_BLUR_FRACTION * width * speed;
  const from = outgoing ? drawnLayer(ctx, assets, 0, outgoing) : null;
  const to = drawnLayer(ctx, assets, 1, incoming);
  if (!to) {
    clipped(ctx, 0, 0, width - travel, size.height, () => {
      ctx.translate(-travel, 0);
      outgoing?.(ctx, 1);
    });
    clipped(ctx, width - travel, 0, travel, size.height, () => {
      ctx.translate(width - travel, 0);
      incoming(ctx, 1);
    });
    return;
  }
  for (let k = 0; k < WHIP_BLUR_COPIES; k += 1) {
    const smear = (k / (WHIP_BLUR_COPIES - 1) - 0.5) * blur;
    const alpha = 1 / (k + 1);
    if (from) copyLayer(ctx, from, size, alpha, 1, -travel + smear);
    copyLayer(ctx, to, size, alpha, 1, width - travel + smear);
  }
}

/** Runs `draw` inside a clip to the rectangle, restoring the context after. */
function clipped(
  ctx: Context2D,
  x: number,
  y: number,
  width: number,
  height: number,
  draw: () => void,
): void {
  ctx.save();
  ctx.beginPath();
  ctx.rect(x, y, width, height);
  ctx.clip();
  draw();
  ctx.restore();
}

/**
 * `scene` drawn at full opacity into scratch canvas `slot` (the frame's pixel size, opaque,
 * under `ctx`'s transform); null where `OffscreenCanvas` is missing.
 */
function drawnLayer(
  ctx: Context2D,
  assets: FrameAssets,
  slot: number,
  scene: DrawScene,
): OffscreenCanvas | null {
  if (typeof OffscreenCanvas === 'undefined') return null;
  const { width, height } = ctx.canvas;
  const canvases = scratch.get(assets) ?? [];
  scratch.set(assets, canvases);
  let canvas = canvases[slot];
  if (!canvas || canvas.width !== width || canvas.height !== height) {
    canvas = new OffscreenCanvas(width, height);
    canvases[slot] = canvas;
  }
  const layer = canvas.getContext('2d', { alpha: false });
  if (!layer) return null;
  // The frame's scale only: the layer is copied back under ctx's own translation.
  const { a, d } = ctx.getTransform();
  layer.setTransform(a, 0, 0, d, 0, 0);
  layer.globalAlpha = 1;
  layer.globalCompositeOperation = 'source-over';
  scene(layer, 1);
  return canvas;
}

/** Copies a scratch layer over the frame at `alpha`, scaled about the centre and shifted (px). */
function copyLayer(
  ctx: Context2D,
  layer: OffscreenCanvas,
  size: { width: number; height: number },
  alpha: number,
  scale: number,
  offsetX: number,
): void {
  ctx.save();
  ctx.globalAlpha = alpha;
  ctx.translate(size.width / 2 + offsetX, size.height / 2);
  ctx.scale(scale, scale);
  ctx.drawImage(layer, -size.width / 2, -size.height / 2, size.width, size.height);
  ctx.restore();
}
