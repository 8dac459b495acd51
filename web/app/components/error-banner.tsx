/**
 * @module error-banner
 * The one place failures are shown: plain words in a `role="alert"` region, with "Dismiss".
 */
import { useApp } from '../app-context';
import { t } from '../i18n/locale';

/** Renders the notice model's error, if any. The alert region stays mounted so it is announced. */
export function ErrorBanner() {
  const { notices } = useApp();
  const message = notices.error.value;
  return (
    <div
      role="alert"
      class={message === null ? 'error-banner error-banner--empty' : 'error-banner'}
    >
      {message !== null && (
        <>
          <p class="error-text">{message}</p>
          <button
            type="button"
            class="button button--ghost button--small"
            onClick={() => notices.dismiss()}
          >
            {t('error.dismiss')}
          </button>
        </>
      )}
    </div>
  );
}
