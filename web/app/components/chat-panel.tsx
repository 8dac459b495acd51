/**
 * @module chat-panel
 * The left column: the conversation (or the empty state), suggested next steps and the composer.
 */
import { useApp } from '../app-context';
import { t } from '../i18n/locale';
import { EmptyState } from './empty-state';
import { MessageComposer } from './message-composer';
import { MessageList } from './message-list';
import { SuggestionChips } from './suggestion-chips';

/** The chat column. */
export function ChatPanel() {
  const app = useApp();
  const restoring = app.session.phase.value === 'restoring';
  return (
    <section class="panel chat-panel" aria-labelledby="chat-heading">
      <h2 id="chat-heading" class="panel-title">
        {t('chat.heading')}
      </h2>
      {restoring ? (
        <p class="muted" role="status">
          {t('chat.restoring')}
        </p>
      ) : app.chat.isEmpty.value ? (
        <EmptyState />
      ) : (
        <MessageList />
      )}
      <SuggestionChips />
      <MessageComposer />
    </section>
  );
}
