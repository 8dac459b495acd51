/**
 * @module library-panel
 * "Your videos": the visitor's library, opened from the header. Each video shows its title,
 * when it last changed, its draft summary, and its latest render (status, and a download link
 * once completed); "Open" brings it back with its chat, draft and render status. Below the
 * list, the visitor's brand kit (brand-kit-editor.tsx) and their API keys for the render API
 * (api-keys-section.tsx).
 */
import type { RenderSummary } from '../../../shared/api-schema';
import { useApp } from '../app-context';
import { htmlLang, locale, t } from '../i18n/locale';
import type { LibraryEntry } from '../models/library-model';
import { BrandKitEditor } from './brand-kit-editor';
import { ApiKeysSection } from './api-keys-section';

/** The latest render in words: "Ready", "Rendering: 40%", "Failed: …". */
export function describeRender(render: RenderSummary | null): string {
  if (render === null) return t('library.notExported');
  const percent = `${Math.floor(render.progress * 100)}%`;
  switch (render.status) {
    case 'completed':
      return t('library.renderReady');
    case 'failed':
      return render.error
        ? t('library.renderFailedWith', { error: render.error })
        : t('library.renderFailed');
    case 'queued':
      return t('library.renderQueued');
    case 'rendering':
      return t('library.rendering', { percent });
    case 'uploading':
      return t('library.renderSaving');
    case 'interrupted':
      return t('library.renderStopped', { percent });
  }
}

function LibraryItem({ entry }: { entry: LibraryEntry }) {
  const app = useApp();
  const { session, latestRender } = entry;
  const current = app.session.sessionId.value === session.id;
  const draftLine =
    session.version === 0
      ? t('library.noDraft')
      : t('library.version', { version: session.version, summary: session.summary });
  // English keeps the browser's own date format; other locales show theirs.
  const dateLocale = locale.value === 'en' ? undefined : htmlLang(locale.value);
  return (
    <li class="library-item" data-session-id={session.id}>
      <div class="library-text">
        <h3 class="library-title">{session.title}</h3>
        <p class="muted library-meta">
          {t('library.updated')}{' '}
          <time dateTime={new Date(session.updatedAtMs).toISOString()}>
            {new Date(session.updatedAtMs).toLocaleString(dateLocale)}
          </time>
        </p>
        <p class="library-summary">{draftLine}</p>
        <p class="library-render" data-testid="library-render-status">
          {describeRender(latestRender)}
          {latestRender?.downloadUrl != null && (
            <>
              {' · '}
              <a
                href={latestRender.downloadUrl}
                download=""
                aria-label={t('library.downloadNamed', { title: session.title })}
              >
                {t('library.download')}
              </a>
            </>
          )}
        </p>
      </div>
      <button
        type="button"
        class="button button--ghost"
        aria-label={t('library.openNamed', { title: session.title })}
        disabled={current}
        onClick={() => void app.openSession(session.id)}
      >
        {current ? t('library.openNow') : t('library.open')}
      </button>
    </li>
  );
}

/** The library section; renders nothing while closed. */
export function LibraryPanel() {
  const { library } = useApp();
  if (!library.isOpen.value) return null;
  const entries = library.entries.value;
  return (
    <section class="panel library-panel" aria-labelledby="library-heading">
      <div class="library-head">
        <h2 id="library-heading" class="panel-title">
          {t('library.heading')}
        </h2>
        <button type="button" class="button button--ghost" onClick={() => library.hide()}>
          {t('library.close')}
        </button>
      </div>
      {library.error.value !== null && (
        <p class="export-error">{t('library.loadFailed', { error: library.error.value })}</p>
      )}
      {library.loading.value && entries.length === 0 ? (
        <p class="muted" role="status">
          {t('library.loading')}
        </p>
      ) : entries.length === 0 ? (
        <p class="muted">{t('library.empty')}</p>
      ) : (
        <ul class="library-list" aria-label={t('library.heading')}>
          {entries.map((entry) => (
            <LibraryItem key={entry.session.id} entry={entry} />
          ))}
        </ul>
      )}
      <BrandKitEditor sessionIds={entries.map((entry) => entry.session.id)} />
      <ApiKeysSection />
    </section>
  );
}
