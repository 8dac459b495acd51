/**
 * @module draw-scene
 * Draws the picture of a video track at one moment: a painted scene of layers (paint/), or a
 * scene's backdrop (background gradient and accent glow), accent rings and its Lucide icon —
 * either with the scene's illustration as its hero instead of the icon (draw-illustration.ts) —
 * with
 * gentle camera motion over the scene;
 * transitions between consecutive segments (draw-transition.ts); the look's gradient where a
 * track has no segment; a neutral placeholder for uploaded media (not decoded yet).
 *
 * Camera motion (zoom, pan) moves the foreground — icon and rings — while the backdrop stays put
 * like a distant layer: a zoomed linear gradient looks the same anyway, and copying a pre-drawn
 * backdrop 1:1 costs ~0.5 ms per 1080p frame where filling the gradient costs 5–10 ms in
 * Chromium's software raster (measured here, headless, `--disable-gpu`).
 *
 * Layout (fractions of the canvas, chosen so titles centred around y = 0.5 and captions near the
 * bottom stay clear of the icon): icon centred at x = 0.5, y = {@link ICON_CENTER_Y}, sized
 * {@link ICON_SIZE_FRACTION} of the shorter side.
 *
 * All lengths are in draft canvas pixels; the caller has already scaled the context.
 */
import type { Draft, VideoSegment, VideoTrack } from '../../shared/draft-schema';
import { clamp01, easeInOutSine, easeOutCubic } from './easing';
import { type DrawScene, drawTransition } from './draw-transition';
import { cachedImage, iconPathFor, type Context2D, type FrameAssets } from './frame-assets';
import { ICON_VIEWBOX } from './icon-paths';
import { drawIllustration } from './draw-illustration';
import { drawMediaFrame } from './draw-media';
import { driftFraction, paintScene } from './paint/paint-scene';

/** Vertical centre of the icon as a fraction of the height: upper third, above a centred title. */
export const ICON_CENTER_Y = 0.3;
/** Icon size as a fraction of the shorter canvas side: large but leaves room for a title. */
export const ICON_SIZE_FRACTION = 0.22;
/** Stroke width in Lucide's 24-unit box (Lucide's own default is 2; 1.75 reads lighter at this size). */
const ICON_STROKE_WIDTH = 1.75;
/** The icon fades and grows in over this long at a scene start, in ms. */
const ICON_ENTER_MS = 600;
/** The icon bobs up and down once per this many ms… */
const ICON_FLOAT_PERIOD_MS = 4_000;
/** …by this fraction of the canvas height. */
const ICON_FLOAT_FRACTION = 0.006;

/** Radius of the accent glow behind the icon's resting place, as a multiple of the icon size. */
const GLOW_RADIUS_ICONS = 2.2;
/** Opacity of the glow's centre: a hint of colour, not a spotlight. */
const GLOW_ALPHA = 0.28;
/** Rings around the icon: radius (in icon sizes) and opacity. */
const RINGS: readonly { radiusIcons: number; alpha: number }[] = [
  { radiusIcons: 0.92, alpha: 0.22 },
  { radiusIcons: 1.35, alpha: 0.1 },
];
/** Ring stroke width as a fraction of the icon size. */
const RING_WIDTH_FRACTION = 0.012;

/** Zoom motion goes between 1 and this scale over a scene (Ken Burns, gentle). */
const ZOOM_SCALE = 1.12;
/** Pan motion travels this fraction of the width over a scene… */
const PAN_FRACTION = 0.06;
/** …at this fixed scale. */
const PAN_SCALE = 1.04;

/** Neutral fill and glyph colour for an upload that is not decoded yet. */
const MEDIA_PLACEHOLDER_FILL = '#1c1f26';
const MEDIA_PLACEHOLDER_ICON = '#596070';

interface CanvasSize {
  width: number;
  height: number;
}

/**
 * Draws one video track at `timeMs`. The bottom track (`isBase`) fills the whole frame, with the
 * look's gradient where it has no segment; upper tracks draw only where a segment is active.
 */
export function drawVideoTrack(
  ctx: Context2D,
  draft: Draft,
  track: VideoTrack,
  timeMs: number,
  assets: FrameAssets,
  isBase: boolean,
): void {
  const active = activeSegment(track.segments, timeMs);
  if (!active) {
    if (isBase) drawBackdrop(ctx, draft, assets);
    return;
  }
  const transition = active.transitionIn;
  const inTransition =
    transition !== undefined &&
    transition.kind !== 'cut' &&
    transition.durationMs > 0 &&
    timeMs < active.startMs + transition.durationMs;
  if (!inTransition) {
    drawSegment(ctx, draft, active, timeMs, assets, 1);
    return;
  }
  const previous = previousSegment(track.segments, active);
  const outgoing: DrawScene | null = previous
    ? (c, alpha) => drawSegment(c, draft, previous, timeMs, assets, alpha)
    : isBase
      ? (c) => drawBackdrop(c, draft, assets)
      : null;
  drawTransition(
    ctx,
    draft.canvas,
    transition,
    (timeMs - active.startMs) / transition.durationMs,
    draft.look.accent,
    outgoing,
    (c, alpha) => drawSegment(c, draft, active, timeMs, assets, alpha),
    assets,
  );
}

/** The segment showing at `timeMs`: the latest-starting one that covers it. */
function activeSegment(segments: readonly VideoSegment[], timeMs: number): VideoSegment | null {
  let found: VideoSegment | null = null;
  for (const segment of segments) {
    if (segment.startMs <= timeMs && timeMs < segment.startMs + segment.durationMs) {
      if (!found || segment.startMs >= found.startMs) found = segment;
    }
  }
  return found;
}

/** The segment a transition comes from: the latest one starting before `next`. */
function previousSegment(
  segments: readonly VideoSegment[],
  next: VideoSegment,
): VideoSegment | null {
  let found: VideoSegment | null = null;
  for (const segment of segments) {
    if (
      segment !== next &&
      segment.startMs < next.startMs &&
      (!found || segment.startMs > found.startMs)
    ) {
      found = segment;
    }
  }
  return found;
}

/** Paints a backdrop in draft pixels: the gradient, and the accent glow where the icon rests. */
function paintBackdrop(
  ctx: Context2D,
  size: CanvasSize,
  stops: readonly string[],
  glowAccent: string | null,
): void {
  // Top-left to bottom-right across the canvas.
  const gradient = ctx.createLinearGradient(0, 0, size.width, size.height);
  const last = Math.max(1, stops.length - 1);
  for (const [index, color] of stops.entries()) gradient.addColorStop(index / last, color);
  ctx.fillStyle = gradient;
  ctx.fillRect(0, 0, size.width, size.height);
  if (!glowAccent) return;
  const radius = GLOW_RADIUS_ICONS * ICON_SIZE_FRACTION * Math.min(size.width, size.height);
  const centerX = size.width / 2;
  const centerY = ICON_CENTER_Y * size.height;
  const glow = ctx.createRadialGradient(centerX, centerY, 0, centerX, centerY, radius);
  glow.addColorStop(0, glowAccent);
  glow.addColorStop(1, `${glowAccent}00`);
  ctx.globalAlpha = GLOW_ALPHA;
  ctx.fillStyle = glow;
  ctx.fillRect(centerX - radius, centerY - radius, radius * 2, radius * 2);
  ctx.globalAlpha = 1;
}

/**
 * Draws a backdrop covering the canvas under the current translation (slides) and opacity
 * (crossfades): copied 1:1 from a cached image at the context's pixel size when possible.
 */
function drawBackdropLayer(
  ctx: Context2D,
  draft: Draft,
  assets: FrameAssets,
  stops: readonly string[],
  glowAccent: string | null,
): void {
  const size = draft.canvas;
  const device = ctx.canvas;
  const key = `${device.width}x${device.height}|${stops.join(',')}|${glowAccent ?? ''}`;
  const image = cachedImage(assets, 'backdrops', key, device.width, device.height, true, (c) => {
    c.scale(device.width / size.width, device.height / size.height);
    paintBackdrop(c, size, stops, glowAccent);
  });
  if (!image) {
    paintBackdrop(ctx, size, stops, glowAccent);
    return;
  }
  const { e: offsetX, f: offsetY } = ctx.getTransform();
  ctx.save();
  // Whole device pixels keep the copy on the fast, unfiltered path.
  ctx.setTransform(1, 0, 0, 1, Math.round(offsetX), Math.round(offsetY));
  ctx.drawImage(image, 0, 0);
  ctx.restore();
}

/** The look's gradient, still: what shows where no scene is. */
function drawBackdrop(ctx: Context2D, draft: Draft, assets: FrameAssets): void {
  ctx.globalAlpha = 1;
  drawBackdropLayer(ctx, draft, assets, draft.look.background, null);
}

/** Scale and horizontal offset (px) of the camera at eased scene progress `p`. */
function cameraAt(
  motion: VideoSegment['visual']['motion'],
  p: number,
  width: number,
): { scale: number; offsetX: number } {
  switch (motion) {
    case 'zoom-in':
      return { scale: 1 + (ZOOM_SCALE - 1) * p, offsetX: 0 };
    case 'zoom-out':
      return { scale: ZOOM_SCALE - (ZOOM_SCALE - 1) * p, offsetX: 0 };
    case 'pan-left':
      return { scale: PAN_SCALE, offsetX: (0.5 - p) * PAN_FRACTION * width };
    case 'pan-right':
      return { scale: PAN_SCALE, offsetX: (p - 0.5) * PAN_FRACTION * width };
    case 'none':
      return { scale: 1, offsetX: 0 };
  }
}

/** Draws one scene at `timeMs` with overall opacity `alpha` (for crossfades). */
function drawSegment(
  ctx: Context2D,
  draft: Draft,
  segment: VideoSegment,
  timeMs: number,
  assets: FrameAssets,
  alpha: number,
): void {
  const { width, height } = draft.canvas;
  const visual = segment.visual;
  ctx.globalAlpha = alpha;
  if (visual.type === 'media') {
    const frame = assets.media?.frameFor(segment) ?? null;
    const progress = clamp01((timeMs - segment.startMs) / segment.durationMs);
    if (frame)
      drawMediaFrame(
        ctx,
        draft.canvas,
        visual.fit,
        frame,
        cameraAt(visual.motion, easeInOutSine(progress), width),
      );
    else drawMediaPlaceholder(ctx, draft, assets);
    return;
  }
  if (visual.type === 'scene') {
    const progress = clamp01((timeMs - segment.startMs) / segment.durationMs);
    const drift = driftFraction(visual.motion, easeInOutSine(progress));
    paintScene(ctx, draft.canvas, visual.scene, timeMs - segment.startMs, drift, assets);
    drawHero(ctx, draft, visual, timeMs - segment.startMs, alpha, assets);
    return;
  }
  const accent = draft.look.accent;
  drawBackdropLayer(ctx, draft, assets, visual.background ?? draft.look.background, accent);
  if (visual.illustration) {
    drawHero(ctx, draft, visual, timeMs - segment.startMs, alpha, assets);
    return;
  }

  const progress = clamp01((timeMs - segment.startMs) / segment.durationMs);
  const camera = cameraAt(visual.motion, easeInOutSine(progress), width);
  const iconSize = ICON_SIZE_FRACTION * Math.min(width, height);
  const localMs = timeMs - segment.startMs;
  const enter = easeOutCubic(localMs / ICON_ENTER_MS);
  const bob =
    Math.sin((2 * Math.PI * localMs) / ICON_FLOAT_PERIOD_MS) * ICON_FLOAT_FRACTION * height;
  ctx.save();
  // Camera: scale about the frame centre, then pan; the icon sits at its place in that frame.
  ctx.translate(width / 2 + camera.offsetX, height / 2);
  ctx.scale(camera.scale, camera.scale);
  ctx.translate(0, (ICON_CENTER_Y - 0.5) * height + bob);

  ctx.strokeStyle = accent;
  ctx.lineWidth = RING_WIDTH_FRACTION * iconSize;
  for (const ring of RINGS) {
    ctx.globalAlpha = alpha * ring.alpha * enter;
    ctx.beginPath();
    ctx.arc(0, 0, ring.radiusIcons * iconSize * (0.96 + 0.04 * enter), 0, Math.PI * 2);
    ctx.stroke();
  }

  const icon = visual.icon ? iconPathFor(assets, visual.icon) : null;
  if (icon) {
    const scale = (iconSize / ICON_VIEWBOX) * (0.9 + 0.1 * enter);
    ctx.globalAlpha = alpha * enter;
    ctx.scale(scale, scale);
    ctx.translate(-ICON_VIEWBOX / 2, -ICON_VIEWBOX / 2);
    ctx.lineWidth = ICON_STROKE_WIDTH;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.stroke(icon);
  }
  ctx.restore();
}

/** The scene's illustration, if any, where its layout puts it (draw-illustration.ts). */
function drawHero(
  ctx: Context2D,
  draft: Draft,
  visual: Exclude<VideoSegment['visual'], { type: 'media' }>,
  sceneTimeMs: number,
  alpha: number,
  assets: FrameAssets,
): void {
  if (!visual.illustration) return;
  const layout = visual.layout ?? 'headline';
  drawIllustration(ctx, draft.canvas, visual.illustration, layout, sceneTimeMs, alpha, assets);
}

/** Uploads are not decoded yet: a calm neutral frame with an image glyph, never an error. */
function drawMediaPlaceholder(ctx: Context2D, draft: Draft, assets: FrameAssets): void {
  const { width, height } = draft.canvas;
  ctx.fillStyle = MEDIA_PLACEHOLDER_FILL;
  ctx.fillRect(0, 0, width, height);
  const glyph = iconPathFor(assets, 'image');
  if (!glyph) return;
  const size = ICON_SIZE_FRACTION * Math.min(width, height);
  ctx.save();
  ctx.translate(width / 2 - size / 2, height / 2 - size / 2);
  ctx.scale(size / ICON_VIEWBOX, size / ICON_VIEWBOX);
  ctx.strokeStyle = MEDIA_PLACEHOLDER_ICON;
  ctx.lineWidth = ICON_STROKE_WIDTH;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  ctx.stroke(glyph);
  ctx.restore();
}
