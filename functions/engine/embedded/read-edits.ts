/**
 * @module read-edits
 * Reads one chat message as edits of a video: clause by clause in the visitor's order ("make it
 * vertical and 15 seconds" is two edits), each clause given to the first edit handler that
 * recognises its subject and can read an {@link EditOp} from it; a clause no handler takes may
 * name a frame shape and a length, or ("… and make it red") restyle the text named just before.
 * Reads words only: what the ops do to a draft is `apply-edit`'s job. Pure, never throws.
 */
import { narrationHandler } from '../narration/narrate-plan';
import type { TextSegment } from '../../../shared/draft-schema';
import type { EditOp, EditOpOf } from '../../../shared/edit-op-schema';
import { splitEdit, withoutQuotes } from './edit-clauses';
import { lookHandler } from './edit-look';
import { brandHandler } from './edit-brand';
import { sceneryHandler } from './edit-scene-layers';
import { musicHandler } from './edit-music';
import { paceHandler } from './edit-pace';
import { positionHandler } from './edit-position';
import { scenesHandler } from './edit-scenes';
import type { EditHandler } from './edit-step';
import { addOverlayHandler, removeTextHandler } from './edit-overlay';
import { readRestyle, roleNamed, textStyleHandler, titleHandler } from './edit-text';
import { transitionsHandler } from './edit-transitions';
import { textAnimationHandler } from './edit-text-animation';
import { parseCanvasPreset } from './parse-canvas';
import { parseColour } from './parse-colour';
import { clampDurationMs, parseDurationMs } from './parse-duration';
import { countCjkChars, countLatinWords } from './reading-length';

/** An "undo" message is at most 6 words ("please undo the last change"); longer ones are edits. */
const MAX_UNDO_WORDS = 6;

/** Handlers in the order they are tried on a clause; the first that reads an op wins. */
const HANDLERS: readonly EditHandler[] = [
  brandHandler,
  scenesHandler,
  narrationHandler,
  musicHandler,
  transitionsHandler,
  paceHandler,
  positionHandler,
  removeTextHandler,
  addOverlayHandler,
  titleHandler,
  textStyleHandler,
  lookHandler,
  sceneryHandler,
  textAnimationHandler,
];

const SHORTER =
  /\b(?:shorter|shorten|trim it|cut it down|less long|quicker)\b|短一点|短一些|更短|缩短/u;
const LONGER = /\b(?:longer|lengthen|extend|stretch it)\b|长一点|长一些|更长|延长/u;
const FILLER = /^(?:please|thanks|thank you|ok|okay|now|it|too|as well|that's all|谢谢|请|好的)$/u;
const UNDO =
  /^(?:please\s+)?(?:undo|revert|go back|take (?:that|it) back|undo (?:that|it|the last (?:change|edit)))\b|撤销|撤回|返回上一步|回到上一步/u;

/** What a message asks of a video. */
export interface ReadEdits {
  /** The edits, in the visitor's order, each with the words it was read from (`said`). */
  ops: EditOp[];
  /** Clauses (as typed, quotes restored) that were not an edit this director knows. */
  unread: string[];
}

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

/** The length a clause asks ("15 seconds" → 15 000 ms within the draft limits, "shorter"), or null. */
export function readDuration(clause: string): EditOpOf<'set-duration'> | null {
  const named = parseDurationMs(clause);
  if (named !== null) return { op: 'set-duration', durationMs: clampDurationMs(named) };
  if (SHORTER.test(clause)) return { op: 'set-duration', change: 'shorter' };
  if (LONGER.test(clause)) return { op: 'set-duration', change: 'longer' };
  return null;
}

/** The frame shape and length a clause names, shape first; empty when it names neither. */
function readFrameAndLength(clause: string): EditOp[] {
  const plain = withoutQuotes(clause);
  const aspect = parseCanvasPreset(plain);
  const duration = readDuration(plain);
  return [
    ...(aspect !== null ? [{ op: 'set-aspect' as const, aspect }] : []),
    ...(duration !== null ? [duration] : []),
  ];
}

/**
 * Reads an edit message.
 * @param text the visitor's message (not "undo": see {@link isUndoRequest})
 * @returns the ops and the clauses not understood; both empty for an empty message
 * @example readEdits('make it vertical and 15 seconds').ops // [{op:'set-aspect',aspect:'vertical',…}, {op:'set-duration',durationMs:15000,…}]
 */
export function readEdits(text: string): ReadEdits {
  const { clauses, originals, quotes } = splitEdit(text);
  const ops: EditOp[] = [];
  const unread: string[] = [];
  let lastRole: TextSegment['role'] | null = null;

  clauses.forEach((clause, index) => {
    const original = originals[index] ?? clause;
    const said = original.replace(/⟦(\d+)⟧/gu, (_all, n: string) => `"${quotes[Number(n)] ?? ''}"`);
    if (FILLER.test(clause)) return;
    const matched = HANDLERS.filter((handler) => handler.matches(clause));
    for (const handler of matched) {
      const op = handler.read(clause, quotes, original);
      if (op === null) continue;
      ops.push({ ...op, said });
      lastRole = roleNamed(clause) ?? lastRole;
      return;
    }
    if (matched.length === 0) {
      const framed = readFrameAndLength(clause);
      if (framed.length > 0) {
        ops.push(...framed.map((op) => ({ ...op, said })));
        return;
      }
      // "… and make it red": a colour or size for the text named in the clause before.
      const plain = withoutQuotes(clause);
      const restyle = lastRole !== null && parseColour(plain) ? readRestyle(lastRole, plain) : null;
      if (restyle !== null) {
        ops.push({ ...restyle, said });
        return;
      }
    }
    unread.push(said);
  });
  return { ops, unread };
}
