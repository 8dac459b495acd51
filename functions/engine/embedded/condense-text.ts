/**
 * @module condense-text
 * Turns a script sentence into an on-screen caption short enough to read while the scene
 * plays: asides and fillers dropped, cut at a clause break, or at a word with "…".
 */
import { countLatinWords, hasCjk } from './reading-length';
import { MAX_NAME_CHARS } from '../../../shared/draft-schema';
import { quoteText } from '../../../shared/timeline-summary';

/** Most words in a caption: 12 read in ~3 s, the shortest planned scene plus a margin. */
export const MAX_CAPTION_WORDS = 12;
/** Most characters in a Latin caption: 70 wrap to two lines at the caption size on 1080 px. */
export const MAX_CAPTION_CHARS = 70;
/** Most characters in a CJK caption: 28 (two lines of 14 full-width glyphs on a 1080-px-wide frame). */
export const MAX_CJK_CAPTION_CHARS = 28;
/** A clause kept on its own must have 4+ words, or it reads as a fragment. */
const MIN_CLAUSE_WORDS = 4;
/** A CJK clause kept on its own must have 6+ characters. */
const MIN_CJK_CLAUSE_CHARS = 6;
/** Words in a timeline label after "Scene N: ". */
export const LABEL_WORDS = 5;
/** CJK characters in a timeline label after "Scene N: ". */
export const LABEL_CJK_CHARS = 10;

const LEADING_MARKERS =
  /^(?:so|and|but|also|plus|now|well|then|in fact|basically|actually|of course|that's why|that is why|in short|simply put)\b[,\s]*/i;
const FILLERS =
  /\b(?:really|very|just|actually|basically|literally|truly|simply|quite|totally)\s+/gi;

function charCount(text: string): number {
  return Array.from(text).length;
}

function fits(text: string): boolean {
  const maxChars = hasCjk(text) ? MAX_CJK_CAPTION_CHARS : MAX_CAPTION_CHARS;
  // A character is at most two UTF-16 units: longer than that cannot fit (and is not counted).
  if (text.length > 2 * maxChars) return false;
  return charCount(text) <= maxChars && countLatinWords(text) <= MAX_CAPTION_WORDS;
}

function tidy(text: string): string {
  const trimmed = text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\s.,;:—–，。；：、]+$/u, '');
  return trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
}

/** Longest run of leading clauses that fits, or null when even the first is too long or too short. */
function leadingClauses(text: string, cjk: boolean): string | null {
  const parts = text.split(cjk ? /(?<=[，；：、。！？,;:])/u : /(?<=[,;:—–.!?])\s+/u);
  let kept = '';
  for (const part of parts) {
    const next = kept ? (cjk ? `${kept}${part}` : `${kept} ${part}`) : part;
    if (!fits(tidy(next))) break;
    kept = next;
  }
  if (!kept) return null;
  const result = tidy(kept);
  const longEnough = cjk
    ? charCount(result) >= MIN_CJK_CLAUSE_CHARS
    : countLatinWords(result) >= MIN_CLAUSE_WORDS;
  return longEnough ? result : null;
}

function truncate(text: string, cjk: boolean): string {
  if (cjk) {
    return `${tidy(
      Array.from(text)
        .slice(0, MAX_CJK_CAPTION_CHARS - 1)
        .join(''),
    )}…`;
  }
  const words = text.split(/\s+/);
  let kept = '';
  for (const word of words) {
    const next = kept ? `${kept} ${word}` : word;
    if (!fits(`${tidy(next)}…`)) break;
    kept = next;
  }
  // A single word longer than the caption (a URL): cut it by characters.
  if (!kept)
    return `${Array.from(text)
      .slice(0, MAX_CAPTION_CHARS - 1)
      .join('')}…`;
  return `${tidy(kept)}…`;
}

/**
 * A caption from a sentence.
 * @param sentence one scene's script text
 * @returns at most {@link MAX_CAPTION_WORDS} words and {@link MAX_CAPTION_CHARS} characters
 *   ({@link MAX_CJK_CAPTION_CHARS} for CJK); never empty for a non-empty input
 * @example condenseCaption('So, in fact, Nimbus (our new app) keeps your files safe.') // "Nimbus keeps your files safe"
 */
export function condenseCaption(sentence: string): string {
  const cjk = hasCjk(sentence);
  let text = sentence
    .replace(/\s*[(（][^)）]*[)）]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
  for (let i = 0; i < 3; i += 1) text = text.replace(LEADING_MARKERS, '');
  if (!text) text = sentence.trim();
  const tidied = tidy(text);
  if (fits(tidied)) return tidied;
  if (!cjk) {
    const lean = text.replace(FILLERS, '');
    const tidiedLean = tidy(lean);
    if (fits(tidiedLean)) return tidiedLean;
    text = lean;
  }
  return leadingClauses(text, cjk) ?? truncate(text, cjk);
}

/**
 * The label of a scene in the timeline: `Scene N: <first words>`.
 * @param sceneNumber 1-based
 * @example sceneLabel(2, 'Faster onboarding for every team') // "Scene 2: Faster onboarding for every team"
 */
export function sceneLabel(sceneNumber: number, caption: string): string {
  const flat = caption.replace(/…$/u, '');
  let short: string;
  if (hasCjk(flat)) {
    const chars = Array.from(flat);
    short = chars.length > LABEL_CJK_CHARS ? `${chars.slice(0, LABEL_CJK_CHARS).join('')}…` : flat;
  } else {
    const words = flat.split(/\s+/);
    short =
      words.length > LABEL_WORDS
        ? `${words
            .slice(0, LABEL_WORDS)
            .join(' ')
            .replace(/[,;:]$/, '')}…`
        : flat;
  }
  // A single very long "word" (a pasted URL) is cut too, so the label fits the draft's MAX_NAME_CHARS.
  return quoteText(`Scene ${sceneNumber}: ${short}`, MAX_NAME_CHARS);
}
