/**
 * @module apply-edit
 * The embedded director's editor: one chat message of edit commands applied to a draft, clause
 * by clause in the visitor's order ("make it vertical and 15 seconds" applies both). Handles
 * duration, aspect ratio, title text/colour/size, text overlays, removing text, music
 * on/off/volume/mood, transitions, palette, and recognises "undo". Never throws for a request
 * it cannot do: it says so (in the message's language), with what it can do.
 */
import type { Draft, TextSegment } from '../../../shared/draft-schema';
import { aspectRatioLabel } from '../../../shared/draft-diff';
import { formatSeconds } from '../../../shared/timeline-summary';
import type { DirectorWords } from './director-words';
import { directorWords } from './director-words';
import { splitEdit, withoutQuotes } from './edit-clauses';
import { narrationHandler } from '../narration/narrate-plan';
import { lookHandler } from './edit-look';
import { musicHandler } from './edit-music';
import type { EditHandler } from './edit-step';
import { addOverlayHandler, removeTextHandler } from './edit-overlay';
import { restyleRole, roleNamed, textStyleHandler, titleHandler } from './edit-text';
import { transitionsHandler } from './edit-transitions';
import { refitDuration, reframeCanvas } from './fit-timeline';
import { CANVAS_PRESETS, parseCanvasPreset } from './parse-canvas';
import { parseColour } from './parse-colour';
import { clampDurationMs, parseDurationMs } from './parse-duration';
import { countLatinWords, countCjkChars, hasCjk } from './reading-length';

/** "shorter" makes the video two thirds as long (30 s → 20 s): a clear change, scenes still readable. */
export const SHORTER_FACTOR = 2 / 3;
/** "longer" makes it half as long again (30 s → 45 s). */
export const LONGER_FACTOR = 1.5;
/** Lengths from "shorter"/"longer" are rounded to whole seconds (people think in seconds). */
const ROUND_TO_MS = 1_000;
/** An "undo" message is at most 6 words ("please undo the last change"); longer ones are edits. */
const MAX_UNDO_WORDS = 6;

/** Handlers in the order they are tried on a clause; the first that can apply it wins. */
const HANDLERS: readonly EditHandler[] = [
  narrationHandler,
  musicHandler,
  transitionsHandler,
  removeTextHandler,
  addOverlayHandler,
  titleHandler,
  textStyleHandler,
  lookHandler,
];

const SHORTER =
  /\b(?:shorter|shorten|trim it|cut it down|less long|quicker)\b|短一点|短一些|更短|缩短/u;
const LONGER = /\b(?:longer|lengthen|extend|stretch it)\b|长一点|长一些|更长|延长/u;
const FILLER = /^(?:please|thanks|thank you|ok|okay|now|it|too|as well|that's all|谢谢|请|好的)$/u;
const UNDO =
  /^(?:please\s+)?(?:undo|revert|go back|take (?:that|it) back|undo (?:that|it|the last (?:change|edit)))\b|撤销|撤回|返回上一步|回到上一步/u;

/** The result of one edit message. */
export type EditOutcome =
  /** The visitor asked to go back one version (the engine restores it). */
  | { kind: 'undo' }
  /**
   * At least one clause was understood. `draft` may equal the input when every understood clause
   * was already true; `notes` then say why. `notUnderstood` lists clauses (as typed) skipped.
   */
  | { kind: 'edited'; draft: Draft; notes: string[]; notUnderstood: string[] }
  /** Nothing in the message was an edit this director knows. */
  | { kind: 'not-understood' };

/** True for a short "undo" message ("undo", "undo that", "go back", "撤销"). */
export function isUndoRequest(text: string): boolean {
  const normalized = text
    .trim()
    .toLowerCase()
    .replace(/[.!?。！？]+$/u, '');
  return (
    countLatinWords(normalized) + countCjkChars(normalized) / 2 <= MAX_UNDO_WORDS &&
    UNDO.test(normalized)
  );
}

/** The duration a clause asks for, in integer ms within the draft limits; null when none. */
export function requestedDurationMs(clause: string, currentMs: number): number | null {
  const named = parseDurationMs(clause);
  if (named !== null) return clampDurationMs(named);
  if (SHORTER.test(clause))
    return clampDurationMs(Math.round((currentMs * SHORTER_FACTOR) / ROUND_TO_MS) * ROUND_TO_MS);
  if (LONGER.test(clause))
    return clampDurationMs(Math.round((currentMs * LONGER_FACTOR) / ROUND_TO_MS) * ROUND_TO_MS);
  return null;
}

/** Applies the shape and length a clause names (if any); null when it names neither. */
function applyFrameAndLength(
  draft: Draft,
  clause: string,
  notes: string[],
  words: DirectorWords,
): Draft | null {
  const plain = withoutQuotes(clause);
  const preset = parseCanvasPreset(plain);
  const durationMs = requestedDurationMs(plain, draft.durationMs);
  if (preset === null && durationMs === null) return null;
  let next = draft;
  if (preset !== null) {
    const canvas = { ...CANVAS_PRESETS[preset], fps: draft.canvas.fps };
    if (canvas.width === draft.canvas.width && canvas.height === draft.canvas.height) {
      notes.push(words.alreadyCanvas(`${canvas.width}x${canvas.height}`, aspectRatioLabel(canvas)));
    } else {
      next = reframeCanvas(next, canvas);
    }
  }
  if (durationMs !== null) {
    if (durationMs === next.durationMs) notes.push(words.alreadyLength(formatSeconds(durationMs)));
    else next = refitDuration(next, durationMs);
  }
  return next;
}

/**
 * Applies an edit message to a draft.
 * @param draft the current draft (not changed)
 * @param text the visitor's message
 * @param cjk say the notes in Chinese (default: when the message holds a CJK character)
 * @returns an {@link EditOutcome}; never throws for any text
 * @example applyEdit(draft, 'make it vertical and 15 seconds') // {kind:'edited', draft:{canvas:{width:1080,height:1920,…}, durationMs:15000,…}, …}
 */
export function applyEdit(draft: Draft, text: string, cjk: boolean = hasCjk(text)): EditOutcome {
  if (isUndoRequest(text)) return { kind: 'undo' };
  const { clauses, originals, quotes } = splitEdit(text);
  let next = draft;
  const notes: string[] = [];
  const notUnderstood: string[] = [];
  let understood = 0;
  let lastRole: TextSegment['role'] | null = null;

  clauses.forEach((clause, index) => {
    const original = originals[index] ?? clause;
    if (FILLER.test(clause)) return;
    const matched = HANDLERS.filter((handler) => handler.matches(clause));
    for (const handler of matched) {
      const step = handler.apply(next, clause, quotes, original, cjk);
      if (step === null) continue;
      next = step.draft;
      if (step.note) notes.push(step.note);
      understood += 1;
      lastRole = roleNamed(clause) ?? lastRole;
      return;
    }
    if (matched.length === 0) {
      const framed = applyFrameAndLength(next, clause, notes, directorWords(cjk));
      if (framed !== null) {
        next = framed;
        understood += 1;
        return;
      }
      // "… and make it red": a colour or size for the text named in the clause before.
      if (lastRole !== null && parseColour(withoutQuotes(clause))) {
        const step = restyleRole(next, lastRole, withoutQuotes(clause), cjk);
        if (step) {
          next = step.draft;
          if (step.note) notes.push(step.note);
          understood += 1;
          return;
        }
      }
    }
    notUnderstood.push(
      original.replace(/⟦(\d+)⟧/gu, (_all, n: string) => `"${quotes[Number(n)] ?? ''}"`),
    );
  });

  if (understood === 0) return { kind: 'not-understood' };
  return { kind: 'edited', draft: next, notes, notUnderstood };
}
