/**
 * @module app
 * The page: header, error banner, then a two-column grid (chat left; preview, timeline and
 * export right) that becomes one column on narrow screens; the widget's `compact` layout is
 * one column of chat, preview and export.
 */
import { AppContext } from '../app-context';
import { t } from '../i18n/locale';
import { LayoutContext } from '../layout-context';
import type { AppLayout } from '../layout-context';
import type { AppModel } from '../models/app-model';
import { ChatPanel } from './chat-panel';
import { ErrorBanner } from './error-banner';
import { ExportPanel } from './export-panel';
import { LibraryPanel } from './library-panel';
import { MediaBin } from './media-bin';
import { PreviewPlayer } from './preview-player';
import { SiteHeader } from './site-header';
import { TimelineView } from './timeline-view';

/** The root's props: the model, and for the widget its layout and composer placeholder. */
export interface AppProps {
  model: AppModel;
  /** `compact` (the widget) drops the header, the timeline and the media bin; default `full`. */
  layout?: AppLayout;
  composerPlaceholder?: string | null;
}

/** The root component; `model` is created once by main.tsx (or embed.tsx). */
export function App({ model, layout = 'full', composerPlaceholder = null }: AppProps) {
  const compact = layout === 'compact';
  return (
    <AppContext.Provider value={model}>
      <LayoutContext.Provider value={{ layout, composerPlaceholder }}>
        <a class="skip-link" href="#composer-input">
          {t('app.skipToMessage')}
        </a>
        {!compact && <SiteHeader />}
        <ErrorBanner />
        {!compact && <LibraryPanel />}
        <main class={compact ? 'workspace workspace--compact' : 'workspace'}>
          <ChatPanel />
          <div class="studio">
            <PreviewPlayer />
            {!compact && <TimelineView />}
            {!compact && <MediaBin />}
            <ExportPanel />
          </div>
        </main>
      </LayoutContext.Provider>
    </AppContext.Provider>
  );
}
