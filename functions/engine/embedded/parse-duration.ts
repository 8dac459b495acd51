/**
 * @module parse-duration
 * Reads a target length from words: "30-second", "30 second", "15 seconds", "1 minute",
 * "1.5 minutes", "a minute and a half", "90s", "2 min 30 s", "60秒", "一分钟", "半分钟", "一分半".
 */
import { MAX_DRAFT_DURATION_MS, MIN_DRAFT_DURATION_MS } from '../../../shared/draft-schema';

/** Length of a video when the prompt names none: 30 s, the usual explainer/promo length. */
export const DEFAULT_DURATION_MS = 30_000;

const SECOND_MS = 1_000;
const MINUTE_MS = 60_000;

/** English number words people use for video lengths (and scene numbers). */
export const NUMBER_WORDS: Readonly<Record<string, number>> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  'twenty-five': 25,
  thirty: 30,
  forty: 40,
  'forty-five': 45,
  fifty: 50,
  sixty: 60,
  ninety: 90,
};
const NUMBER = `(\\d+(?:\\.\\d+)?|${Object.keys(NUMBER_WORDS)
  .sort((a, b) => b.length - a.length)
  .join('|')})`;
/** "30 seconds", "30-sec", and "30s" only after digits ("ones" is not one second). */
const SECONDS_AFTER = (number: string): string =>
  `(?:${number}\\s*-?\\s*(?:seconds?|secs?)|(\\d+(?:\\.\\d+)?)\\s*s)\\b`;

const CN_DIGITS: Record<string, number> = {
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const CN_NUMBER = '([一二两三四五六七八九十]+|\\d+(?:\\.\\d+)?)';

/** A Chinese numeral up to 99 ("十五", "三十", "六十") or digits, as a number; NaN if neither. */
export function parseChineseNumber(text: string): number {
  if (/^\d+(?:\.\d+)?$/.test(text)) return Number(text);
  const ten = text.indexOf('十');
  if (ten === -1) return text.length === 1 ? (CN_DIGITS[text] ?? Number.NaN) : Number.NaN;
  const tens = ten === 0 ? 1 : (CN_DIGITS[text.slice(0, ten)] ?? Number.NaN);
  const rest = text.slice(ten + 1);
  const ones = rest === '' ? 0 : (CN_DIGITS[rest] ?? Number.NaN);
  return tens * 10 + ones;
}

function englishNumber(token: string): number {
  return /^\d/.test(token) ? Number(token) : (NUMBER_WORDS[token] ?? Number.NaN);
}

/** Patterns, each turning its match into milliseconds. Longer forms first at the same position. */
const PATTERNS: ReadonlyArray<{ pattern: RegExp; toMs: (m: RegExpExecArray) => number }> = [
  {
    // "2 min 30 s", "1 minute and 30 seconds"
    pattern: new RegExp(
      `\\b${NUMBER}\\s*-?\\s*(?:minutes?|mins?)\\s*(?:and\\s*)?${SECONDS_AFTER(NUMBER)}`,
      'i',
    ),
    toMs: (m) =>
      englishNumber(m[1] ?? '') * MINUTE_MS + englishNumber(m[2] ?? m[3] ?? '') * SECOND_MS,
  },
  { pattern: /\b(?:a|one) minute and a half\b/i, toMs: () => 90 * SECOND_MS },
  { pattern: /\bhalf an? minute\b/i, toMs: () => 30 * SECOND_MS },
  {
    pattern: new RegExp(`\\b${NUMBER}\\s*-?\\s*(?:minutes?|mins?)\\b`, 'i'),
    toMs: (m) => englishNumber(m[1] ?? '') * MINUTE_MS,
  },
  {
    pattern: new RegExp(`\\b${SECONDS_AFTER(NUMBER)}`, 'i'),
    toMs: (m) => englishNumber(m[1] ?? m[2] ?? '') * SECOND_MS,
  },
  { pattern: /半分钟/, toMs: () => 30 * SECOND_MS },
  {
    pattern: new RegExp(`${CN_NUMBER}\\s*分(?:钟)?半`),
    toMs: (m) => parseChineseNumber(m[1] ?? '') * MINUTE_MS + 30 * SECOND_MS,
  },
  {
    pattern: new RegExp(`${CN_NUMBER}\\s*分钟(?:${CN_NUMBER}\\s*秒)?`),
    toMs: (m) =>
      parseChineseNumber(m[1] ?? '') * MINUTE_MS +
      (m[2] ? parseChineseNumber(m[2]) * SECOND_MS : 0),
  },
  {
    pattern: new RegExp(`${CN_NUMBER}\\s*秒`),
    toMs: (m) => parseChineseNumber(m[1] ?? '') * SECOND_MS,
  },
];

/**
 * The first length named in a text.
 * @param text a prompt or an edit command, any case
 * @returns the length in integer ms (not clamped), or null when none is named
 * @example parseDurationMs('generate a 30-second explainer') // 30000
 * @example parseDurationMs('生成一个60秒的竖屏视频') // 60000
 */
export function parseDurationMs(text: string): number | null {
  let best: { index: number; ms: number } | null = null;
  for (const { pattern, toMs } of PATTERNS) {
    const match = pattern.exec(text);
    if (!match) continue;
    const ms = Math.round(toMs(match));
    if (!Number.isFinite(ms) || ms <= 0) continue;
    if (best === null || match.index < best.index) best = { index: match.index, ms };
  }
  return best?.ms ?? null;
}

/**
 * A length fitted to the draft limits ({@link MIN_DRAFT_DURATION_MS}..{@link MAX_DRAFT_DURATION_MS}).
 * @returns integer ms
 */
export function clampDurationMs(ms: number): number {
  return Math.min(MAX_DRAFT_DURATION_MS, Math.max(MIN_DRAFT_DURATION_MS, Math.round(ms)));
}
