/**
 * @module apply-edit
 * The embedded director's editor: {@link EditOp}s (read from a message by `read-edits`, or made
 * by any other director) applied to a draft in order. Handles duration, aspect ratio, title
 * text/colour/size, text style, text overlays, removing text, music on/off/volume/mood, the
 * clips' own sound, transitions, palette, scene text, moving and removing scenes, pace and
 * text placement. Never throws: an op that changes nothing says why
 * (in the message's language), an op that cannot apply to this draft is reported back.
 */
import { applyNarration } from '../narration/narrate-plan';
import { applyCaptionTextStyle } from '../narration/caption-style-edit';
import type { Draft } from '../../../shared/draft-schema';
import { aspectRatioLabel } from '../../../shared/draft-diff';
import type { EditOp, EditOpOf } from '../../../shared/edit-op-schema';
import { formatSeconds } from '../../../shared/timeline-summary';
import { directorWords } from './director-words';
import { applyLookOp } from './edit-look';
import { applyBrandOp } from './edit-brand';
import { applySceneryOp } from './edit-scene-layers';
import { applyClipSound, applyMusic } from './edit-music';
import { applyAddOverlay, applyRemoveText } from './edit-overlay';
import { applyPace } from './edit-pace';
import { applyPosition } from './edit-position';
import type { EditStep, OpApplier } from './edit-step';
import { applyTitle } from './edit-text';
import { applyTransition } from './edit-transitions';
import { applyTextAnimation } from './edit-text-animation';
import { refitDuration, reframeCanvas } from './fit-timeline';
import { CANVAS_PRESETS } from './parse-canvas';
import { clampDurationMs } from './parse-duration';
import { applyMoveScene, applyRemoveScene, applySceneText } from './scene-timeline';

/** "shorter" makes the video two thirds as long (30 s → 20 s): a clear change, scenes still readable. */
export const SHORTER_FACTOR = 2 / 3;
/** "longer" makes it half as long again (30 s → 45 s). */
export const LONGER_FACTOR = 1.5;
/** Lengths from "shorter"/"longer" are rounded to whole seconds (people think in seconds). */
const ROUND_TO_MS = 1_000;

/** The result of applying edits to a draft. */
export type EditOutcome =
  /**
   * At least one op applied. `draft` may equal the input when every op was already true;
   * `notes` then say why. `notUnderstood` lists the words of ops that could not apply.
   */
  | { kind: 'edited'; draft: Draft; notes: string[]; notUnderstood: string[] }
  /** No op could apply. */
  | { kind: 'not-understood' };

/**
 * The length a set-duration op asks of a video now `currentMs` long.
 * @returns integer ms within the draft limits ("shorter": two thirds, "longer": 1.5×, whole seconds)
 */
export function durationFor(op: EditOpOf<'set-duration'>, currentMs: number): number {
  if (op.durationMs !== undefined) return clampDurationMs(op.durationMs);
  const factor = op.change === 'longer' ? LONGER_FACTOR : SHORTER_FACTOR;
  return clampDurationMs(Math.round((currentMs * factor) / ROUND_TO_MS) * ROUND_TO_MS);
}

const applyDuration: OpApplier<'set-duration'> = (draft, op, cjk) => {
  const durationMs = durationFor(op, draft.durationMs);
  if (durationMs === draft.durationMs)
    return { draft, note: directorWords(cjk).alreadyLength(formatSeconds(durationMs)) };
  return { draft: refitDuration(draft, durationMs) };
};

const applyAspect: OpApplier<'set-aspect'> = (draft, op, cjk) => {
  const canvas = { ...CANVAS_PRESETS[op.aspect], fps: draft.canvas.fps };
  if (canvas.width === draft.canvas.width && canvas.height === draft.canvas.height) {
    const note = directorWords(cjk).alreadyCanvas(
      `${canvas.width}x${canvas.height}`,
      aspectRatioLabel(canvas),
    );
    return { draft, note };
  }
  return { draft: reframeCanvas(draft, canvas) };
};

/** One applier per op kind ("undo" is the engine's: it restores a version, it edits nothing). */
const APPLIERS: { [K in EditOp['op']]: OpApplier<K> } = {
  'set-duration': applyDuration,
  'set-aspect': applyAspect,
  'set-title': applyTitle,
  'set-text-style': applyCaptionTextStyle,
  'add-overlay': applyAddOverlay,
  'remove-text': applyRemoveText,
  'set-music': applyMusic,
  'set-clip-sound': applyClipSound,
  'set-transition': applyTransition,
  'set-look': applyLookOp,
  'set-scenery': applySceneryOp,
  'set-scene-text': applySceneText,
  'move-scene': applyMoveScene,
  'remove-scene': applyRemoveScene,
  'set-pace': applyPace,
  'set-position': applyPosition,
  'set-narration': applyNarration,
  'set-text-animation': applyTextAnimation,
  'set-brand': applyBrandOp,
  undo: () => null,
};

/** Applies one op with the applier of its kind (null: it cannot apply to this draft). */
export function applyOp(draft: Draft, op: EditOp, cjk: boolean): EditStep | null {
  return (APPLIERS[op.op] as OpApplier<EditOp['op']>)(draft, op, cjk);
}

/**
 * Applies edits to a draft, in order.
 * @param draft the current draft (not changed)
 * @param ops the edits (e.g. `readEdits(text).ops`)
 * @param cjk say the notes in Chinese
 * @returns an {@link EditOutcome}; never throws
 * @example applyEditOps(draft, [{op:'set-aspect', aspect:'vertical'}, {op:'set-duration', durationMs:15000}], false)
 *   // {kind:'edited', draft:{canvas:{width:1080,height:1920,…}, durationMs:15000,…}, …}
 */
export function applyEditOps(draft: Draft, ops: readonly EditOp[], cjk: boolean): EditOutcome {
  let next = draft;
  const notes: string[] = [];
  const notUnderstood: string[] = [];
  let applied = 0;
  for (const op of ops) {
    const step = applyOp(next, op, cjk);
    if (step === null) {
      if (op.said !== undefined) notUnderstood.push(op.said);
      continue;
    }
    next = step.draft;
    if (step.note) notes.push(step.note);
    applied += 1;
  }
  if (applied === 0) return { kind: 'not-understood' };
  return { kind: 'edited', draft: next, notes, notUnderstood };
}
