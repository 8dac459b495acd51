/**
 * @module split-scenes
 * Finds the script in a prompt and cuts it into scenes: one sentence per scene, very short
 * sentences merged with a neighbour, long ones split at a clause break, and the count capped so
 * every scene stays readable on screen.
 */
import { hasCjk, readingUnits } from './reading-length';

/**
 * A sentence under 3 reading units ("Fast.", "Really.") is merged into its neighbour: alone it
 * is not a beat. "Nimbus fixes that." (3) stays a punchy scene of its own.
 */
export const MIN_SCENE_UNITS = 3;
/**
 * A sentence over 20 reading units (~8 s of narration at 150 words/min) is split in two, so a
 * 12-word caption still stands for most of its scene.
 */
export const MAX_SCENE_UNITS = 20;
/** A prompt of 40+ reading units with no instruction is itself the script (a pasted script). */
export const LONG_PROMPT_UNITS = 40;
/** An instruction before a ":" is at most 40 reading units; a longer lead-in is part of the script. */
export const MAX_INSTRUCTION_UNITS = 40;

/** Words that make a line an instruction ("generate a video…") rather than script. */
const INSTRUCTION_WORDS =
  /\b(?:video|clip|promo|explainer|advert|ad|reel|short|trailer|teaser|generate|create|make|produce|storyboard)\b|视频|短片|生成|制作|做一个|创建/i;
/** "script:", "voiceover:", "脚本："… — what follows is the script. */
const SCRIPT_MARKER =
  /\b(?:script|voice-?over|narration|transcript)\s*[:：]|(?:脚本|文案|台词|旁白|内容)\s*[:：]/i;

/** A prompt split into what to make and what to say. */
export interface ScriptParts {
  /** The request itself ("generate a 30-second explainer video"); where duration and shape are read. */
  instruction: string;
  /** The words the video says; empty when the prompt only names a topic. */
  script: string;
}

/** True when a text reads as a request to make a video. */
export function isInstruction(text: string): boolean {
  return INSTRUCTION_WORDS.test(text);
}

/**
 * Separates the instruction from the script: after "script:", else after the first line or the
 * first colon of an instruction, else the whole prompt when it is long.
 * @example extractScript('make a video from this script: Hello world.') // {instruction:'make a video from this', script:'Hello world.'}
 */
export function extractScript(prompt: string): ScriptParts {
  const text = prompt.trim();
  const marker = SCRIPT_MARKER.exec(text);
  if (marker) {
    return {
      instruction: text.slice(0, marker.index).trim(),
      script: text.slice(marker.index + marker[0].length).trim(),
    };
  }
  const newline = text.indexOf('\n');
  if (newline > 0) {
    const head = text.slice(0, newline).trim();
    const rest = text.slice(newline + 1).trim();
    if (rest && isInstruction(head) && readingUnits(head) <= MAX_INSTRUCTION_UNITS)
      return { instruction: head, script: rest };
  }
  // A colon between digits is a ratio or a time (16:9, 0:30), not the start of a script.
  const colon = /(?<!\d)[:：]|[:：](?!\d)/u.exec(text);
  if (colon) {
    const head = text.slice(0, colon.index).trim();
    const rest = text.slice(colon.index + 1).trim();
    if (rest && isInstruction(head) && readingUnits(head) <= MAX_INSTRUCTION_UNITS)
      return { instruction: head, script: rest };
  }
  if (readingUnits(text) >= LONG_PROMPT_UNITS) {
    const [first = '', ...others] = splitSentences(text);
    if (isInstruction(first) && others.length > 0)
      return { instruction: first, script: others.join(hasCjk(text) ? '' : ' ') };
    return { instruction: '', script: text };
  }
  return { instruction: text, script: '' };
}

/**
 * Sentences of a script, trimmed, punctuation kept. Splits after `. ! ? …` followed by a space,
 * after `。！？；`, and at line breaks; "2.5x" and "e.g." mid-sentence stay whole.
 */
export function splitSentences(script: string): string[] {
  return script
    .split(/(?<=[.!?…])\s+|(?<=[。！？；])|\n+/u)
    .map((sentence) => sentence.trim())
    .filter((sentence) => readingUnits(sentence) > 0);
}

function joinText(a: string, b: string): string {
  return hasCjk(a) && hasCjk(b) ? `${a}${b}` : `${a} ${b}`;
}

/** Splits one text in two near its middle, at a clause break when there is one. */
function splitInTwo(text: string): [string, string] {
  const middle = text.length / 2;
  let best = -1;
  for (const match of text.matchAll(/[,;:—–，；：、]\s*/gu)) {
    const cut = match.index + match[0].length;
    if (
      cut > 0 &&
      cut < text.length &&
      (best === -1 || Math.abs(cut - middle) < Math.abs(best - middle))
    )
      best = cut;
  }
  // Only a clause break in the middle half keeps both parts meaningful.
  if (best === -1 || Math.abs(best - middle) > text.length / 4) {
    if (hasCjk(text) && !/\s/.test(text.trim())) {
      best = Math.round(middle);
    } else {
      const words = text.split(/\s+/);
      const half = Math.ceil(words.length / 2);
      return [words.slice(0, half).join(' '), words.slice(half).join(' ')];
    }
  }
  return [text.slice(0, best).trim(), text.slice(best).trim()];
}

function splitLong(text: string): string[] {
  if (readingUnits(text) <= MAX_SCENE_UNITS) return [text];
  const [a, b] = splitInTwo(text);
  if (!a || !b) return [text];
  return [...splitLong(a), ...splitLong(b)];
}

/**
 * Scenes from sentences: long ones split, short ones merged, then adjacent pairs with the
 * fewest words merged until at most `maxScenes` remain.
 * @param sentences from {@link splitSentences}
 * @param maxScenes at least 1 (the duration's room for readable scenes)
 * @returns scene texts in order; empty only when `sentences` is empty
 */
export function groupScenes(sentences: readonly string[], maxScenes: number): string[] {
  const split = sentences.flatMap(splitLong);
  const merged: string[] = [];
  for (const sentence of split) {
    const last = merged[merged.length - 1];
    if (last !== undefined && readingUnits(last) < MIN_SCENE_UNITS)
      merged[merged.length - 1] = joinText(last, sentence);
    else merged.push(sentence);
  }
  const tail = merged[merged.length - 1];
  const beforeTail = merged[merged.length - 2];
  if (tail !== undefined && beforeTail !== undefined && readingUnits(tail) < MIN_SCENE_UNITS) {
    merged.splice(merged.length - 2, 2, joinText(beforeTail, tail));
  }
  const limit = Math.max(1, Math.floor(maxScenes));
  // Each scene's reading units, kept beside it so a long script is measured once, not per merge.
  const units = merged.map(readingUnits);
  while (merged.length > limit) {
    let bestIndex = 0;
    let bestUnits = Number.POSITIVE_INFINITY;
    for (let i = 0; i + 1 < merged.length; i += 1) {
      const pair = (units[i] ?? 0) + (units[i + 1] ?? 0);
      if (pair < bestUnits) {
        bestUnits = pair;
        bestIndex = i;
      }
    }
    const joined = joinText(merged[bestIndex] ?? '', merged[bestIndex + 1] ?? '');
    merged.splice(bestIndex, 2, joined);
    units.splice(bestIndex, 2, readingUnits(joined));
  }
  return merged;
}
