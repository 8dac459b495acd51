/**
 * @module engine-turn (test support)
 * One chat turn of the embedded engine on a draft, and what it answered: for tests stated as the
 * words a visitor types.
 */
import type { Draft } from '../../shared/draft-schema';
import type { SuggestedAction } from '../../shared/events-schema';
import { runTurn } from '../../functions/engine/embedded/embedded-engine';
import type { ChatTurnInput } from '../../functions/engine/engine';

export type TurnEvents = ReturnType<typeof runTurn>;

/** Runs `text` as a turn on `draft` (null: a new session). */
export function turn(text: string, draft: Draft | null = null): TurnEvents {
  return runTurn({
    text,
    draft,
    history: [],
    previousDrafts: draft ? [draft] : [],
  } as unknown as ChatTurnInput);
}

/** The turn's draft. @throws Error when it made none */
export function draftOf(events: TurnEvents): Draft {
  const event = events.find((e) => e.type === 'draft');
  if (event?.type !== 'draft' || !event.draft) throw new Error('no draft');
  return event.draft;
}

/** The turn's suggestion chips. */
export function chipsOf(events: TurnEvents): SuggestedAction[] {
  const event = events.find((e) => e.type === 'actions');
  return event?.type === 'actions' ? event.actions : [];
}
