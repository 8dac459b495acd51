/**
 * @module edit-overlay
 * Edit handlers for text overlays: add one ('add text "Sale ends Friday" at 5s', 'add a text
 * overlay "…" from 5 to 8 seconds', '添加文字「…」5秒到8秒') and remove text ("remove the
 * overlay", 'remove text "Sale"', "no captions", "remove the title").
 */
import type { Draft, TextSegment } from '../../../shared/draft-schema';
import { directorWords } from './director-words';
import { quoteIn, withoutQuotes } from './edit-clauses';
import type { EditOpOf } from '../../../shared/edit-op-schema';
import type { EditHandler, OpApplier } from './edit-step';
import { addToTextTrack, mapTextSegments, textSegmentsOf } from './edit-step';
import { parseChineseNumber } from './parse-duration';
import { parseColour } from './parse-colour';
import { TRACK_IDS } from './plan-storyboard';
import { OVERLAY_Y, OVERLAY_Y_VERTICAL, makeTextSegment, positionFor } from './text-layout';

/** An overlay given a start but no end stays 3 s: long enough to read ~7 words. */
export const DEFAULT_OVERLAY_MS = 3_000;
/** A text segment holds at most 500 characters (schema limit). */
const MAX_TEXT_CHARS = 500;
/** Overlay centre for "at the bottom": just under the caption band. */
const OVERLAY_BOTTOM_Y = 0.92;

const NUMBER = '(\\d+(?:\\.\\d+)?)';
const UNIT = '\\s*(?:s|secs?|seconds?)?';

/** When an overlay was asked to show, as read from the words (before the video's length is known). */
type Timing = Pick<EditOpOf<'add-overlay'>, 'startMs' | 'endMs' | 'lengthMs' | 'atEnd'>;

/** Seconds in words as integer ms; NaN stays NaN (the whole timing is then dropped). */
const secondsMs = (seconds: number): number => Math.round(seconds * 1_000);

/** When an overlay should appear, read from "at 5s", "from 5 to 8 seconds", "for 4 s", "5秒到8秒". */
function readTiming(clause: string): Timing {
  const range =
    new RegExp(
      `\\b(?:from|between)\\s+${NUMBER}${UNIT}\\s*(?:to|and|-|–|until|till)\\s*${NUMBER}${UNIT}`,
      'u',
    ).exec(clause) ??
    new RegExp(`${NUMBER}\\s*秒?\\s*(?:到|至|-|–)\\s*${NUMBER}\\s*秒`, 'u').exec(clause);
  let timing: Timing = {};
  if (range) {
    timing = { startMs: secondsMs(Number(range[1])), endMs: secondsMs(Number(range[2])) };
  } else {
    const at =
      new RegExp(`\\b(?:at|from|starting at|after)\\s+${NUMBER}${UNIT}`, 'u').exec(clause) ??
      /(?:在|从)?\s*(\d+(?:\.\d+)?|[一二两三四五六七八九十]+)\s*秒(?:处|时|开始)/u.exec(clause);
    if (at) timing.startMs = secondsMs(parseChineseNumber(at[1] ?? ''));
    else if (/\bat the end\b|结尾|最后/u.test(clause)) timing.atEnd = true;
    else if (/\bat the (?:start|beginning)\b|开头/u.test(clause)) timing.startMs = 0;
    const length = new RegExp(`\\bfor\\s+${NUMBER}${UNIT}`, 'u').exec(clause);
    if (length) timing.lengthMs = secondsMs(Number(length[1]));
  }
  const numbers = [timing.startMs, timing.endMs, timing.lengthMs];
  return numbers.every((n) => n === undefined || Number.isFinite(n)) ? timing : {};
}

/** The asked timing placed on a video `durationMs` long: within it, at least 1 ms. */
function placeTiming(timing: Timing, durationMs: number): { startMs: number; durationMs: number } {
  let start: number | null = timing.atEnd
    ? Math.max(0, durationMs - DEFAULT_OVERLAY_MS)
    : (timing.startMs ?? null);
  let end: number | null = timing.endMs ?? null;
  if (end === null) {
    if (start !== null) end = start + (timing.lengthMs ?? DEFAULT_OVERLAY_MS);
    else if (timing.lengthMs !== undefined) {
      start = 0;
      end = timing.lengthMs;
    }
  }
  if (start === null || end === null) return { startMs: 0, durationMs };
  let startMs = Math.min(start, end);
  let endMs = Math.max(start, end);
  if (startMs >= durationMs) startMs = Math.max(0, durationMs - DEFAULT_OVERLAY_MS);
  endMs = Math.min(durationMs, Math.max(endMs, startMs + 1));
  if (endMs <= startMs) startMs = endMs - 1;
  return { startMs, durationMs: endMs - startMs };
}

/** The text to show: the quote, else the words after "text"/"saying"/"that says" up to a time or place. */
function readOverlayText(original: string, quotes: readonly string[]): string | null {
  const quoted = quoteIn(original, quotes);
  if (quoted) return quoted.slice(0, MAX_TEXT_CHARS);
  const bare =
    /\b(?:text|overlay|saying|says|that reads|reading|banner)\s+(?:that says\s+|saying\s+)?(.+?)(?=\s+(?:at|from|between|for|in|on|starting|after|until)\b|$)/iu.exec(
      original,
    );
  const text = bare?.[1]?.trim();
  if (!text || /^(?:overlay|text)$/i.test(text)) return null;
  return (text.charAt(0).toUpperCase() + text.slice(1)).slice(0, MAX_TEXT_CHARS);
}

function nextOverlayId(draft: Draft): string {
  let highest = 0;
  for (const segment of textSegmentsOf(draft)) {
    const match = /^overlay-(\d+)$/.exec(segment.id);
    if (match) highest = Math.max(highest, Number(match[1]));
  }
  return `overlay-${highest + 1}`;
}

/** 'add text "Sale ends Friday" at 5s', 'add a text overlay "…" from 5 to 8 seconds', '添加文字「…」'. */
export const addOverlayHandler: EditHandler<EditOpOf<'add-overlay'>> = {
  name: 'add-overlay',
  matches: (clause) =>
    (/\b(?:add|put|insert|show|place|display|overlay)\b/u.test(clause) &&
      /\b(?:text|overlay|words?|label|banner|saying|says|caption)\b/u.test(clause)) ||
    /(?:添加|加上?|显示).*(?:文字|标语|字)/u.test(clause),
  read(clause, quotes, original) {
    const text = readOverlayText(original, quotes);
    if (!text) return null;
    const plain = withoutQuotes(clause);
    const op: EditOpOf<'add-overlay'> = { op: 'add-overlay', text, ...readTiming(plain) };
    const colour = parseColour(plain);
    if (colour) op.color = colour.hex;
    if (/\b(?:bottom|lower)\b|底部|下方/u.test(plain)) op.place = 'bottom';
    else if (/\b(?:center|centre|middle)\b|中间|中央/u.test(plain)) op.place = 'center';
    return op;
  },
};

/** Adds the overlay on the "Overlays" track, numbered after the others. */
export const applyAddOverlay: OpApplier<'add-overlay'> = (draft, op) => {
  const vertical = draft.canvas.height > draft.canvas.width;
  const base = positionFor('overlay', draft.canvas);
  let y = vertical ? OVERLAY_Y_VERTICAL : OVERLAY_Y;
  if (op.place === 'bottom') y = OVERLAY_BOTTOM_Y;
  else if (op.place === 'center') y = 0.5;
  const segment = makeTextSegment({
    id: nextOverlayId(draft),
    role: 'overlay',
    text: op.text,
    ...placeTiming(op, draft.durationMs),
    canvas: draft.canvas,
    look: draft.look,
    ...(op.color ? { color: op.color } : {}),
    position: { ...base, y },
  });
  return { draft: addToTextTrack(draft, TRACK_IDS.overlays, 'Overlays', segment) };
};

const REMOVE_VERB =
  /\b(?:remove|delete|drop|hide|get rid of|take out|take off|take away|clear|erase|no|without)\b|删除|去掉|移除|删掉|不要|取消/u;

/** "remove the overlay", 'remove text "Sale"', "no captions", "remove the title", "删除字幕". */
export const removeTextHandler: EditHandler<EditOpOf<'remove-text'>> = {
  name: 'remove-text',
  matches: (clause) =>
    REMOVE_VERB.test(clause) &&
    /\b(?:text|texts|overlays?|captions?|subtitles?|title|words?|banner|label)\b|文字|字幕|标题/u.test(
      clause,
    ),
  read(clause, quotes, original) {
    const target =
      quoteIn(clause, quotes) ??
      /\b(?:text|overlay)\s+(?!overlay\b)(.+)$/iu.exec(withoutQuotes(original))?.[1]?.trim() ??
      null;
    const op = (what: EditOpOf<'remove-text'>['target']): EditOpOf<'remove-text'> => ({
      op: 'remove-text',
      target: what,
    });
    if (target && !/^(?:overlays?|texts?|please|now|too)$/.test(target))
      return op({ text: target });
    if (/\b(?:captions?|subtitles?)\b|字幕/u.test(clause)) return op('captions');
    if (/\btitle\b|标题/u.test(clause) && !/\b(?:overlay|text)\b/u.test(clause)) return op('title');
    if (/\b(?:all|every)\b|\b(?:overlays|texts)\b|所有|全部/u.test(clause)) return op('overlays');
    return op('overlay');
  },
};

/** Removes the texts the op targets; a note when there were none. */
export const applyRemoveText: OpApplier<'remove-text'> = (draft, op, cjk) => {
  const { target } = op;
  let remove: (segment: TextSegment) => boolean;
  if (typeof target === 'object') {
    const needle = target.text.toLowerCase();
    remove = (s) => s.text.toLowerCase().includes(needle);
  } else if (target === 'captions') remove = (s) => s.role === 'caption';
  else if (target === 'title') remove = (s) => s.role === 'title';
  else if (target === 'overlays') remove = (s) => s.role === 'overlay';
  else {
    const last = textSegmentsOf(draft)
      .filter((s) => s.role === 'overlay')
      .at(-1);
    remove = (s) => s === last;
  }
  const after = mapTextSegments(draft, (segment) => (remove(segment) ? null : segment));
  if (textSegmentsOf(after).length === textSegmentsOf(draft).length) {
    return { draft, note: directorWords(cjk).nothingToRemove(target) };
  }
  return { draft: after };
};
