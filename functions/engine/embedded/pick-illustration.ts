/**
 * @module pick-illustration
 * The illustration for a scene, found by the scene's words in English and Chinese in the curated
 * Fluent Emoji set (illustration-set.ts, keywords from emojilib and emojibase-data).
 *
 * English: the text's words (stop words skipped, a plural also tried as its singular) are looked
 * up in an index of each icon's name words ({@link NAME_WEIGHT}) and keywords (weight 1); a word
 * shared by many icons counts less (divided by the square root of the number of icons it names,
 * or tags), so "rocket" outweighs "space" and the icon named "beach" outweighs those tagged so. Chinese has no spaces: each icon's Chinese name and keywords of two or more
 * characters are searched in the text. The subject of the whole video adds
 * {@link SUBJECT_WEIGHT} of its score, so a scene that names nothing of its own still shows the
 * subject, and among a scene's own words the subject's nouns win.
 */
import type { Illustration } from '../../../shared/illustration-schema';
import { ILLUSTRATION_SET } from './illustration-set';

/** A word in an icon's own name counts this many times a keyword. */
const NAME_WEIGHT = 3;
/** The video's subject counts this share of a scene's own words. */
const SUBJECT_WEIGHT = 0.5;
/**
 * The runner-up replaces a repeat of the previous scene's illustration when it scores at least
 * this share of the best: neighbouring scenes of one subject vary (sunset, then a dusk cityscape).
 */
const REPEAT_SHARE = 0.4;
/** Shortest Chinese keyword searched, characters: single characters match too much (月, 水). */
const MIN_ZH_KEYWORD_CHARS = 2;

/** English words that name nothing (articles, pronouns, helpers, video words). */
const STOP_WORDS = new Set(
  (
    'a an the and or but if of to in on at by for with from into over under about as is are was ' +
    'were be been being it its this that these those you your we our they their he she his her ' +
    'i me my us them not no so than then there here what which who whom how why when where all ' +
    'any each every more most some such very can will just do does did have has had make makes ' +
    'made get gets one two new also only own same too up down out off again few other both ' +
    'video clip second seconds minute minutes generate create show shows scene background music ' +
    'calm upbeat short long explainer promo'
  ).split(' '),
);

interface IndexEntry {
  icon: number;
  weight: number;
}

interface WordIndex {
  english: Map<string, IndexEntry[]>;
  /** Chinese keywords of {@link MIN_ZH_KEYWORD_CHARS}+ characters. */
  chinese: Map<string, IndexEntry[]>;
}

let wordIndex: WordIndex | null = null;

/** Word → icons in both languages, built once per isolate from the set. */
function indexOfWords(): WordIndex {
  if (wordIndex) return wordIndex;
  const english = new Map<string, IndexEntry[]>();
  const chinese = new Map<string, IndexEntry[]>();
  ILLUSTRATION_SET.forEach(([, enName, enTags, zhName, zhTags], icon) => {
    const add = (index: Map<string, IndexEntry[]>, word: string, weight: number) => {
      const list = index.get(word) ?? [];
      if (!list.some((entry) => entry.icon === icon)) list.push({ icon, weight });
      index.set(word, list);
    };
    for (const word of enName.split(' ')) if (word) add(english, word, NAME_WEIGHT);
    for (const word of enTags.split(' ')) if (word) add(english, word, 1);
    if (zhName.length >= MIN_ZH_KEYWORD_CHARS) add(chinese, zhName, NAME_WEIGHT);
    for (const word of zhTags.split(' '))
      if (word.length >= MIN_ZH_KEYWORD_CHARS) add(chinese, word, 1);
  });
  wordIndex = { english, chinese };
  return wordIndex;
}

/** The text's English words worth looking up, lower case, stop words skipped. */
function englishWords(text: string): string[] {
  return (text.toLowerCase().match(/[a-z][a-z0-9]+/g) ?? []).filter(
    (word) => !STOP_WORDS.has(word),
  );
}

/** Index entries of a word, or of its singular ("rockets" → "rocket", "beaches" → "beach"). */
function lookUp(index: ReadonlyMap<string, IndexEntry[]>, word: string): IndexEntry[] {
  const direct = index.get(word);
  if (direct) return direct;
  for (const singular of [word.replace(/es$/, ''), word.replace(/s$/, '')])
    if (singular.length > 2 && singular !== word) {
      const found = index.get(singular);
      if (found) return found;
    }
  return [];
}

/** Score of each icon for a text (icon index → score). */
export function scoreIllustrations(text: string): Map<number, number> {
  const scores = new Map<number, number>();
  const add = (icon: number, score: number) => scores.set(icon, (scores.get(icon) ?? 0) + score);
  // Rarity counts name and keyword matches apart: "beach" names one icon and tags many others.
  const addAll = (entries: readonly IndexEntry[]) => {
    const named = entries.filter((entry) => entry.weight === NAME_WEIGHT).length;
    for (const entry of entries) {
      const alike = entry.weight === NAME_WEIGHT ? named : entries.length - named;
      add(entry.icon, entry.weight / Math.sqrt(alike));
    }
  };
  const { english, chinese } = indexOfWords();
  for (const word of new Set(englishWords(text))) addAll(lookUp(english, word));
  if (/[\u4e00-\u9fff]/u.test(text))
    for (const [word, entries] of chinese) if (text.includes(word)) addAll(entries);
  return scores;
}

/** The set's entry as a draft illustration. */
function illustrationAt(icon: number): Illustration | null {
  const entry = ILLUSTRATION_SET[icon];
  if (!entry) return null;
  const [name, , , , , shapes] = entry;
  return {
    name,
    shapes: shapes.map(([fill, d, evenOdd]) =>
      evenOdd ? { fill, d, evenOdd: true } : { fill, d },
    ),
  };
}

/**
 * The illustration for a scene.
 * @param text the scene's words (script sentence or title)
 * @param subject the whole video's subject (the prompt's topic), or '' for none
 * @param avoid the previous scene's illustration name: a nearly as good other one is preferred
 * @returns the best-scoring illustration, or null when neither text names anything in the set
 * @example pickIllustration('Our rocket lifts off at dawn', '')?.name // "rocket"
 */
export function pickIllustration(
  text: string,
  subject: string,
  avoid: string | null = null,
): Illustration | null {
  const scores = scoreIllustrations(text);
  for (const [icon, score] of scoreIllustrations(subject))
    scores.set(icon, (scores.get(icon) ?? 0) + SUBJECT_WEIGHT * score);
  // Best first; equal scores in the set's order.
  const ranked = [...scores].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const [first, second] = ranked;
  if (!first) return null;
  const repeat = ILLUSTRATION_SET[first[0]]?.[0] === avoid;
  const best = repeat && second && second[1] >= REPEAT_SHARE * first[1] ? second : first;
  return illustrationAt(best[0]);
}
