/**
 * @module reading-length
 * How long a text takes to read, in "reading units" (one English word, or two CJK characters),
 * so English and Chinese scenes are timed alike. Also the CJK test used across the director.
 */

/** CJK ideographs (Unified + Extension A + Compatibility): the characters Noto Sans SC draws. */
export const CJK_CHAR = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u;
const CJK_CHARS = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/gu;

/**
 * Reading units per CJK character: 0.5. Narration runs at about 150 English words/min and
 * about 300 Chinese characters/min, so two characters read like one word.
 */
export const CJK_CHAR_UNITS = 0.5;

/** True when the text holds any CJK character (then it is laid out and condensed as CJK). */
export function hasCjk(text: string): boolean {
  return CJK_CHAR.test(text);
}

/**
 * A Latin-script word: a run of characters that are neither spaces nor CJK, holding a letter or
 * digit. One match per run (the leading and trailing parts are greedy), so counting is one scan.
 */
const LATIN_WORDS =
  /[^\s\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]*(?![\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])[\p{L}\p{N}][^\s\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]*/gu;

/** Latin-script words (runs holding a letter or digit), CJK characters excluded. */
export function countLatinWords(text: string): number {
  return text.match(LATIN_WORDS)?.length ?? 0;
}

/** Number of CJK characters in a text. */
export function countCjkChars(text: string): number {
  return text.match(CJK_CHARS)?.length ?? 0;
}

/**
 * Reading length of a text.
 * @returns Latin words + CJK characters × {@link CJK_CHAR_UNITS}; 0 for an empty text
 * @example readingUnits('Ship faster today') // 3
 * @example readingUnits('更快地发布') // 2.5
 */
export function readingUnits(text: string): number {
  return countLatinWords(text) + countCjkChars(text) * CJK_CHAR_UNITS;
}
