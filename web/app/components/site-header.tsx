/**
 * @module site-header
 * The top bar: the product name, "Library" (the visitor's videos), "New video", the language
 * switch ("中文" / "English") and the credits badge.
 */
import { useApp } from '../app-context';
import { htmlLang, locale, t } from '../i18n/locale';
import type { Locale } from '../i18n/locale';
import { chooseLocale } from '../i18n/locale-preference';
import { CreditsBadge } from './credits-badge';

/** Each language's name in itself (never translated: it is what a reader of it looks for). */
const LANGUAGE_NAME: Readonly<Record<Locale, string>> = { en: 'English', zh: '中文' };

/** The page header. "New video" appears once there is something to start over from. */
export function SiteHeader() {
  const app = useApp();
  const canStartOver = !app.chat.isEmpty.value || app.draft.hasDraft.value;
  const otherLocale: Locale = locale.value === 'zh' ? 'en' : 'zh';
  return (
    <header class="site-header">
      <h1 class="brand">
        <span class="brand-mark" aria-hidden="true" />
        Reelwright
      </h1>
      <div class="header-tools">
        <button
          type="button"
          class="button button--ghost"
          aria-expanded={app.library.isOpen.value ? 'true' : 'false'}
          onClick={() => (app.library.isOpen.value ? app.library.hide() : void app.library.show())}
        >
          {t('header.library')}
        </button>
        {canStartOver && (
          <button type="button" class="button button--ghost" onClick={() => app.startNewVideo()}>
            {t('header.newVideo')}
          </button>
        )}
        <button
          type="button"
          class="button button--ghost"
          lang={htmlLang(otherLocale)}
          title={t('header.switchLanguage')}
          onClick={() => void chooseLocale(otherLocale)}
        >
          {LANGUAGE_NAME[otherLocale]}
        </button>
        <CreditsBadge />
      </div>
    </header>
  );
}
