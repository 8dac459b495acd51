/**
 * @module text-layout
 * Where text goes and how big it is, relative to the canvas so the same draft reads the same at
 * 1920x1080, 1080x1920 and 1080x1080. Sizes are fractions of the canvas's shorter side, rounded
 * to whole px; positions are fractions of the canvas (the block's centre). The renderer also
 * wraps to `maxWidth` and shrinks text that still does not fit.
 */
import type { Canvas, Look, TextSegment, TextStyle } from '../../../shared/draft-schema';
import { SCENE_LAYOUTS, captionPosition } from './pick-layout';
import { hasCjk } from './reading-length';

type TextRole = TextSegment['role'];
type TextPosition = TextSegment['position'];

/** Title size: 9% of the shorter side (97 px at 1080): big, still 17+ Latin characters per line in 9:16. */
export const TITLE_FONT_RATIO = 0.09;
/** Caption size: 4.4% of the shorter side (48 px at 1080): two lines of ~35 Latin characters fit 84% of a 1080-px width. */
export const CAPTION_FONT_RATIO = 0.044;
/** Overlay size: 5.6% of the shorter side (60 px at 1080): reads as a headline, below the title. */
export const OVERLAY_FONT_RATIO = 0.056;
/** Text blocks use at most 84% of the width: 8% margins stay inside the title-safe area (90%). */
export const TEXT_MAX_WIDTH = 0.84;
/** Schema bounds of `fontSizePx` (8..400 px). */
export const MIN_FONT_PX = 8;
export const MAX_FONT_PX = 400;

/** Title block centre: just below the middle, under the scene's icon (drawn around 30% height). */
export const TITLE_Y = 0.56;
/** Caption centre on wide frames: the lower third. */
export const CAPTION_Y_LANDSCAPE = 0.82;
/** Caption centre on square frames. */
export const CAPTION_Y_SQUARE = 0.8;
/** Caption centre on vertical frames: 0.74 keeps it above the app buttons TikTok/Reels/Shorts draw over the bottom ~20%. */
export const CAPTION_Y_VERTICAL = 0.74;
/** Overlay centre: the top band, clear of the captions. */
export const OVERLAY_Y = 0.16;
/** Overlay centre on vertical frames: below the platform's top bar (~10%). */
export const OVERLAY_Y_VERTICAL = 0.2;

/** Weights of the faces the renderer loads: Inter 400/700/800, Noto Sans SC 700 (CJK is always 700). */
const WEIGHT_BY_ROLE: Readonly<Record<TextRole, number>> = {
  title: 800,
  caption: 700,
  overlay: 800,
};
const CJK_WEIGHT = 700;
const RATIO_BY_ROLE: Readonly<Record<TextRole, number>> = {
  title: TITLE_FONT_RATIO,
  caption: CAPTION_FONT_RATIO,
  overlay: OVERLAY_FONT_RATIO,
};
const ANIMATION_BY_ROLE: Readonly<Record<TextRole, TextSegment['animation']>> = {
  title: 'kinetic',
  caption: 'fade',
  overlay: 'fade',
};

function shorterSide(canvas: Canvas): number {
  return Math.min(canvas.width, canvas.height);
}

/** A px size kept within the schema's 8..400 px. */
export function clampFontPx(px: number): number {
  return Math.min(MAX_FONT_PX, Math.max(MIN_FONT_PX, Math.round(px)));
}

/**
 * Default font size for a role on a canvas.
 * @returns integer px, e.g. title 97, caption 48, overlay 60 on any canvas whose shorter side is 1080
 */
export function fontSizeFor(role: TextRole, canvas: Canvas): number {
  return clampFontPx(shorterSide(canvas) * RATIO_BY_ROLE[role]);
}

/** Default position for a role on a canvas (fractions; centred, {@link TEXT_MAX_WIDTH} wide). */
export function positionFor(role: TextRole, canvas: Canvas): TextPosition {
  const vertical = canvas.height > canvas.width;
  const square = canvas.height === canvas.width;
  let y: number;
  if (role === 'title') y = TITLE_Y;
  else if (role === 'overlay') y = vertical ? OVERLAY_Y_VERTICAL : OVERLAY_Y;
  else y = vertical ? CAPTION_Y_VERTICAL : square ? CAPTION_Y_SQUARE : CAPTION_Y_LANDSCAPE;
  return { x: 0.5, y, maxWidth: TEXT_MAX_WIDTH, align: 'center' };
}

/** Default style for a role: look's font, role weight (700 for CJK text), size for the canvas. */
export function styleFor(
  role: TextRole,
  canvas: Canvas,
  look: Look,
  text: string,
  color?: string,
): TextStyle {
  return {
    fontFamily: look.fontFamily,
    fontWeight: hasCjk(text) ? CJK_WEIGHT : WEIGHT_BY_ROLE[role],
    fontSizePx: fontSizeFor(role, canvas),
    color: color ?? (role === 'overlay' ? look.accent : look.text),
    backgroundColor: null,
  };
}

/** What {@link makeTextSegment} needs. Times in integer ms. */
export interface TextSegmentInput {
  id: string;
  role: TextRole;
  text: string;
  startMs: number;
  durationMs: number;
  canvas: Canvas;
  look: Look;
  color?: string;
  position?: TextPosition;
}

/** A text segment laid out for its role and canvas. */
export function makeTextSegment(input: TextSegmentInput): TextSegment {
  return {
    id: input.id,
    startMs: input.startMs,
    durationMs: input.durationMs,
    role: input.role,
    text: input.text,
    style: styleFor(input.role, input.canvas, input.look, input.text, input.color),
    position: input.position ?? positionFor(input.role, input.canvas),
    animation: ANIMATION_BY_ROLE[input.role],
  };
}

/**
 * The same text segment on another canvas: font size scaled by the ratio of shorter sides, and a
 * block sitting at its role's default place moved to the new default place (a caption stays in the
 * lower third, above the app buttons on vertical), a caption at its layout's place moved to that
 * layout's place on the new shape; a block the visitor placed keeps its fractions.
 */
export function reframeTextSegment(segment: TextSegment, from: Canvas, to: Canvas): TextSegment {
  const fromBase = positionFor(segment.role, from);
  const toBase = positionFor(segment.role, to);
  // A caption a scene's layout placed (pick-layout.ts) moves to that layout's place.
  const layout =
    segment.role === 'caption'
      ? SCENE_LAYOUTS.find((l) =>
          samePosition(segment.position, captionPosition(l, from, fromBase)),
        )
      : undefined;
  const wasDefault = samePosition(segment.position, fromBase);
  return {
    ...segment,
    style: {
      ...segment.style,
      fontSizePx: clampFontPx((segment.style.fontSizePx * shorterSide(to)) / shorterSide(from)),
    },
    position: layout
      ? captionPosition(layout, to, toBase)
      : wasDefault
        ? toBase
        : { ...segment.position },
  };
}

function samePosition(a: TextPosition, b: TextPosition): boolean {
  return a.x === b.x && a.y === b.y && a.maxWidth === b.maxWidth && a.align === b.align;
}
