/**
 * @module app
 * The page: header, error banner, then a two-column grid (chat left; preview, timeline and
 * export right) that becomes one column on narrow screens.
 */
import { AppContext } from '../app-context';
import type { AppModel } from '../models/app-model';
import { ChatPanel } from './chat-panel';
import { ErrorBanner } from './error-banner';
import { ExportPanel } from './export-panel';
import { PreviewPlayer } from './preview-player';
import { SiteHeader } from './site-header';
import { TimelineView } from './timeline-view';

/** The root component; `model` is created once by main.tsx. */
export function App({ model }: { model: AppModel }) {
  return (
    <AppContext.Provider value={model}>
      <a class="skip-link" href="#composer-input">
        Skip to message box
      </a>
      <SiteHeader />
      <ErrorBanner />
      <main class="workspace">
        <ChatPanel />
        <div class="studio">
          <PreviewPlayer />
          <TimelineView />
          <ExportPanel />
        </div>
      </main>
    </AppContext.Provider>
  );
}
