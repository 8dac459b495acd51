/**
 * @module run-edit-handler (test support)
 * Runs one edit handler on the first clause of a sentence, the way `read-edits` and
 * `apply-edit` do, for the handlers' unit tests.
 */
import type { Draft } from '../../shared/draft-schema';
import { applyEditOps, applyOp } from '../../functions/engine/embedded/apply-edit';
import { splitEdit } from '../../functions/engine/embedded/edit-clauses';
import type { EditHandler, EditStep } from '../../functions/engine/embedded/edit-step';

/**
 * @returns the edited draft, or null when the handler does not take the clause or its op does
 *   not apply to the draft (the note, if any, in English)
 */
export function runEditHandler(handler: EditHandler, text: string, draft: Draft): Draft | null {
  const { clauses, originals, quotes } = splitEdit(text);
  const clause = clauses[0] ?? '';
  if (!handler.matches(clause)) return null;
  const op = handler.read(clause, quotes, originals[0] ?? clause);
  if (op === null) return null;
  const outcome = applyEditOps(draft, [op], false);
  return outcome.kind === 'edited' ? outcome.draft : null;
}

/**
 * One clause (lower-case, no quotes) read by a handler and applied to a draft in English.
 * @returns the step, or null when the handler reads no op or the op does not apply
 */
export function applyClause(handler: EditHandler, draft: Draft, clause: string): EditStep | null {
  const op = handler.read(clause, [], clause);
  return op === null ? null : applyOp(draft, op, false);
}
