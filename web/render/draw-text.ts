/**
 * @module draw-text
 * Draws a text segment (title, caption, overlay) at one moment: wrapped to
 * `position.maxWidth × canvas width`, shrunk to at most {@link TEXT_MAX_HEIGHT_FRACTION} of the
 * canvas height, kept inside a safe margin, with an optional box behind it, and animated
 * (`fade`: in and out; `kinetic`: words — or CJK characters — rise in one after another;
 * `typewriter`: typed in character by character; `highlight`: a marker in the accent colour sweeps
 * behind each line; `pop`: the block springs in from smaller; all fade out at the end).
 *
 * Placement: `position.x` is the left edge, centre or right edge of the block for `align` left,
 * center or right; `position.y` is the block's vertical centre. Both are fractions of the canvas.
 * Lengths are in draft canvas pixels; the caller has already scaled the context.
 */
import type { Draft, TextSegment } from '../../shared/draft-schema';
import { bulletLineAlphas } from './bullet-reveal';
import { clamp01, easeInOutCubic, easeOutBack, easeOutCubic } from './easing';
import { cachedTextLayout, type Context2D, type FrameAssets } from './frame-assets';
import { layoutText, type TextLayout } from './wrap-canvas-text';

/** A text block never takes more than 40% of the canvas height: it must not bury the picture. */
export const TEXT_MAX_HEIGHT_FRACTION = 0.4;
/** Nothing is drawn closer than this fraction of the shorter side to a frame edge (title-safe area). */
export const SAFE_MARGIN_FRACTION = 0.05;
/** Box padding around the text, in ems of the style's font size. */
const BOX_PADDING_X_EM = 0.45;
const BOX_PADDING_Y_EM = 0.25;
/** Box corner radius, in ems. */
const BOX_RADIUS_EM = 0.22;
/** Box opacity: lets the scene show through a little, like broadcast lower thirds. */
const BOX_OPACITY = 0.86;
/** Fade in/out length in ms (shortened to a third of very short segments). */
const FADE_MS = 400;
/** A typewriter types this many characters per second (a brisk, readable pace)… */
const TYPEWRITER_CHARS_PER_S = 28;
/** …finishing by the middle of the segment however long the text. */
const TYPEWRITER_DONE_FRACTION = 0.5;
/** A highlight sweeps across each line in this many ms, lines one after another. */
const HIGHLIGHT_SWEEP_MS = 450;
/** The marker's height (ems) and opacity. */
const HIGHLIGHT_HEIGHT_EM = 1.05;
const HIGHLIGHT_ALPHA = 0.55;
/** A pop grows the block from this scale to 1 over this many ms, overshooting a little. */
const POP_FROM_SCALE = 0.6;
const POP_MS = 420;
/** Each kinetic unit animates over this many ms… */
const KINETIC_UNIT_MS = 360;
/** …starting this many ms after the previous one (squeezed so all units are in by mid-segment)… */
const KINETIC_STAGGER_MS = 110;
/** …rising by this many ems. */
const KINETIC_RISE_EM = 0.35;
/** Soft shadow under text without a box, so it stays legible on light scenes. */
const SHADOW_COLOR = 'rgba(0, 0, 0, 0.35)';
const SHADOW_BLUR_EM = 0.08;
const SHADOW_OFFSET_EM = 0.03;

/** Where and how large a segment's text block is, in canvas px. */
interface Placement {
  layout: TextLayout;
  left: number;
  top: number;
  boxWidth: number;
  boxHeight: number;
  padX: number;
  padY: number;
}

function placement(
  ctx: Context2D,
  draft: Draft,
  segment: TextSegment,
  assets: FrameAssets,
): Placement {
  const { width, height } = draft.canvas;
  const { style, position } = segment;
  const margin = SAFE_MARGIN_FRACTION * Math.min(width, height);
  const hasBox = style.backgroundColor !== null;
  const padX = hasBox ? BOX_PADDING_X_EM * style.fontSizePx : 0;
  const padY = hasBox ? BOX_PADDING_Y_EM * style.fontSizePx : 0;
  const maxWidth = Math.max(1, Math.min(position.maxWidth * width, width - 2 * margin) - 2 * padX);
  const maxHeight = Math.max(
    1,
    Math.min(TEXT_MAX_HEIGHT_FRACTION * height, height - 2 * margin) - 2 * padY,
  );
  const key = `${segment.text}\u0000${style.fontWeight}|${style.fontSizePx}|${style.fontFamily}|${maxWidth}|${maxHeight}`;
  const layout = cachedTextLayout(assets, key, () =>
    layoutText(segment.text, style, maxWidth, maxHeight, (text, font) => {
      ctx.font = font;
      return ctx.measureText(text).width;
    }),
  );
  // Padding follows the (possibly shrunk) font size.
  const scale = layout.fontSizePx / style.fontSizePx;
  const boxWidth = layout.width + 2 * padX * scale;
  const boxHeight = layout.height + 2 * padY * scale;
  const anchorX = position.x * width;
  let left =
    position.align === 'left'
      ? anchorX
      : position.align === 'right'
        ? anchorX - boxWidth
        : anchorX - boxWidth / 2;
  let top = position.y * height - boxHeight / 2;
  left = Math.min(Math.max(left, margin), Math.max(margin, width - margin - boxWidth));
  top = Math.min(Math.max(top, margin), Math.max(margin, height - margin - boxHeight));
  return { layout, left, top, boxWidth, boxHeight, padX: padX * scale, padY: padY * scale };
}

/** Draws one text segment at `timeMs` (the caller checked that it is active). */
export function drawTextSegment(
  ctx: Context2D,
  draft: Draft,
  segment: TextSegment,
  timeMs: number,
  assets: FrameAssets,
): void {
  const { layout, left, top, boxWidth, boxHeight, padX, padY } = placement(
    ctx,
    draft,
    segment,
    assets,
  );
  const { style, animation } = segment;
  const localMs = timeMs - segment.startMs;
  const endMs = segment.durationMs - localMs;
  const fadeMs = Math.min(FADE_MS, segment.durationMs / 3);
  const fadeIn = animation === 'none' || animation === 'typewriter' ? 1 : clamp01(localMs / fadeMs);
  const fadeOut = animation === 'none' ? 1 : clamp01(endMs / fadeMs);
  const blockAlpha = Math.min(fadeIn, fadeOut);
  if (blockAlpha <= 0) return;
  const size = layout.fontSizePx;

  ctx.save();
  if (animation === 'pop') {
    const scale = POP_FROM_SCALE + (1 - POP_FROM_SCALE) * easeOutBack(localMs / POP_MS);
    const centreX = left + boxWidth / 2;
    const centreY = top + boxHeight / 2;
    ctx.translate(centreX, centreY);
    ctx.scale(scale, scale);
    ctx.translate(-centreX, -centreY);
  }
  if (style.backgroundColor !== null) {
    ctx.globalAlpha = BOX_OPACITY * blockAlpha;
    ctx.fillStyle = style.backgroundColor;
    ctx.beginPath();
    ctx.roundRect(left, top, boxWidth, boxHeight, BOX_RADIUS_EM * size);
    ctx.fill();
  } else {
    ctx.shadowColor = SHADOW_COLOR;
    ctx.shadowBlur = SHADOW_BLUR_EM * size;
    ctx.shadowOffsetY = SHADOW_OFFSET_EM * size;
  }

  ctx.font = layout.font;
  ctx.fillStyle = style.color;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  const innerWidth = boxWidth - 2 * padX;
  const align = segment.position.align;
  // Squeeze the stagger so the last unit has arrived by the middle of the segment.
  const stagger = Math.min(
    KINETIC_STAGGER_MS,
    (segment.durationMs / 2 - KINETIC_UNIT_MS) / Math.max(1, layout.unitCount - 1),
  );
  let unitIndex = 0;
  const lineAlphas = bulletLineAlphas(layout.lines, localMs, segment.durationMs);
  // Characters the typewriter has typed by now, spent line by line.
  const characters = layout.lines.reduce((count, line) => count + [...line.text].length, 0);
  const charsPerMs = Math.max(
    TYPEWRITER_CHARS_PER_S / 1_000,
    characters / (segment.durationMs * TYPEWRITER_DONE_FRACTION),
  );
  let typed = Math.floor(localMs * charsPerMs);
  for (const [lineIndex, line] of layout.lines.entries()) {
    const lineLeft =
      left +
      padX +
      (align === 'left'
        ? 0
        : align === 'right'
          ? innerWidth - line.width
          : (innerWidth - line.width) / 2);
    const lineY = top + padY + (lineIndex + 0.5) * layout.lineHeightPx;
    if (animation === 'highlight') {
      const sweep = easeInOutCubic((localMs - lineIndex * HIGHLIGHT_SWEEP_MS) / HIGHLIGHT_SWEEP_MS);
      const shadow = ctx.shadowColor;
      ctx.shadowColor = 'transparent';
      ctx.globalAlpha = HIGHLIGHT_ALPHA * blockAlpha;
      ctx.fillStyle = draft.look.accent;
      const markerHeight = HIGHLIGHT_HEIGHT_EM * size;
      ctx.fillRect(lineLeft, lineY - markerHeight / 2, sweep * line.width, markerHeight);
      ctx.shadowColor = shadow;
      ctx.fillStyle = style.color;
    }
    if (animation === 'typewriter') {
      typed = drawTyped(ctx, line, lineLeft, lineY, typed, blockAlpha);
      continue;
    }
    if (animation !== 'kinetic') {
      ctx.globalAlpha = blockAlpha * (lineAlphas[lineIndex] ?? 1);
      ctx.fillText(line.text, lineLeft, lineY);
      continue;
    }
    for (const unit of line.units) {
      const appear = easeOutCubic((localMs - unitIndex * Math.max(0, stagger)) / KINETIC_UNIT_MS);
      unitIndex += 1;
      const alpha = appear * fadeOut;
      if (alpha <= 0) continue;
      ctx.globalAlpha = alpha;
      ctx.fillText(unit.text, lineLeft + unit.x, lineY + (1 - appear) * KINETIC_RISE_EM * size);
    }
  }
  ctx.restore();
  ctx.shadowColor = 'transparent';
  ctx.shadowBlur = 0;
  ctx.shadowOffsetY = 0;
}

/**
 * Draws the first `typed` characters of `line` (whole code points) and returns how many are
 * left for the next lines.
 */
function drawTyped(
  ctx: Context2D,
  line: { text: string },
  left: number,
  y: number,
  typed: number,
  alpha: number,
): number {
  const characters = [...line.text];
  const shown = Math.max(0, Math.min(characters.length, typed));
  if (shown > 0) {
    ctx.globalAlpha = alpha;
    ctx.fillText(characters.slice(0, shown).join(''), left, y);
  }
  return typed - shown;
}
