/**
 * @module condense-text
 * Turns a script sentence into an on-screen caption short enough to read while the scene
 * plays: asides and fillers dropped, then shortened to its leading whole phrases (cut at a clause
 * mark or before a word that opens a clause), never mid-thought and never with "…"; a sentence
 * with no such break is kept whole (it wraps on screen) up to two captions' length.
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

/**
 * Where a phrase may end: after a clause mark, or before a word that opens a new clause or
 * phrase ("and", "which", "because", "with"…; 和、但是、因为…).
 */
const LATIN_BREAKS =
  /(?<=[,;:—–.!?])\s+|\s+(?=(?:and|but|or|so|yet|which|who|that|because|while|when|where|with|without|for|to|from|by|so that|until|unless|although|though)\b)/iu;
const CJK_BREAKS =
  /(?<=[，；：、。！？,;:])|(?=(?:和|但是|但|因为|所以|而且|并且|然后|以及|从而)(?![，；：、。]))/u;

/**
 * Longest run of leading whole phrases that fits and reads as a thought (4+ words, 6+ CJK
 * characters), or null when none does.
 */
function leadingPhrases(text: string, cjk: boolean): string | null {
  const parts = text.split(cjk ? CJK_BREAKS : LATIN_BREAKS).filter(Boolean);
  let kept = '';
  let best: string | null = null;
  for (const part of parts) {
    kept = kept ? (cjk ? `${kept}${part}` : `${kept} ${part}`) : part;
    const candidate = tidy(kept);
    if (!fits(candidate)) break;
    const longEnough = cjk
      ? charCount(candidate) >= MIN_CJK_CLAUSE_CHARS
      : countLatinWords(candidate) >= MIN_CLAUSE_WORDS;
    if (longEnough) best = candidate;
  }
  return best;
}

/**
 * Longest caption kept whole when no phrase break fits, characters: two captions' worth (four
 * lines at the caption size). Beyond it a "sentence" with no break at all is a pasted run (a
 * URL, a list of words), cut at the last word or character that fits, without "…".
 */
const MAX_WHOLE_CAPTION_CHARS = 2 * MAX_CAPTION_CHARS;
const MAX_WHOLE_CJK_CAPTION_CHARS = 2 * MAX_CJK_CAPTION_CHARS;

/** The sentence whole, or (past the whole-caption limit) its head up to a word. */
function wholeThought(text: string, cjk: boolean): string {
  const limit = cjk ? MAX_WHOLE_CJK_CAPTION_CHARS : MAX_WHOLE_CAPTION_CHARS;
  const whole = tidy(text);
  if (charCount(whole) <= limit) return whole;
  const head = Array.from(whole).slice(0, limit).join('');
  const lastSpace = head.lastIndexOf(' ');
  return tidy(!cjk && lastSpace > 0 ? head.slice(0, lastSpace) : head);
}

/**
 * A caption from a sentence.
 * @param sentence one scene's script text
 * @returns at most {@link MAX_CAPTION_WORDS} words and {@link MAX_CAPTION_CHARS} characters
 *   ({@link MAX_CJK_CAPTION_CHARS} for CJK) when a whole leading phrase fits, else the whole
 *   sentence tidied; never empty for a non-empty input, never ending in "…"
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
  // No whole phrase fits: the whole thought, wrapped on screen, rather than a cut one.
  return leadingPhrases(text, cjk) ?? wholeThought(text, cjk);
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
