/**
 * @module edit-text
 * Edit handlers for the title and text style: change the title ('title "Big News"', "change the
 * title to …", "标题改成…"), colour or size a role ("title in red", "captions in yellow",
 * "bigger captions").
 */
import type { Draft, TextSegment, Track } from '../../../shared/draft-schema';
import { directorWords } from './director-words';
import { quoteIn, withoutQuotes } from './edit-clauses';
import type { EditOpOf } from '../../../shared/edit-op-schema';
import type { EditHandler, EditStep, OpApplier } from './edit-step';
import { addToTextTrack, mapTextSegments, textSegmentsOf } from './edit-step';
import { parseColour } from './parse-colour';
import { TRACK_IDS, titleDurationMs } from './plan-storyboard';
import { clampFontPx, makeTextSegment } from './text-layout';

/** "bigger"/"smaller" scale text by 1.25, a step people notice without breaking the layout. */
export const TEXT_SIZE_STEP = 1.25;
/** The video's name (`draft.title`) is at most 200 characters (schema limit). */
const MAX_DRAFT_TITLE_CHARS = 200;
/** A text segment holds at most 500 characters (schema limit). */
const MAX_TEXT_CHARS = 500;
type Role = TextSegment['role'];

/** The new title text a clause asks for: a quote, or the words after "title to"/"rename to"/"标题改成". */
function readTitleText(original: string, quotes: readonly string[]): string | null {
  const quoted = quoteIn(original, quotes);
  if (quoted) return quoted;
  const match =
    /\btitle\s+(?:text\s+)?(?:to|as|into|say|says|read|reads|should say|should read|:|=)\s*(.+)$/iu.exec(
      original,
    ) ??
    /\b(?:rename|retitle)\s+(?:it|the video)?\s*(?:to|as)?\s*(.+)$/iu.exec(original) ??
    /\btitle\s*[:：]\s*(.+)$/iu.exec(original) ??
    /标题(?:改成|改为|换成|是|为|[:：])\s*(.+)$/u.exec(original);
  const text = match?.[1]?.trim();
  return text ? text : null;
}

/** True when a text is only a colour ("red", "red colour", "#ff0000", "红色"). */
function isOnlyColour(text: string): boolean {
  const colour = parseColour(text);
  if (!colour) return false;
  return (
    text
      .toLowerCase()
      .replace(colour.match.toLowerCase(), '')
      .replace(/\b(?:colou?r|please)\b|色/gu, '')
      .trim() === ''
  );
}

function recolour(draft: Draft, role: Role, hex: string): Draft {
  return mapTextSegments(draft, (s) =>
    s.role === role ? { ...s, style: { ...s.style, color: hex } } : s,
  );
}

function resize(draft: Draft, role: Role, factor: number): Draft {
  return mapTextSegments(draft, (s) =>
    s.role === role
      ? { ...s, style: { ...s.style, fontSizePx: clampFontPx(s.style.fontSizePx * factor) } }
      : s,
  );
}

/** "bigger" → 1.25, "smaller" → 0.8, else null. */
function sizeFactor(clause: string): number | null {
  if (/\b(?:bigger|larger|huge|increase the size)\b|大一点|更大|放大|加大/u.test(clause))
    return TEXT_SIZE_STEP;
  if (/\b(?:smaller|tiny|decrease the size)\b|小一点|更小|缩小/u.test(clause))
    return 1 / TEXT_SIZE_STEP;
  return null;
}

function setTitleText(draft: Draft, text: string): Draft {
  const clipped = text.slice(0, MAX_TEXT_CHARS);
  const hasTitle = textSegmentsOf(draft).some((s) => s.role === 'title');
  let next: Draft;
  if (hasTitle) {
    next = mapTextSegments(draft, (s) => (s.role === 'title' ? { ...s, text: clipped } : s));
  } else {
    const segment = makeTextSegment({
      id: 'title-1',
      role: 'title',
      text: clipped,
      startMs: 0,
      durationMs: titleDurationMs(draft.durationMs),
      canvas: draft.canvas,
      look: draft.look,
    });
    next = addToTextTrack(draft, TRACK_IDS.title, 'Title', segment, true);
  }
  const oldLabel = `Scene 1: ${draft.title}`;
  const tracks = next.tracks.map(
    (track): Track =>
      track.kind === 'video'
        ? {
            ...track,
            segments: track.segments.map((s) =>
              s.label === oldLabel ? { ...s, label: `Scene 1: ${clipped}` } : s,
            ),
          }
        : track,
  );
  return { ...next, title: clipped.slice(0, MAX_DRAFT_TITLE_CHARS), tracks };
}

/** 'title "Big News"', "change the title to Big News", "title in red", "bigger title", "标题改成红色". */
export const titleHandler: EditHandler<EditOpOf<'set-title'>> = {
  name: 'title',
  matches: (clause) =>
    /\b(?:title|rename|retitle)\b|标题/u.test(clause) && !/\bsubtitles?\b/u.test(clause),
  read(clause, quotes, original) {
    const plain = withoutQuotes(clause);
    const op: EditOpOf<'set-title'> = { op: 'set-title' };
    const raw = readTitleText(original, quotes);
    let colourText = plain;
    if (raw && !isOnlyColour(raw)) {
      const tail = /\s+in\s+(.+)$/iu.exec(raw);
      if (tail?.[1] && isOnlyColour(tail[1])) {
        op.text = raw.slice(0, tail.index).trim();
        colourText = tail[1];
      } else {
        op.text = raw;
        colourText = quoteIn(original, quotes)
          ? plain
          : plain.replace(/\b(?:to|as|into|says?|reads?)\b.*$/u, '');
      }
    }
    if (!op.text) delete op.text;
    const colour = parseColour(colourText);
    if (colour) op.color = colour.hex;
    const factor = sizeFactor(plain);
    if (factor !== null) op.scale = factor;
    return op.text !== undefined || op.color !== undefined || op.scale !== undefined ? op : null;
  },
};

/** Sets the title's text, colour and size; a note when there is no title to colour. */
export const applyTitle: OpApplier<'set-title'> = (draft, op, cjk) => {
  let next = op.text ? setTitleText(draft, op.text) : draft;
  if (op.color !== undefined) {
    if (!textSegmentsOf(next).some((s) => s.role === 'title'))
      return { draft: next, note: directorWords(cjk).noTitleToColour };
    next = recolour(next, 'title', op.color);
  }
  if (op.scale !== undefined) next = resize(next, 'title', op.scale);
  return { draft: next };
};

const ROLE_WORDS: ReadonlyArray<{ role: Role; pattern: RegExp }> = [
  { role: 'caption', pattern: /\b(?:captions?|subtitles?)\b|字幕/u },
  { role: 'overlay', pattern: /\b(?:overlays?|texts?|banner)\b|文字/u },
];

/** The role a clause names for restyling ("captions in yellow" → caption), or null. */
export function roleNamed(clause: string): Role | null {
  if (titleHandler.matches(clause)) return 'title';
  return ROLE_WORDS.find((entry) => entry.pattern.test(clause))?.role ?? null;
}

/** The colour and size a clause asks for a role ("in yellow", "bigger"), or null when neither. */
export function readRestyle(role: Role, clause: string): EditOpOf<'set-text-style'> | null {
  const colour = parseColour(clause);
  const factor = sizeFactor(clause);
  if (!colour && factor === null) return null;
  const op: EditOpOf<'set-text-style'> = { op: 'set-text-style', role };
  if (colour) op.color = colour.hex;
  if (factor !== null) op.scale = factor;
  return op;
}

/** Colour or size of a role; a note when the video has no text of that role. */
export const applyTextStyle: OpApplier<'set-text-style'> = (draft, op, cjk): EditStep => {
  if (!textSegmentsOf(draft).some((s) => s.role === op.role)) {
    return { draft, note: directorWords(cjk).noTextToRestyle(op.role) };
  }
  let next = draft;
  if (op.color !== undefined) next = recolour(next, op.role, op.color);
  if (op.scale !== undefined) next = resize(next, op.role, op.scale);
  return { draft: next };
};

/** "captions in yellow", "bigger captions", "make the text white". */
export const textStyleHandler: EditHandler<EditOpOf<'set-text-style'>> = {
  name: 'text-style',
  matches: (clause) => ROLE_WORDS.some((entry) => entry.pattern.test(clause)),
  read(clause) {
    const role = ROLE_WORDS.find((entry) => entry.pattern.test(clause))?.role;
    return role ? readRestyle(role, withoutQuotes(clause)) : null;
  },
};
