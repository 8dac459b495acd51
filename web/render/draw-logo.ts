/**
 * @module draw-logo
 * The draft's logo (its brand kit's, shared/draft-schema.ts `logo`) drawn over every frame in its
 * corner, above scenes, texts and captions, at its own aspect ratio. Part of the one frame
 * function (draw-frame.ts), so the preview shows it where the export has it. Without a decoded
 * logo (none, or it could not be loaded: media-frames.ts) nothing is drawn.
 */
import type { Draft } from '../../shared/draft-schema';
import type { Context2D, FrameAssets } from './frame-assets';

/** The logo fits a square this fraction of the canvas's shorter side: visible, never the subject. */
export const LOGO_BOX_RATIO = 0.14;
/** Gap between the logo and the frame's edges, fraction of the shorter side (inside title-safe). */
export const LOGO_MARGIN_RATIO = 0.04;

/**
 * The logo's rectangle in canvas pixels for an image of `width × height` px.
 * @returns `{x, y, width, height}` inside the corner's margins
 */
export function logoRect(
  draft: Pick<Draft, 'canvas'>,
  corner: NonNullable<Draft['logo']>['corner'],
  width: number,
  height: number,
): { x: number; y: number; width: number; height: number } {
  const shorter = Math.min(draft.canvas.width, draft.canvas.height);
  const box = shorter * LOGO_BOX_RATIO;
  const margin = shorter * LOGO_MARGIN_RATIO;
  const scale = box / Math.max(width, height, 1);
  const w = width * scale;
  const h = height * scale;
  const x = corner.endsWith('left') ? margin : draft.canvas.width - margin - w;
  const y = corner.startsWith('top') ? margin : draft.canvas.height - margin - h;
  return { x, y, width: w, height: h };
}

/** Draws the draft's logo in its corner (see the module doc); nothing when there is none. */
export function drawLogo(ctx: Context2D, draft: Draft, assets: FrameAssets): void {
  if (!draft.logo) return;
  const frame = assets.media?.logoFrame?.() ?? null;
  if (!frame) return;
  const rect = logoRect(draft, draft.logo.corner, frame.width, frame.height);
  ctx.globalAlpha = 1;
  ctx.drawImage(frame.image, rect.x, rect.y, rect.width, rect.height);
}
