/**
 * @module message-list
 * The conversation: each message with its role label, then the reply being streamed (in a
 * polite live region, so screen readers read it as it arrives) and the turn's status line.
 */
import { useEffect, useRef } from 'preact/hooks';
import { useApp } from '../app-context';
import { t } from '../i18n/locale';
import type { MessageKey } from '../i18n/messages-en';
import type { ChatEntry } from '../models/chat-model';

/** Catalogue keys of the role labels. */
const ROLE_LABEL: Readonly<Record<ChatEntry['role'], MessageKey>> = {
  user: 'chat.roleUser',
  assistant: 'chat.roleAssistant',
};

/** Lists the messages and keeps the newest in view while a reply streams in. */
export function MessageList() {
  const { chat } = useApp();
  const messages = chat.messages.value;
  const streaming = chat.streamingText.value;
  const status = chat.statusText.value;
  const endRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    endRef.current?.scrollIntoView({ block: 'end' });
  }, [messages.length, streaming, status]);

  return (
    <div class="message-scroll">
      <ol
        class="message-list"
        aria-label={t('chat.conversation')}
        aria-busy={chat.busy.value ? 'true' : undefined}
      >
        {messages.map((message) => (
          <li key={message.id} class={`message message--${message.role}`} data-role={message.role}>
            <span class="message-role">{t(ROLE_LABEL[message.role])}</span>
            <p class="message-text">{message.text}</p>
          </li>
        ))}
      </ol>
      <div
        class="message message--assistant message--streaming"
        aria-live="polite"
        hidden={streaming === null}
      >
        {streaming !== null && (
          <>
            <span class="message-role">{t('chat.roleAssistant')}</span>
            <p class="message-text">
              {streaming}
              {streaming === '' && <span class="typing">{t('chat.thinking')}</span>}
            </p>
          </>
        )}
      </div>
      <p role="status" class="turn-status">
        {status}
      </p>
      <div ref={endRef} />
    </div>
  );
}
