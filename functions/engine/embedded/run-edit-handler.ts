/**
 * @module run-edit-handler (test support)
 * Runs one edit handler on the first clause of a sentence, the way `apply-edit` does, for the
 * handlers' unit tests.
 */
import type { Draft } from '../../../shared/draft-schema';
import { splitEdit } from './edit-clauses';
import type { EditHandler } from './edit-step';

/**
 * @returns the edited draft, or null when the handler does not take the clause or changes nothing
 *   (the note, if any, in English)
 */
export function runEditHandler(handler: EditHandler, text: string, draft: Draft): Draft | null {
  const { clauses, originals, quotes } = splitEdit(text);
  const clause = clauses[0] ?? '';
  if (!handler.matches(clause)) return null;
  return handler.apply(draft, clause, quotes, originals[0] ?? clause, false)?.draft ?? null;
}
