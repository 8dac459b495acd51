/**
 * @module suggestion-chips
 * The next steps the last turn suggested ("Export", "Make it vertical"…), as buttons.
 */
import { useApp } from '../app-context';
import { t } from '../i18n/locale';

/** Renders the chat model's suggestions; an export chip is disabled while a render (or the batch's queue) runs. */
export function SuggestionChips() {
  const app = useApp();
  const suggestions = app.chat.suggestions.value;
  if (suggestions.length === 0) return null;
  const turnRunning = app.chat.busy.value;
  const rendering = app.render.busy.value || app.batch.running.value;
  return (
    <ul class="chips" aria-label={t('chat.suggestions')}>
      {suggestions.map((suggestion, index) => (
        <li key={`${suggestion.kind}-${index}`}>
          <button
            type="button"
            class={suggestion.kind === 'export' ? 'chip chip--primary' : 'chip'}
            disabled={turnRunning || (suggestion.kind === 'export' && rendering)}
            onClick={() => void app.runSuggestion(suggestion)}
          >
            {suggestion.label}
          </button>
        </li>
      ))}
    </ul>
  );
}
