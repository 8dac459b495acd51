/**
 * @module draw-captions
 * Draws the narration's word-by-word captions at one moment (shared/caption-cues.ts gives the
 * cues and word times): the cue being spoken, wrapped to its lines on a translucent box, with
 * the word being said in the highlight colour (`karaoke`: every word of the cue shown;
 * `pop-in`: words appear as they are said). Lengths are in draft canvas pixels; the caller has
 * already scaled the context.
 */
import { captionCues, type CaptionCue } from '../../shared/caption-cues';
import type { Draft } from '../../shared/draft-schema';
import type { TimedWord } from '../../shared/speech-words';
import type { Context2D } from './frame-assets';

/** A cue stays up this long after its last word, ms, unless the next cue starts: time to finish reading. */
export const CUE_HOLD_MS = 600;
/** Caption block width, share of the canvas width (inside the 5% title-safe margins). */
const MAX_WIDTH_FRACTION = 0.86;
/** Vertical centre of the block by position; vertical frames keep clear of the apps' buttons. */
const CENTRE_Y = { bottom: 0.86, middle: 0.5, top: 0.14 } as const;
const CENTRE_Y_VERTICAL = { bottom: 0.74, middle: 0.5, top: 0.2 } as const;
/** Box behind the words: black at 55%, padding in ems, like broadcast subtitles. */
const BOX_COLOR = 'rgba(0, 0, 0, 0.55)';
const BOX_PADDING_EM = 0.35;
const LINE_HEIGHT_EM = 1.25;
const WORD_COLOR = '#ffffff';
const FONT_WEIGHT = 700;

const cuesByDraft = new WeakMap<Draft, CaptionCue[]>();

/** The draft's cues, worked out once per draft object. */
function cuesOf(draft: Draft): CaptionCue[] {
  let cues = cuesByDraft.get(draft);
  if (!cues) {
    cues = captionCues(draft);
    cuesByDraft.set(draft, cues);
  }
  return cues;
}

/** The cue on screen at `timeMs`, or null. */
export function cueAt(cues: readonly CaptionCue[], timeMs: number): CaptionCue | null {
  let showing: CaptionCue | null = null;
  for (const cue of cues) {
    if (cue.startMs > timeMs) break;
    if (cue.style.mode === 'off') continue;
    showing = timeMs < cue.endMs + CUE_HOLD_MS ? cue : null;
  }
  return showing;
}

interface PlacedWord {
  word: TimedWord;
  x: number;
  line: number;
}

/** Places a cue's words on lines at most `maxWidth` wide; each line's x starts at 0. */
function placeWords(
  ctx: Context2D,
  words: readonly TimedWord[],
  maxWidth: number,
): { placed: PlacedWord[]; lineWidths: number[] } {
  const placed: PlacedWord[] = [];
  const lineWidths: number[] = [0];
  const space = ctx.measureText(' ').width;
  let line = 0;
  words.forEach((word, i) => {
    const gap = i > 0 && !(word.cjk && words[i - 1]?.cjk) ? space : 0;
    const width = ctx.measureText(word.text).width;
    let x = (lineWidths[line] ?? 0) + gap;
    if (i > 0 && x + width > maxWidth) {
      line += 1;
      lineWidths[line] = 0;
      x = 0;
    }
    placed.push({ word, x, line });
    lineWidths[line] = x + width;
  });
  return { placed, lineWidths };
}

/**
 * Draws the caption showing at `timeMs`, if any.
 * @param draft a valid draft; its narration segments carry the caption style
 */
export function drawCaptions(ctx: Context2D, draft: Draft, timeMs: number): void {
  const cue = cueAt(cuesOf(draft), timeMs);
  if (!cue) return;
  const { width, height } = draft.canvas;
  const style = cue.style;
  const fontSizePx = Math.round(style.sizeRatio * Math.min(width, height));
  ctx.font = `${FONT_WEIGHT} ${fontSizePx}px ${draft.look.fontFamily}`;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  const { placed, lineWidths } = placeWords(ctx, cue.words, MAX_WIDTH_FRACTION * width);
  const lineHeight = LINE_HEIGHT_EM * fontSizePx;
  const pad = BOX_PADDING_EM * fontSizePx;
  const blockHeight = lineWidths.length * lineHeight;
  const centreY = (height > width ? CENTRE_Y_VERTICAL : CENTRE_Y)[style.position] * height;
  const top = centreY - blockHeight / 2;
  const widest = Math.max(...lineWidths);
  ctx.globalAlpha = 1;
  ctx.shadowColor = 'transparent';
  ctx.fillStyle = BOX_COLOR;
  ctx.beginPath();
  ctx.roundRect(
    (width - widest) / 2 - pad,
    top - pad,
    widest + 2 * pad,
    blockHeight + 2 * pad,
    pad,
  );
  ctx.fill();
  for (const { word, x, line } of placed) {
    const said = word.startMs <= timeMs;
    if (style.mode === 'pop-in' && !said) continue;
    const speaking = said && timeMs < word.endMs;
    ctx.fillStyle = speaking ? style.highlight : WORD_COLOR;
    const left = (width - (lineWidths[line] ?? 0)) / 2 + x;
    ctx.fillText(word.text, left, top + (line + 0.5) * lineHeight);
  }
}
