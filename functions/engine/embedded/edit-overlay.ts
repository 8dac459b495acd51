/**
 * @module edit-overlay
 * Edit handlers for text overlays: add one ('add text "Sale ends Friday" at 5s', 'add a text
 * overlay "…" from 5 to 8 seconds', '添加文字「…」5秒到8秒') and remove text ("remove the
 * overlay", 'remove text "Sale"', "no captions", "remove the title").
 */
import type { Draft, TextSegment } from '../../../shared/draft-schema';
import type { RemoveTarget } from './director-words';
import { directorWords } from './director-words';
import { quoteIn, withoutQuotes } from './edit-clauses';
import type { EditHandler, EditStep } from './edit-step';
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

/** Where an overlay should appear, read from "at 5s", "from 5 to 8 seconds", "for 4 s", "5秒到8秒". */
function readTiming(clause: string, durationMs: number): { startMs: number; durationMs: number } {
  const range =
    new RegExp(
      `\\b(?:from|between)\\s+${NUMBER}${UNIT}\\s*(?:to|and|-|–|until|till)\\s*${NUMBER}${UNIT}`,
      'u',
    ).exec(clause) ??
    new RegExp(`${NUMBER}\\s*秒?\\s*(?:到|至|-|–)\\s*${NUMBER}\\s*秒`, 'u').exec(clause);
  let start: number | null = null;
  let end: number | null = null;
  if (range) {
    start = Number(range[1]) * 1_000;
    end = Number(range[2]) * 1_000;
  } else {
    const at =
      new RegExp(`\\b(?:at|from|starting at|after)\\s+${NUMBER}${UNIT}`, 'u').exec(clause) ??
      /(?:在|从)?\s*(\d+(?:\.\d+)?|[一二两三四五六七八九十]+)\s*秒(?:处|时|开始)/u.exec(clause);
    if (at) start = parseChineseNumber(at[1] ?? '') * 1_000;
    else if (/\bat the end\b|结尾|最后/u.test(clause))
      start = Math.max(0, durationMs - DEFAULT_OVERLAY_MS);
    else if (/\bat the (?:start|beginning)\b|开头/u.test(clause)) start = 0;
    const length = new RegExp(`\\bfor\\s+${NUMBER}${UNIT}`, 'u').exec(clause);
    if (start !== null) end = start + (length ? Number(length[1]) * 1_000 : DEFAULT_OVERLAY_MS);
    else if (length) {
      start = 0;
      end = Number(length[1]) * 1_000;
    }
  }
  if (start === null || end === null || !Number.isFinite(start) || !Number.isFinite(end))
    return { startMs: 0, durationMs };
  let startMs = Math.round(Math.min(start, end));
  let endMs = Math.round(Math.max(start, end));
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
export const addOverlayHandler: EditHandler = {
  name: 'add-overlay',
  matches: (clause) =>
    (/\b(?:add|put|insert|show|place|display|overlay)\b/u.test(clause) &&
      /\b(?:text|overlay|words?|label|banner|saying|says|caption)\b/u.test(clause)) ||
    /(?:添加|加上?|显示).*(?:文字|标语|字)/u.test(clause),
  apply(draft, clause, quotes, original): EditStep | null {
    const text = readOverlayText(original, quotes);
    if (!text) return null;
    const plain = withoutQuotes(clause);
    const timing = readTiming(plain, draft.durationMs);
    const colour = parseColour(plain);
    const vertical = draft.canvas.height > draft.canvas.width;
    const base = positionFor('overlay', draft.canvas);
    let y = vertical ? OVERLAY_Y_VERTICAL : OVERLAY_Y;
    if (/\b(?:bottom|lower)\b|底部|下方/u.test(plain)) y = OVERLAY_BOTTOM_Y;
    else if (/\b(?:center|centre|middle)\b|中间|中央/u.test(plain)) y = 0.5;
    const segment = makeTextSegment({
      id: nextOverlayId(draft),
      role: 'overlay',
      text,
      ...timing,
      canvas: draft.canvas,
      look: draft.look,
      ...(colour ? { color: colour.hex } : {}),
      position: { ...base, y },
    });
    return { draft: addToTextTrack(draft, TRACK_IDS.overlays, 'Overlays', segment) };
  },
};

const REMOVE_VERB =
  /\b(?:remove|delete|drop|hide|get rid of|take out|take off|take away|clear|erase|no|without)\b|删除|去掉|移除|删掉|不要|取消/u;

/** "remove the overlay", 'remove text "Sale"', "no captions", "remove the title", "删除字幕". */
export const removeTextHandler: EditHandler = {
  name: 'remove-text',
  matches: (clause) =>
    REMOVE_VERB.test(clause) &&
    /\b(?:text|texts|overlays?|captions?|subtitles?|title|words?|banner|label)\b|文字|字幕|标题/u.test(
      clause,
    ),
  apply(draft, clause, quotes, original, cjk): EditStep | null {
    const target =
      quoteIn(clause, quotes) ??
      /\b(?:text|overlay)\s+(?!overlay\b)(.+)$/iu.exec(withoutQuotes(original))?.[1]?.trim() ??
      null;
    let remove: (segment: TextSegment) => boolean;
    let what: RemoveTarget;
    if (target && !/^(?:overlays?|texts?|please|now|too)$/.test(target)) {
      const needle = target.toLowerCase();
      remove = (s) => s.text.toLowerCase().includes(needle);
      what = { text: target };
    } else if (/\b(?:captions?|subtitles?)\b|字幕/u.test(clause)) {
      remove = (s) => s.role === 'caption';
      what = 'captions';
    } else if (/\btitle\b|标题/u.test(clause) && !/\b(?:overlay|text)\b/u.test(clause)) {
      remove = (s) => s.role === 'title';
      what = 'title';
    } else if (/\b(?:all|every)\b|\b(?:overlays|texts)\b|所有|全部/u.test(clause)) {
      remove = (s) => s.role === 'overlay';
      what = 'overlays';
    } else {
      const last = textSegmentsOf(draft)
        .filter((s) => s.role === 'overlay')
        .at(-1);
      remove = (s) => s === last;
      what = 'overlay';
    }
    const after = mapTextSegments(draft, (segment) => (remove(segment) ? null : segment));
    if (textSegmentsOf(after).length === textSegmentsOf(draft).length) {
      return { draft, note: directorWords(cjk).nothingToRemove(what) };
    }
    return { draft: after };
  },
};
