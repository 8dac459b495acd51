/**
 * @module pick-layout
 * A scene's layout picked from the shape of its text (English and Chinese), and where that
 * layout puts the scene's caption. The frame function (web/render/draw-scene.ts) puts the
 * illustration to match: large above the words, or beside them in `split`.
 */
import {
  BULLET_MARK,
  sceneLayoutSchema,
  type Canvas,
  type SceneLayout,
  type TextSegment,
} from '../../../shared/draft-schema';
import { countLatinWords, hasCjk } from './reading-length';

/** What a layout is picked from. */
export interface LayoutInput {
  /** The scene's script text. */
  text: string;
  /** 0-based among the scenes after the title. */
  index: number;
  /** How many scenes follow the title. */
  count: number;
  /** Whether the scene has an illustration to put beside the words. */
  illustrated: boolean;
}

/** A figure the scene is about: "3× faster", "40%", "2 million", "10 倍". */
const BIG_NUMBER =
  /(?:^|\s)[$€£¥]?\d[\d,.]*\s*(?:[×x%]|times\b|percent\b|million\b|billion\b|k\b)|\d+\s*(?:倍|%|万|亿|成)/iu;
/** Quoted words or a saying: “…”, "…", 「…」, or "… says". */
const QUOTE = /^\s*["“「『]|["”」』]\s*[—–-]|\b(?:says|said)\b|说[:：]/u;
/** A call to action, for the last scene. */
const CALL_TO_ACTION =
  /\b(?:try|sign up|join|visit|download|get started|start (?:now|today|free)|subscribe|order|book|buy|learn more|follow)\b|立即|马上|访问|下载|试用|注册|加入|关注|订阅|购买|预约/iu;
/** Words that open a list: "first", "three steps:", "1.", "- ". */
const LIST_MARKERS = /(?:^|\n)\s*(?:[-•*]|\d+[.)])\s+|\bfirst\b.*\bthen\b|首先.*然后/isu;
/** Latin scenes of this many words or more sit beside their illustration (split). */
const SPLIT_MIN_WORDS = 9;
/** CJK scenes of this many characters or more sit beside their illustration. */
const SPLIT_MIN_CJK_CHARS = 16;
/** Fewest items that make a list. */
const MIN_LIST_ITEMS = 3;

/** The items of a list in a text ("A, B and C", "- A\n- B"), or null when it is not a list. */
export function listItems(text: string): string[] | null {
  const lines = text
    .split(/\n+/)
    .map((line) => line.replace(/^\s*(?:[-•*]|\d+[.)])\s+/, '').trim())
    .filter(Boolean);
  if (lines.length >= MIN_LIST_ITEMS) return lines;
  const body = text.replace(/^[^:：]*[:：]\s*/u, '').replace(/[.。!！]\s*$/u, '');
  const items = body
    .split(/\s*(?:,|;|，|；|、)\s*(?:and\s+|or\s+)?|\s+and\s+|和|以及/u)
    .map((item) => item.trim())
    .filter(Boolean);
  const short = items.every((item) =>
    hasCjk(item) ? Array.from(item).length <= 8 : countLatinWords(item) <= 4,
  );
  return items.length >= MIN_LIST_ITEMS && short && (LIST_MARKERS.test(text) || /[:：]/u.test(text))
    ? items
    : null;
}

/**
 * The layout of a scene after the title.
 * @example pickLayout({ text: 'Three times faster: 3× the speed', index: 1, count: 4, illustrated: true }) // "big-number"
 */
export function pickLayout(input: LayoutInput): SceneLayout {
  const { text } = input;
  if (input.index === input.count - 1 && input.count > 1 && CALL_TO_ACTION.test(text))
    return 'end-card';
  if (listItems(text)) return 'bullets';
  if (BIG_NUMBER.test(text)) return 'big-number';
  if (QUOTE.test(text)) return 'quote';
  const long = hasCjk(text)
    ? Array.from(text).length >= SPLIT_MIN_CJK_CHARS
    : countLatinWords(text) >= SPLIT_MIN_WORDS;
  return input.illustrated && long ? 'split' : 'headline';
}

/** The text of a caption in a layout: a list's items one per line, the rest as they are. */
export function layoutText(layout: SceneLayout, text: string): string {
  if (layout !== 'bullets') return text;
  return (listItems(text) ?? [text]).map((item) => `${BULLET_MARK}${item}`).join('\n');
}

/** Caption font size multiple per layout: a big number is read at a glance, a list is longer. */
const FONT_SCALE: Readonly<Record<SceneLayout, number>> = {
  title: 1,
  headline: 1,
  bullets: 1,
  'big-number': 1.8,
  quote: 1.15,
  split: 1.1,
  'end-card': 1.3,
};

/**
 * Where a layout puts a scene's caption on `canvas`, from the caption's default place there:
 * beside the illustration in `split` and `bullets` on a landscape frame (right half,
 * left-aligned), lower on a portrait one; lower-middle for a big number, a quote or an end card.
 */
export function captionPosition(
  layout: SceneLayout,
  canvas: Canvas,
  base: TextSegment['position'],
): TextSegment['position'] {
  const landscape = canvas.width > canvas.height;
  switch (layout) {
    case 'split':
      return landscape ? { x: 0.52, y: 0.5, maxWidth: 0.42, align: 'left' } : { ...base, y: 0.72 };
    case 'bullets':
      return landscape ? { x: 0.46, y: 0.55, maxWidth: 0.48, align: 'left' } : { ...base, y: 0.68 };
    case 'big-number':
    case 'end-card':
    case 'quote':
      return { ...base, y: 0.7 };
    default:
      return { ...base };
  }
}

/** The caption of a scene placed ({@link captionPosition}) and sized for its layout. */
export function placeCaption(
  layout: SceneLayout,
  caption: TextSegment,
  canvas: Canvas,
): TextSegment {
  const fontSizePx = Math.round(caption.style.fontSizePx * FONT_SCALE[layout]);
  return {
    ...caption,
    style: { ...caption.style, fontSizePx },
    position: captionPosition(layout, canvas, caption.position),
  };
}

/** Every layout, for finding which one placed a caption. */
export const SCENE_LAYOUTS = sceneLayoutSchema.options;
