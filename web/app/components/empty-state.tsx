/**
 * @module empty-state
 * What a first-time visitor sees in the chat: what to type, and example prompts to try.
 */
import { useApp } from '../app-context';
import { t } from '../i18n/locale';
import type { MessageKey } from '../i18n/messages-en';

/** Example prompts (catalogue keys): one per aspect ratio, each short enough to read at a glance. */
export const EXAMPLE_PROMPT_KEYS: readonly MessageKey[] = [
  'empty.example1',
  'empty.example2',
  'empty.example3',
];

/** The empty chat: a short explanation and example prompt buttons that send the prompt. */
export function EmptyState() {
  const app = useApp();
  const busy = app.chat.busy.value;
  return (
    <div class="empty-state">
      <h3 class="empty-title">{t('empty.title')}</h3>
      <p>{t('empty.body')}</p>
      <p class="empty-try" id="examples-label">
        {t('empty.try')}
      </p>
      <ul class="example-list" aria-labelledby="examples-label">
        {EXAMPLE_PROMPT_KEYS.map((key) => t(key)).map((prompt) => (
          <li key={prompt}>
            <button
              type="button"
              class="example-prompt"
              disabled={busy}
              onClick={() => void app.send(prompt)}
            >
              <span class="example-arrow" aria-hidden="true">
                →{' '}
              </span>
              {prompt}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
