/**
 * @module speech-words
 * The words of a spoken text with their weight in syllables, and when each is said: the
 * offline voice (eSpeak NG's command-line build) reports no word events, so word times within a
 * phrase are shared out by syllable count (Chinese: one syllable per character), with a pause
 * after punctuation. Also the estimate of how long a text takes to say at a rate, used by the
 * director to time scenes before anything is synthesised. Pure; used by the director (Worker),
 * the caption painter and the subtitle writer (browser and Worker), so all three agree.
 */
import type { NarrationVoice } from './narration-schema';

/** One word (or one Chinese character) of a spoken text. */
export interface SpeechWord {
  /** As written, with its trailing punctuation. */
  text: string;
  /** Syllables (≥ 1), plus {@link PAUSE_SYLLABLES} after a clause or sentence end. */
  weight: number;
  /** True for a CJK character: no space is drawn before the next one. */
  cjk: boolean;
}

/** A word and the time it is said, ms from the start of the video. */
export interface TimedWord extends SpeechWord {
  startMs: number;
  endMs: number;
}

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u;
/** A CJK character with the punctuation that follows it, or a run of other non-space text. */
const TOKEN =
  /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff][^\s\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\p{L}\p{N}]*|[^\s\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/gu;
const CLAUSE_END = /[,;:，；：、]$/u;
const SENTENCE_END = /[.!?。！？…]["'”’)）]*$/u;

/**
 * Pause after a comma, in syllables; after a sentence end, twice that. Measured on espeak-ng
 * 1.0.2 (npm) at 175 wpm: a comma pauses ~160 ms, a full stop ~320 ms, a syllable ~190 ms.
 */
export const PAUSE_SYLLABLES = 1;

/**
 * English syllables of a word by vowel groups, a silent final "e" dropped: the common heuristic
 * (e.g. https://en.wikipedia.org/wiki/Syllabification); a number counts one per digit.
 * @example countSyllables('narration') // 3
 */
export function countSyllables(word: string): number {
  const letters = word.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (letters === '') return 0;
  const digits = letters.replace(/[^0-9]/g, '').length;
  const alpha = letters.replace(/[0-9]/g, '');
  if (alpha === '') return digits;
  const trimmed =
    alpha.length > 3 ? alpha.replace(/(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$/, '') : alpha;
  const groups = trimmed.replace(/^y/, '').match(/[aeiouy]+/g)?.length ?? 0;
  return Math.max(1, groups) + digits;
}

/**
 * Splits a spoken text into words (CJK: characters) with their weights.
 * @example speechWords('Hi, all.').map((w) => w.weight) // [2, 3]
 */
export function speechWords(text: string): SpeechWord[] {
  const words: SpeechWord[] = [];
  for (const token of text.match(TOKEN) ?? []) {
    const cjk = CJK.test(token);
    const syllables = cjk ? 1 : countSyllables(token);
    if (syllables === 0) {
      // Bare punctuation ("—", "-"): joined to the word before.
      const last = words[words.length - 1];
      if (last) last.text += ` ${token}`;
      continue;
    }
    const pause = SENTENCE_END.test(token)
      ? 2 * PAUSE_SYLLABLES
      : CLAUSE_END.test(token)
        ? PAUSE_SYLLABLES
        : 0;
    words.push({ text: token, weight: syllables + pause, cjk });
  }
  return words;
}

/**
 * Time per weight unit (a syllable, or a pause) at eSpeak NG's rate `-s 175`, ms, per language:
 * measured on espeak-ng 1.0.2 (npm) over five English and three Chinese sentences at 140, 175 and
 * 220 wpm (English 190–194 ms, Mandarin 228–244 ms once scaled to 175). Speech time scales with
 * 175 / rate within 2%.
 */
const SYLLABLE_MS_AT_175: Readonly<Record<'en' | 'zh', number>> = { en: 192, zh: 237 };
const REFERENCE_WPM = 175;

/**
 * How long a text takes to say, ms, at `rateWpm` with `voice`'s language.
 * @returns integer ms ≥ 0 (0 for a text with no words)
 */
export function estimateSpeechMs(text: string, rateWpm: number, voice: NarrationVoice): number {
  const weight = speechWords(text).reduce((sum, word) => sum + word.weight, 0);
  const syllableMs = SYLLABLE_MS_AT_175[voice.startsWith('zh') ? 'zh' : 'en'];
  return Math.round((weight * syllableMs * REFERENCE_WPM) / rateWpm);
}

/**
 * When each word is said, sharing `[startMs, startMs + speechMs)` out by weight.
 * @returns the words in order, each with integer `startMs` < `endMs`
 */
export function timeWords(text: string, startMs: number, speechMs: number): TimedWord[] {
  const words = speechWords(text);
  const total = words.reduce((sum, word) => sum + word.weight, 0);
  let done = 0;
  return words.map((word) => {
    const wordStart = startMs + Math.round((speechMs * done) / total);
    done += word.weight;
    const wordEnd = startMs + Math.round((speechMs * done) / total);
    return { ...word, startMs: wordStart, endMs: Math.max(wordEnd, wordStart + 1) };
  });
}
