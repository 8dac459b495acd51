/**
 * @module draw-frame
 * The one function that turns `(draft, timeMs)` into pixels, used by the live preview (a
 * `<canvas>` on the main thread) and by the export (an `OffscreenCanvas` in the encode worker),
 * so what the visitor previews is what they download.
 *
 * Order: video tracks bottom to top (scenes, transitions), then text tracks in order, then the
 * narration's word-by-word captions (draw-captions.ts), then the logo (draw-logo.ts). Same draft
 * and time give the same pixels: nothing here reads the clock or a random source, and the caches
 * in {@link FrameAssets} only memoise.
 */
import type { Draft } from '../../shared/draft-schema';
import { drawCaptions } from './draw-captions';
import { drawLogo } from './draw-logo';
import { drawVideoTrack } from './draw-scene';
import { drawTextSegment } from './draw-text';
import type { Context2D, FrameAssets } from './frame-assets';

export type { Context2D, FrameAssets } from './frame-assets';
export { createFrameAssets } from './frame-assets';

/**
 * Draws the frame showing at `timeMs` into `ctx`, replacing its whole content.
 *
 * The composition is laid out in draft canvas pixels (`draft.canvas.width × height`) and scaled
 * to the context's canvas width, so a small preview canvas of the same aspect ratio shows
 * exactly the export's composition.
 *
 * @param ctx a 2D context; opaque (`{ alpha: false }`) is fastest
 * @param draft a valid draft (parsed by `draftSchema`)
 * @param timeMs time from the start of the video in ms, 0 ≤ timeMs < `draft.durationMs`;
 *   fractional values are fine (frame `i` of the export is at `i * 1000 / fps`)
 * @param assets caches from {@link createFrameAssets}, made after the fonts are loaded
 * @example
 * const assets = createFrameAssets(draft);
 * drawFrame(canvas.getContext('2d')!, draft, 1500, assets);
 */
export function drawFrame(ctx: Context2D, draft: Draft, timeMs: number, assets: FrameAssets): void {
  const scale = ctx.canvas.width / draft.canvas.width;
  ctx.setTransform(scale, 0, 0, scale, 0, 0);
  ctx.globalAlpha = 1;
  ctx.globalCompositeOperation = 'source-over';
  ctx.shadowColor = 'transparent';
  ctx.shadowBlur = 0;
  ctx.shadowOffsetX = 0;
  ctx.shadowOffsetY = 0;

  let isBase = true;
  for (const track of draft.tracks) {
    if (track.kind !== 'video') continue;
    drawVideoTrack(ctx, draft, track, timeMs, assets, isBase);
    isBase = false;
  }
  if (isBase) {
    // No video track at all: the look's gradient (an empty track draws it too).
    drawVideoTrack(
      ctx,
      draft,
      { id: '', kind: 'video', name: '', segments: [] },
      timeMs,
      assets,
      true,
    );
  }

  for (const track of draft.tracks) {
    if (track.kind !== 'text') continue;
    for (const segment of track.segments) {
      if (segment.startMs <= timeMs && timeMs < segment.startMs + segment.durationMs) {
        drawTextSegment(ctx, draft, segment, timeMs, assets);
      }
    }
  }
  drawCaptions(ctx, draft, timeMs);
  drawLogo(ctx, draft, assets);
  ctx.globalAlpha = 1;
}
