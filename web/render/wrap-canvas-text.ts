/**
 * @module wrap-canvas-text
 * Word-wraps a text segment into lines that fit a width, shrinking the font until the block fits
 * a height. Latin-script text breaks at spaces; CJK text breaks between any two characters (but
 * never puts closing punctuation such as `，。！` at a line start); `\n` forces a break; a word
 * wider than the line is split by characters. Pure: the caller passes a text-measuring function,
 * so this runs (and is tested) without a canvas.
 */
import type { TextStyle } from '../../shared/draft-schema';

/** Measures the advance width in px of `text` drawn with the CSS `font` shorthand. */
export type MeasureText = (text: string, font: string) => number;

/** One unit that appears on its own in the kinetic animation: a word, or one CJK character. */
export interface TextUnit {
  /** The unit's characters (no surrounding spaces). */
  text: string;
  /** Left edge in px, relative to the line's left edge. */
  x: number;
}

/** One wrapped line. */
export interface TextLine {
  /** The line as drawn in one `fillText` call. */
  text: string;
  /** Advance width in px. */
  width: number;
  units: TextUnit[];
}

/** A laid-out text block, in px at the canvas resolution. */
export interface TextLayout {
  /** CSS font shorthand the block was measured with: `${weight} ${size}px ${family}`. */
  font: string;
  fontSizePx: number;
  lineHeightPx: number;
  lines: TextLine[];
  /** Widest line in px. */
  width: number;
  /** `lines.length * lineHeightPx`. */
  height: number;
  /** Units over all lines, in reading order (for the kinetic stagger). */
  unitCount: number;
}

/** Line height as a multiple of the font size: room for CJK glyphs and Latin descenders. */
export const LINE_HEIGHT_EM = 1.22;

/** Each shrink step multiplies the font size by this: small enough steps to keep titles large. */
const SHRINK_FACTOR = 0.92;

/** Smallest font size in px we shrink to (the schema's minimum); below it, lines may be cut. */
export const MIN_FONT_SIZE_PX = 8;

/**
 * Characters that break between each other: CJK ideographs and extensions, kana, Hangul,
 * CJK symbols and punctuation, fullwidth forms.
 */
const CJK_CHAR =
  /[\u2E80-\u2FFF\u3000-\u30FF\u3100-\u31FF\u3200-\u9FFF\uA960-\uA97F\uAC00-\uD7FF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF]|[\u{20000}-\u{3FFFF}]/u;

/** Punctuation that must not start a line (kinsoku): it sticks to the unit before it. */
const NO_LINE_START = /^[，。、！？；：」』）》〉】〕’”…‥・,.!?;:)\]}%]$/u;

/** Builds the CSS font shorthand for a style at a given size. */
export function fontShorthand(
  style: Pick<TextStyle, 'fontWeight' | 'fontFamily'>,
  sizePx: number,
): string {
  return `${style.fontWeight} ${sizePx}px ${style.fontFamily}`;
}

interface Token {
  text: string;
  /** True when a space separated this token from the previous one on the same paragraph. */
  spaceBefore: boolean;
  /** True for a CJK character (may be split from neighbours without a space). */
  cjk: boolean;
}

/** Splits one paragraph (no `\n`) into words and single CJK characters. */
function tokenize(paragraph: string): Token[] {
  const tokens: Token[] = [];
  let word = '';
  let spaceBefore = false;
  const flushWord = (): void => {
    if (word) tokens.push({ text: word, spaceBefore, cjk: false });
    word = '';
    spaceBefore = false;
  };
  for (const char of paragraph) {
    if (char === ' ' || char === '\t' || char === '\u3000') {
      flushWord();
      spaceBefore = tokens.length > 0;
    } else if (CJK_CHAR.test(char) || NO_LINE_START.test(char)) {
      const previous = tokens[tokens.length - 1];
      if (NO_LINE_START.test(char) && !word && !spaceBefore && previous) {
        previous.text += char; // kinsoku: keep closing punctuation with what it closes
      } else if (NO_LINE_START.test(char) && word) {
        word += char; // "word," stays one word
      } else {
        flushWord();
        tokens.push({ text: char, spaceBefore, cjk: true });
        spaceBefore = false;
      }
    } else {
      word += char;
    }
  }
  flushWord();
  return tokens;
}

interface Wrapped {
  lines: TextLine[];
  /** True when a word had to be split by characters (a reason to try a smaller size). */
  splitWord: boolean;
}

function wrap(text: string, font: string, maxWidthPx: number, measure: MeasureText): Wrapped {
  const lines: TextLine[] = [];
  let splitWord = false;
  for (const paragraph of text.split('\n')) {
    const pieces: { text: string; spaceBefore: boolean }[] = [];
    for (const token of tokenize(paragraph)) {
      if (!token.cjk && measure(token.text, font) > maxWidthPx) {
        // A word wider than the line: split it by characters.
        splitWord = true;
        let chunk = '';
        let first = true;
        for (const char of token.text) {
          if (chunk && measure(chunk + char, font) > maxWidthPx) {
            pieces.push({ text: chunk, spaceBefore: first && token.spaceBefore });
            first = false;
            chunk = '';
          }
          chunk += char;
        }
        if (chunk) pieces.push({ text: chunk, spaceBefore: first && token.spaceBefore });
      } else {
        // A single CJK character wider than the line can only be fixed by shrinking.
        if (token.cjk && measure(token.text, font) > maxWidthPx) splitWord = true;
        pieces.push(token);
      }
    }
    let current: { text: string; spaceBefore: boolean }[] = [];
    let currentText = '';
    const pushLine = (): void => {
      lines.push(buildLine(current, font, measure));
      current = [];
      currentText = '';
    };
    for (const piece of pieces) {
      const candidate =
        currentText + (current.length > 0 && piece.spaceBefore ? ' ' : '') + piece.text;
      if (current.length > 0 && measure(candidate, font) > maxWidthPx) {
        pushLine();
        current.push(piece);
        currentText = piece.text;
      } else {
        current.push(piece);
        currentText = candidate;
      }
    }
    pushLine(); // an empty paragraph still takes a line, as "\n\n" asks
  }
  return { lines, splitWord };
}

function buildLine(
  pieces: { text: string; spaceBefore: boolean }[],
  font: string,
  measure: MeasureText,
): TextLine {
  let text = '';
  const units: TextUnit[] = [];
  for (const [index, piece] of pieces.entries()) {
    if (index > 0 && piece.spaceBefore) text += ' ';
    units.push({ text: piece.text, x: text ? measure(text, font) : 0 });
    text += piece.text;
  }
  return { text, width: text ? measure(text, font) : 0, units };
}

/**
 * Lays out `text` with `style`, starting at `style.fontSizePx` and shrinking by steps of
 * {@link SHRINK_FACTOR} until every line fits `maxWidthPx` without splitting words and the block
 * fits `maxHeightPx` (or the size reaches {@link MIN_FONT_SIZE_PX}).
 * @param maxWidthPx line width limit in px (> 0)
 * @param maxHeightPx block height limit in px (> 0), e.g. 40% of the canvas height
 * @param measure advance width of a string in a font, e.g. from `ctx.measureText`
 */
export function layoutText(
  text: string,
  style: Pick<TextStyle, 'fontWeight' | 'fontFamily' | 'fontSizePx'>,
  maxWidthPx: number,
  maxHeightPx: number,
  measure: MeasureText,
): TextLayout {
  let sizePx = style.fontSizePx;
  for (;;) {
    const font = fontShorthand(style, sizePx);
    const { lines, splitWord } = wrap(text, font, maxWidthPx, measure);
    const lineHeightPx = sizePx * LINE_HEIGHT_EM;
    const height = lines.length * lineHeightPx;
    const atMinimum = sizePx <= MIN_FONT_SIZE_PX;
    if (atMinimum || (height <= maxHeightPx && !splitWord)) {
      return {
        font,
        fontSizePx: sizePx,
        lineHeightPx,
        lines,
        width: lines.reduce((widest, line) => Math.max(widest, line.width), 0),
        height,
        unitCount: lines.reduce((count, line) => count + line.units.length, 0),
      };
    }
    sizePx = Math.max(MIN_FONT_SIZE_PX, Math.floor(sizePx * SHRINK_FACTOR));
  }
}
