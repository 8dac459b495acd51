/**
 * @module message-composer
 * Where the visitor types: a textarea labelled "Message" and a "Send" button. Enter sends,
 * Shift+Enter makes a new line (and Enter while an IME is composing is left to the IME).
 */
import type { TargetedKeyboardEvent, TargetedSubmitEvent } from 'preact';
import { MAX_MESSAGE_CHARS } from '../../../shared/api-schema';
import { useContext } from 'preact/hooks';
import { useApp } from '../app-context';
import { t } from '../i18n/locale';
import { LayoutContext } from '../layout-context';

/** The message form; Send is disabled while a turn runs or nothing is typed. */
export function MessageComposer() {
  const app = useApp();
  const { composerPlaceholder } = useContext(LayoutContext);
  const text = app.chat.composerText.value;
  const busy = app.chat.busy.value;
  const canSend = !busy && text.trim() !== '';

  function onSubmit(event: TargetedSubmitEvent<HTMLFormElement>): void {
    event.preventDefault();
    void app.submitComposer();
  }

  function onKeyDown(event: TargetedKeyboardEvent<HTMLTextAreaElement>): void {
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    if (canSend) void app.submitComposer();
  }

  return (
    <form class="composer" onSubmit={onSubmit}>
      <label for="composer-input" class="composer-label">
        {t('composer.label')}
      </label>
      <div class="composer-row">
        <textarea
          id="composer-input"
          class="composer-input"
          rows={2}
          maxLength={MAX_MESSAGE_CHARS}
          placeholder={composerPlaceholder ?? t('composer.placeholder')}
          aria-describedby="composer-hint"
          value={text}
          onInput={(event) => app.chat.setComposerText(event.currentTarget.value)}
          onKeyDown={onKeyDown}
        />
        <button type="submit" class="button button--primary" disabled={!canSend}>
          {t('composer.send')}
        </button>
      </div>
      <p id="composer-hint" class="composer-hint">
        {t('composer.hint')}
      </p>
    </form>
  );
}
