/**
 * @module director-from-text (test support)
 * The embedded director's planners and editors driven by a message, the way `parse-message`
 * reads it (once) and the engine hands the result on: for unit tests that state a case as the
 * words a visitor types.
 */
import type { Batch } from '../../shared/batch-schema';
import type { Draft } from '../../shared/draft-schema';
import type { MediaSummary } from '../../shared/media-schema';
import type { EditOutcome } from '../../functions/engine/embedded/apply-edit';
import { applyEditOps, durationFor } from '../../functions/engine/embedded/apply-edit';
import type { BatchEditOutcome } from '../../functions/engine/embedded/edit-batch';
import {
  applyBatchEdit as applyBatchEditOps,
  namedItems,
  withoutNames,
} from '../../functions/engine/embedded/edit-batch';
import { planBatch as planBatchFromBrief } from '../../functions/engine/embedded/plan-batch';
import { planMediaCut as planMediaCutFromBrief } from '../../functions/engine/embedded/plan-media-cut';
import { planStoryboard as planStoryboardFromBrief } from '../../functions/engine/embedded/plan-storyboard';
import {
  readBatchBrief,
  readStoryboardBrief,
  readUploadsBrief,
} from '../../functions/engine/embedded/read-brief';
import { isUndoRequest, readDuration, readEdits } from '../../functions/engine/embedded/read-edits';
import { hasCjk } from '../../functions/engine/embedded/reading-length';
import { extractScript } from '../../functions/engine/embedded/split-scenes';

/** A storyboard from a prompt (`readStoryboardBrief` then `planStoryboard`). */
export function planStoryboard(prompt: string): Draft {
  return planStoryboardFromBrief(readStoryboardBrief(prompt, extractScript(prompt)));
}

/** A video from uploads from a request (`readUploadsBrief` then `planMediaCut`). */
export function planMediaCut(
  text: string,
  media: readonly MediaSummary[],
  lengthMs?: number,
): Draft {
  return planMediaCutFromBrief(readUploadsBrief(text, media), media, lengthMs);
}

/** A batch from a request (`readBatchBrief` then `planBatch`). */
export function planBatch(text: string, media: readonly MediaSummary[]): Batch {
  return planBatchFromBrief(readBatchBrief(text, media), media);
}

/** An edit message applied to a draft; "undo" gives `{kind: 'undo'}`. */
export function applyEdit(
  draft: Draft,
  text: string,
  cjk: boolean = hasCjk(text),
): EditOutcome | { kind: 'undo' } {
  if (isUndoRequest(text)) return { kind: 'undo' };
  const { ops, unread } = readEdits(text);
  const outcome = applyEditOps(draft, ops, cjk);
  if (outcome.kind !== 'edited') return outcome;
  return { ...outcome, notUnderstood: [...unread, ...outcome.notUnderstood] };
}

/** An edit message applied to a batch: to the videos it names, or all. */
export function applyBatchEdit(
  batch: Batch,
  text: string,
  cjk: boolean = hasCjk(text),
): BatchEditOutcome {
  const named = namedItems(batch, text);
  const { ops, unread } = readEdits(named.length > 0 ? withoutNames(text, named) : text);
  const ids = named.map((item) => item.id);
  return applyBatchEditOps(batch, ops, unread, ids, cjk);
}

/** The length a clause asks of a video now `currentMs` long, or null when it asks none. */
export function requestedDurationMs(clause: string, currentMs: number): number | null {
  const op = readDuration(clause);
  return op === null ? null : durationFor(op, currentMs);
}
