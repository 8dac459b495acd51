/**
 * @module imported-draft-engine
 * A draft handed in whole from outside the chat (the render API's `{ draft }` or a mapped
 * Shotstack edit, functions/routes/api-renders.ts) run as a turn: an {@link Engine} whose one
 * turn emits that draft and a line saying where it came from. So the session room stores it as
 * the session's next version, logs it and lists it like any other turn; the visitor can open it
 * in the app and keep editing it in chat.
 */
import type { Draft } from '../../shared/draft-schema';
import type { Engine } from './engine';

/** An engine whose one turn sets the draft to `draft` and says `note`; it never reads the turn's text. */
export function importedDraftEngine(draft: Draft, note: string): Engine {
  return {
    name: 'embedded',
    renderer: 'browser',
    async *chat() {
      yield { type: 'draft', draft };
      yield { type: 'text', text: note };
    },
  };
}
