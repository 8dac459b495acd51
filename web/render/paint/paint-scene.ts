/**
 * @module paint-scene
 * Paints a scene of layers (shared/scene-layers-schema.ts) at one moment: the backdrop (sky,
 * space, or the scene's colours), drifting clouds, the layers bottom to top, the weather in front
 * and a soft scrim at the bottom that keeps captions legible — with parallax: nearer layers slide
 * further as the camera drifts over the scene.
 *
 * Speed: the still parts of neighbouring layers that move alike are painted once into a cached
 * image at the canvas's pixel size (cachedImage in frame-assets.ts) and copied 1:1 every
 * frame, at whole device pixels, only where they have pixels and only above the rows a nearer
 * layer covers solidly (still-bounds.ts); only moving parts (waves, rain, twinkles, spotlights)
 * are drawn per frame. Pure: the pixels depend only on (scene, canvas size, time, motion).
 *
 * Lengths are draft canvas pixels; the caller has scaled the context to the device canvas.
 */
import {
  SCENE_LAYER_KINDS,
  type SceneLayerKind,
  type SceneLayers,
} from '../../../shared/scene-layers-schema';
import type { VideoSegment } from '../../../shared/draft-schema';
import { cachedImage, type Context2D, type FrameAssets } from '../frame-assets';
import { type StillBounds, stillBounds } from './still-bounds';
import {
  bokehPainter,
  gridPainter,
  particlesPainter,
  shapesPainter,
  wavesPainter,
} from './abstract';
import { moonPainter, starsPainter, sunPainter } from './celestial';
import { deskPainter, kitchenPainter, stagePainter } from './interior';
import {
  beachPainter,
  desertPainter,
  forestPainter,
  hillsPainter,
  mountainsPainter,
  snowfieldPainter,
} from './land';
import type { LayerPainter, PaintEnv } from './layer-painter';
import { seaPainter } from './sea';
import {
  cloudOffsetPx,
  cloudStripPainter,
  colourBackdropPainter,
  fogPainter,
  rainPainter,
  skyPainter,
  snowPainter,
  spaceBackdropPainter,
} from './sky';
import { skylinePainter } from './skyline';
import { seededRandom } from '../seeded-random';
import { NO_SKY_PALETTE, skyPalette } from './sky-palette';
import { nebulaPainter, planetsPainter } from './space';

/**
 * Farthest a layer of parallax 1 drifts from its resting place over a scene, as a fraction of
 * the width each way: 4 % reads as a slow camera move without showing much new ground.
 */
export const MAX_PARALLAX_FRACTION = 0.04;
/** Share of the frame, from the bottom, darkened under captions, and the darkest alpha. */
const SCRIM_HEIGHT = 0.42;
const SCRIM_ALPHA = 0.45;
/** Salt of the backdrop's and the scrim's random sequences (layers use their kind's index). */
const BACKDROP_SALT = 500;

/** Painter of each layer kind. */
const PAINTERS: Readonly<Record<SceneLayerKind, LayerPainter>> = {
  sun: sunPainter,
  moon: moonPainter,
  stars: starsPainter,
  skyline: skylinePainter,
  mountains: mountainsPainter,
  hills: hillsPainter,
  sea: seaPainter,
  beach: beachPainter,
  forest: forestPainter,
  desert: desertPainter,
  snowfield: snowfieldPainter,
  space: spaceBackdropPainter,
  planets: planetsPainter,
  nebula: nebulaPainter,
  desk: deskPainter,
  stage: stagePainter,
  kitchen: kitchenPainter,
  shapes: shapesPainter,
  particles: particlesPainter,
  bokeh: bokehPainter,
  grid: gridPainter,
  waves: wavesPainter,
};

/** The bottom scrim: transparent to dark, under the captions. */
const scrimPainter: LayerPainter = {
  parallax: 0,
  band: [1 - SCRIM_HEIGHT, 1],
  paintStatic(ctx, env, _random, marginPx) {
    const top = env.height * (1 - SCRIM_HEIGHT);
    const gradient = ctx.createLinearGradient(0, top, 0, env.height);
    gradient.addColorStop(0, 'rgba(0, 0, 0, 0)');
    gradient.addColorStop(1, `rgba(0, 0, 0, ${SCRIM_ALPHA})`);
    ctx.fillStyle = gradient;
    ctx.fillRect(-marginPx, top, env.width + 2 * marginPx, env.height - top);
  },
};

/** One painter with the salt of its random sequence. */
interface Entry {
  painter: LayerPainter;
  salt: number;
}

/** Consecutive entries sharing one cached still image (same parallax). */
interface Group {
  entries: Entry[];
  parallax: number;
  top: number;
  bottom: number;
  /** The group's still image covers the whole frame opaquely (the backdrop). */
  opaque: boolean;
}

const WEATHER_PAINTERS = { rain: rainPainter, snow: snowPainter, fog: fogPainter } as const;

/** The painters of a scene, bottom to top (clouds are drawn separately, after the backdrop). */
function entriesOf(scene: SceneLayers): Entry[] {
  const backdrop = scene.sky
    ? skyPainter
    : scene.layers.includes('space')
      ? spaceBackdropPainter
      : colourBackdropPainter;
  const entries: Entry[] = [{ painter: backdrop, salt: BACKDROP_SALT }];
  for (const kind of scene.layers) {
    if (kind === 'space' && backdrop === spaceBackdropPainter) continue;
    entries.push({ painter: PAINTERS[kind], salt: SCENE_LAYER_KINDS.indexOf(kind) + 1 });
  }
  const weather = scene.sky?.weather;
  if (weather === 'rain' || weather === 'snow' || weather === 'fog')
    entries.push({ painter: WEATHER_PAINTERS[weather], salt: BACKDROP_SALT + 1 });
  entries.push({ painter: scrimPainter, salt: BACKDROP_SALT + 2 });
  return entries;
}

/** Groups entries: a group ends at a layer that also moves, or where the parallax changes. */
function groupsOf(entries: readonly Entry[]): Group[] {
  const groups: Group[] = [];
  let current: Group | null = null;
  for (const entry of entries) {
    const [top, bottom] = entry.painter.band;
    if (current && current.parallax === entry.painter.parallax) {
      current.entries.push(entry);
      current.top = Math.min(current.top, top);
      current.bottom = Math.max(current.bottom, bottom);
    } else {
      current = {
        entries: [entry],
        parallax: entry.painter.parallax,
        top,
        bottom,
        opaque: groups.length === 0,
      };
      groups.push(current);
    }
    if (entry.painter.paintMotion) current = null;
  }
  return groups;
}

/**
 * The camera's drift at eased scene progress `p` (0..1), as a fraction of the width for a layer
 * of parallax 1: pans travel the full range, zooms half of it (a painted scene does not zoom).
 */
export function driftFraction(motion: VideoSegment['visual']['motion'], p: number): number {
  switch (motion) {
    case 'pan-left':
      return (0.5 - p) * 2 * MAX_PARALLAX_FRACTION;
    case 'pan-right':
      return (p - 0.5) * 2 * MAX_PARALLAX_FRACTION;
    case 'zoom-in':
      return (p - 0.5) * MAX_PARALLAX_FRACTION;
    case 'zoom-out':
      return (0.5 - p) * MAX_PARALLAX_FRACTION;
    case 'none':
      return 0;
  }
}

/** A group's pre-drawn still image, where it lands (device px) and what of it shows. */
interface PlacedStill {
  image: OffscreenCanvas;
  bounds: StillBounds;
  /** Draft x and y of the image's top-left corner. */
  x: number;
  y: number;
}

/**
 * Draws `scene` filling the `size` canvas under the context's current transform and opacity.
 * At full opacity, rows of a still layer hidden under a nearer layer's solid rows are not copied.
 * @param size the draft canvas (px)
 * @param sceneTimeMs time since the scene started, ms (drives waves, rain, twinkles)
 * @param drift the camera's drift from {@link driftFraction}
 */
export function paintScene(
  ctx: Context2D,
  size: { width: number; height: number },
  scene: SceneLayers,
  sceneTimeMs: number,
  drift: number,
  assets: FrameAssets,
): void {
  const env: PaintEnv = {
    width: size.width,
    height: size.height,
    scene,
    palette: scene.sky ? skyPalette(scene.sky) : NO_SKY_PALETTE,
  };
  const sceneKey = JSON.stringify(scene);
  const groups = groupsOf(entriesOf(scene));
  const shifts = groups.map((group) => drift * group.parallax * size.width);
  const margins = groups.map(
    (group) => Math.ceil(MAX_PARALLAX_FRACTION * group.parallax * size.width) + 2,
  );
  const stills = groups.map((group, index) =>
    groupStill(
      ctx,
      env,
      group,
      `${sceneKey}|${index}`,
      shifts[index] ?? 0,
      margins[index] ?? 0,
      assets,
    ),
  );
  // Device row from which the later stills cover the frame: each group is copied above it only.
  // Skipping is exact only at full opacity (a faded scene shows its far layers through).
  const covers = stills.map(() => ctx.canvas.height);
  if (ctx.globalAlpha === 1) {
    const transform = ctx.getTransform();
    for (let index = stills.length - 2; index >= 0; index -= 1) {
      const later = stills[index + 1];
      const solidFrom =
        later && later.bounds.opaqueFrom < later.image.height
          ? Math.round(transform.f + later.y * transform.d) + later.bounds.opaqueFrom
          : ctx.canvas.height;
      covers[index] = Math.min(covers[index + 1] ?? ctx.canvas.height, solidFrom);
    }
  }
  groups.forEach((group, index) => {
    const shiftPx = shifts[index] ?? 0;
    const still = stills[index];
    const cover = covers[index] ?? ctx.canvas.height;
    if (still) blitAt(ctx, still, still.x, cover);
    else if (still === null) {
      ctx.save();
      ctx.translate(shiftPx, 0);
      paintStill(ctx, env, group, margins[index] ?? 0);
      ctx.restore();
    }
    if (index === 0 && scene.sky)
      drawClouds(ctx, env, `${sceneKey}|clouds`, sceneTimeMs, assets, cover);
    const moving = group.entries[group.entries.length - 1]?.painter.paintMotion;
    if (moving) {
      ctx.save();
      ctx.translate(shiftPx, 0);
      moving(ctx, env, sceneTimeMs);
      ctx.restore();
    }
  });
}

/** Paints the still parts of a group's entries, in draft pixels. */
function paintStill(ctx: Context2D, env: PaintEnv, group: Group, marginPx: number): void {
  for (const { painter, salt } of group.entries) {
    painter.paintStatic?.(ctx, env, seededRandom(env.scene.seed, salt), marginPx);
  }
}

/**
 * Copies the content of `still` with its top-left at draft x `x` (and its own y), at whole
 * device pixels, leaving out rows from device row `coverRow` down (hidden by nearer layers).
 * The copy is bounded by a rectangular clip: in Chromium's software raster that measured
 * faster than drawImage's source rectangle (scripts/bench/scene-draw-time.ts).
 */
function blitAt(ctx: Context2D, still: PlacedStill, x: number, coverRow: number): void {
  const transform = ctx.getTransform();
  const left = Math.round(transform.e + x * transform.a);
  const top = Math.round(transform.f + still.y * transform.d);
  const { bounds } = still;
  const rows = Math.min(bounds.bottom, coverRow - top) - bounds.top;
  const columns = bounds.right - bounds.left;
  if (rows <= 0 || columns <= 0) return;
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.beginPath();
  ctx.rect(left + bounds.left, top + bounds.top, columns, rows);
  ctx.clip();
  ctx.drawImage(still.image, left, top);
  ctx.restore();
}

/**
 * A group's still image, from the cache or painted now; `undefined` when the group has no still
 * part, `null` where no `OffscreenCanvas` exists (the caller paints directly).
 */
function groupStill(
  ctx: Context2D,
  env: PaintEnv,
  group: Group,
  key: string,
  shiftPx: number,
  marginPx: number,
  assets: FrameAssets,
): PlacedStill | null | undefined {
  if (!group.entries.some((entry) => entry.painter.paintStatic)) return undefined;
  const scale = ctx.getTransform().a;
  const top = group.top * env.height;
  const bottom = group.bottom * env.height;
  const image = cachedImage(
    assets,
    'sceneImages',
    `${ctx.canvas.width}x${ctx.canvas.height}|${key}`,
    Math.ceil((env.width + 2 * marginPx) * scale),
    Math.ceil((bottom - top) * scale),
    group.opaque,
    (c) => {
      c.scale(scale, scale);
      c.translate(marginPx, -top);
      paintStill(c, env, group, marginPx);
    },
  );
  if (!image) return null;
  return { image, bounds: stillBounds(image, group.opaque), x: shiftPx - marginPx, y: top };
}

/** The cloud strip, drifting right and wrapping around, left out from device row `coverRow`. */
function drawClouds(
  ctx: Context2D,
  env: PaintEnv,
  key: string,
  sceneTimeMs: number,
  assets: FrameAssets,
  coverRow: number,
): void {
  const paint = cloudStripPainter(env);
  const offset = cloudOffsetPx(env.width, sceneTimeMs);
  const scale = ctx.getTransform().a;
  const image = cachedImage(
    assets,
    'sceneImages',
    `${ctx.canvas.width}x${ctx.canvas.height}|${key}`,
    Math.ceil(env.width * scale),
    Math.ceil(env.height * 0.55 * scale),
    false,
    (c) => {
      c.scale(scale, scale);
      paint(c);
    },
  );
  const still = image ? { image, bounds: stillBounds(image, false), x: 0, y: 0 } : null;
  for (const x of [offset, offset - env.width]) {
    if (still) blitAt(ctx, still, x, coverRow);
    else {
      ctx.save();
      ctx.translate(x, 0);
      paint(ctx);
      ctx.restore();
    }
  }
}
