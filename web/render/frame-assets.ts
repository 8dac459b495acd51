/**
 * @module frame-assets
 * What {@link drawFrame} reuses from one frame to the next so the hot loop allocates almost
 * nothing and rasterises little: icon and illustration outlines (`Path2D`), wrapped text layouts, and each scene's
 * backdrop (gradient and glow) pre-drawn at the canvas's pixel size. The caches only
 * remember results; they never change what is drawn, so a frame is the same with a fresh or a
 * warm `FrameAssets`. Make one per canvas (preview) or per render (export), after the fonts are
 * loaded: text is measured, and measured once, with whatever fonts are loaded at that moment.
 */
import type { Draft } from '../../shared/draft-schema';
import type { Illustration } from '../../shared/illustration-schema';
import { buildIconPath } from './icon-paths';
import type { MediaFrameLookup } from './media-frames';
import type { TextLayout } from './wrap-canvas-text';

/**
 * Either 2D context: the preview's `<canvas>` or the export worker's `OffscreenCanvas`. Spelled
 * as what both have (every drawing method and style; a canvas with a size), because a worker has
 * no `CanvasRenderingContext2D` type and these modules are checked as page and as worker code.
 */
export type Context2D = Omit<OffscreenCanvasRenderingContext2D, 'canvas'> & {
  readonly canvas: { readonly width: number; readonly height: number };
};

/**
 * Bound on cached text layouts: a live preview re-lays out every edit of a caption, and old
 * layouts are never needed again. 512 entries of a few hundred bytes each.
 */
const MAX_CACHED_LAYOUTS = 512;

/**
 * Bound on pre-drawn backdrops: scenes play in order, so a transition needs two and the rest
 * are redrawn on demand (~10 ms each). Four 1080p backdrops hold 32 MB.
 */
const MAX_CACHED_BACKDROPS = 4;

/**
 * Bound on pre-drawn layers of painted scenes (web/render/paint/): a scene keeps up to about six
 * (backdrop, clouds, a few land bands, a scrim), most of them bands shorter than the frame, and a
 * transition needs two scenes. Sixteen hold at most ~100 MB at 1080p, usually far less.
 */
const MAX_CACHED_SCENE_IMAGES = 16;

/** Reusable drawing resources for {@link drawFrame}. Treat as opaque; build with {@link createFrameAssets}. */
export interface FrameAssets {
  /** Icon outlines in Lucide's 24x24 box by kebab-case name; `null` for unknown names. */
  readonly iconPaths: Map<string, Path2D | null>;
  /** Text layouts by text, style and available box. */
  readonly textLayouts: Map<string, TextLayout>;
  /** Pre-drawn backdrops by key, least recently used first. */
  readonly backdrops: Map<string, OffscreenCanvas>;
  /** Pre-drawn layers of painted scenes by key, least recently used first. */
  readonly sceneImages: Map<string, OffscreenCanvas>;
  /** Shapes of each illustration (by the draft's object) as `Path2D`s, built once. */
  readonly illustrationPaths: WeakMap<Illustration, Path2D[]>;
  /** Decoded frames of uploaded media, prepared for the time being drawn; absent: placeholders. */
  readonly media?: MediaFrameLookup;
}

/**
 * Creates the caches and builds the outlines of every icon the draft names (others are built on
 * first use, e.g. after an edit in the live preview).
 */
export function createFrameAssets(draft?: Draft, media?: MediaFrameLookup): FrameAssets {
  const assets: FrameAssets = {
    iconPaths: new Map(),
    textLayouts: new Map(),
    backdrops: new Map(),
    sceneImages: new Map(),
    illustrationPaths: new WeakMap(),
    ...(media ? { media } : {}),
  };
  for (const track of draft?.tracks ?? []) {
    if (track.kind !== 'video') continue;
    for (const segment of track.segments) {
      if (segment.visual.type === 'generated' && segment.visual.icon)
        iconPathFor(assets, segment.visual.icon);
    }
  }
  return assets;
}

/** The outline of a Lucide icon, built once per name. */
export function iconPathFor(assets: FrameAssets, name: string): Path2D | null {
  let path = assets.iconPaths.get(name);
  if (path === undefined) {
    path = buildIconPath(name);
    assets.iconPaths.set(name, path);
  }
  return path;
}

/** The shapes of an illustration as `Path2D`s (in its 32-unit box), built once per illustration. */
export function illustrationPathsFor(assets: FrameAssets, illustration: Illustration): Path2D[] {
  let paths = assets.illustrationPaths.get(illustration);
  if (!paths) {
    paths = illustration.shapes.map((shape) => new Path2D(shape.d));
    assets.illustrationPaths.set(illustration, paths);
  }
  return paths;
}

/** A text layout from the cache, or `build()`'s result stored under `key`. */
export function cachedTextLayout(
  assets: FrameAssets,
  key: string,
  build: () => TextLayout,
): TextLayout {
  let layout = assets.textLayouts.get(key);
  if (!layout) {
    if (assets.textLayouts.size >= MAX_CACHED_LAYOUTS) assets.textLayouts.clear();
    layout = build();
    assets.textLayouts.set(key, layout);
  }
  return layout;
}

/** The caches of pre-drawn images and how many each keeps. */
const IMAGE_CACHE_BOUNDS = {
  backdrops: MAX_CACHED_BACKDROPS,
  sceneImages: MAX_CACHED_SCENE_IMAGES,
} as const;

/**
 * A pre-drawn image of `width × height` device pixels, transparent unless `opaque`, from one of
 * the caches (least recently used first, at most its bound): a scene's backdrop (`backdrops`) or
 * a layer of a painted scene (`sceneImages`); else a new one painted by `paint` and kept.
 * @returns null where `OffscreenCanvas` is missing (the caller then paints directly)
 */
export function cachedImage(
  assets: FrameAssets,
  which: keyof typeof IMAGE_CACHE_BOUNDS,
  key: string,
  width: number,
  height: number,
  opaque: boolean,
  paint: (ctx: OffscreenCanvasRenderingContext2D) => void,
): OffscreenCanvas | null {
  const cache = assets[which];
  const bound = IMAGE_CACHE_BOUNDS[which];
  const cached = cache.get(key);
  if (cached) {
    // Move to the most recently used end.
    cache.delete(key);
    cache.set(key, cached);
    return cached;
  }
  if (typeof OffscreenCanvas === 'undefined') return null;
  const image = new OffscreenCanvas(Math.max(1, width), Math.max(1, height));
  const ctx = image.getContext('2d', { alpha: !opaque });
  if (!ctx) return null;
  paint(ctx);
  if (cache.size >= bound) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  cache.set(key, image);
  return image;
}
