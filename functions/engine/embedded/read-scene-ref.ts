/**
 * @module read-scene-ref
 * Reads which scene words name, in English and Chinese: "scene 3", "the third scene",
 * "scene three", "the last scene", "第3个场景", "第三个镜头", "最后一个场景", "第一个场景", or an
 * upload's name ("the beach photo" → `{label: 'beach'}`). Pure.
 */
import { MAX_NAME_CHARS } from '../../../shared/draft-schema';
import type { SceneRef } from '../../../shared/edit-op-schema';
import { NUMBER_WORDS, parseChineseNumber } from './parse-duration';

/** Ordinal words up to the tenth (people rarely say "the eleventh scene"). */
const ORDINAL_NUMBERS: Readonly<Record<string, number>> = {
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
};
/** Number words for a scene ("scene three"); "a"/"an" count a length, never name a scene. */
const CARDINALS = Object.keys(NUMBER_WORDS).filter((word) => word !== 'a' && word !== 'an');

/** Ordinal words ("the second scene"); "one scene" names no scene. */
const ORDINALS = `first|${Object.keys(ORDINAL_NUMBERS).join('|')}|last|final`;
const NUMBER_WORD = `\\d{1,3}|${[...CARDINALS, ...Object.keys(ORDINAL_NUMBERS)].join('|')}`;
const CHINESE_NUMBER = '\\d{1,3}|[一二两三四五六七八九十]+';
/** What a scene is called: "scene", "shot", "slide"; "场景", "镜头", "片段", "幕". */
export const SCENE_WORD = '(?:scenes?|shots?|slides?)';
const SCENE_WORD_ZH = '(?:场景|镜头|片段|幕)';
/** The media nouns after an upload's name: "the beach photo", "海滩照片". */
const MEDIA_NOUN =
  /\s*\b(?:photos?|pictures?|pics?|images?|clips?|videos?|shots?|scenes?|footage)\b\s*|照片|图片|视频|片段|镜头|场景|的/gu;

/** A number word or digits → the number, or null. */
function numberOf(word: string): number | null {
  if (/^\d+$/u.test(word)) return Number(word);
  const lower = word.toLowerCase();
  const number = NUMBER_WORDS[lower] ?? ORDINAL_NUMBERS[lower] ?? parseChineseNumber(word);
  return Number.isInteger(number) && number > 0 ? number : null;
}

/** The scene an ordinal word names: "first" → 'first', "last"/"final" → 'last', "third" → 3. */
function ordinalRef(word: string): SceneRef | null {
  if (word === 'first') return 'first';
  if (word === 'last' || word === 'final') return 'last';
  return numberOf(word);
}

/**
 * Every scene a text names by place, in the order named ("swap scenes 2 and 3" → [2, 3]).
 * @param text lower-cased words
 * @returns 1-based numbers, or 'first'/'last'
 */
export function scenesNamed(text: string): SceneRef[] {
  const refs: { at: number; ref: SceneRef }[] = [];
  const patterns: ReadonlyArray<[RegExp, (m: RegExpExecArray) => SceneRef | null]> = [
    [
      new RegExp(`\\b${SCENE_WORD}\\s+(?:no\\.?\\s*|number\\s+|#)?(${NUMBER_WORD})\\b`, 'gu'),
      (m) => numberOf(m[1] ?? ''),
    ],
    // "scenes 2 and 3": the second number of a pair.
    [
      new RegExp(`\\b${SCENE_WORD}\\s+\\d{1,3}\\s*(?:and|&|with|,)\\s*(\\d{1,3})\\b`, 'gu'),
      (m) => numberOf(m[1] ?? ''),
    ],
    // "the second and third scenes": the first ordinal of a pair.
    [
      new RegExp(
        `\\b(${ORDINALS})(?=\\s+(?:and|&)\\s+(?:the\\s+)?(?:${ORDINALS})\\s+${SCENE_WORD})`,
        'gu',
      ),
      (m) => ordinalRef(m[1] ?? ''),
    ],
    [
      new RegExp(`\\b(?:the\\s+)?(${ORDINALS})\\s+(?:one\\s+)?${SCENE_WORD}`, 'gu'),
      (m) => ordinalRef(m[1] ?? ''),
    ],
    [
      new RegExp(
        `第\\s*(${CHINESE_NUMBER})\\s*(?:个|段|张)?\\s*(?:和|与|跟)?\\s*(?:${SCENE_WORD_ZH})?`,
        'gu',
      ),
      (m) => numberOf(m[1] ?? ''),
    ],
    [new RegExp(`(?:最后|末尾)(?:一个|一段|一张|个)?${SCENE_WORD_ZH}`, 'gu'), () => 'last'],
  ];
  for (const [pattern, read] of patterns) {
    for (const match of text.matchAll(pattern)) {
      const ref = read(match as RegExpExecArray);
      // Placed by where the match ends: "scenes 2 and 3" names 2, then 3.
      const at = (match.index ?? 0) + match[0].length;
      if (ref !== null && ref !== 0 && !refs.some((r) => r.at === at)) refs.push({ at, ref });
    }
  }
  return refs.sort((a, b) => a.at - b.at).map((r) => r.ref);
}

/**
 * The upload a phrase names as a scene label: "the beach photo" → `{label: 'beach'}`,
 * "海滩照片" → `{label: '海滩'}`; null when nothing is left once the media words are gone.
 */
export function labelRef(phrase: string): SceneRef | null {
  const words = phrase
    .replace(/^\s*(?:the|my|a|an|that|this)\s+/u, '')
    .replace(MEDIA_NOUN, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
  return words === '' ? null : { label: words.slice(0, MAX_NAME_CHARS) };
}
