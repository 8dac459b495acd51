/**
 * @module app
 * The full page (the site, and a widget with `data-layout="full"`): header, error banner,
 * library, then a two-column grid (chat left; preview, timeline, media bin and export right)
 * that becomes one column on narrow screens, then the licence footer.
 */
import type { AppModel } from '../models/app-model';
import { AppShell } from './app-shell';
import { ChatPanel } from './chat-panel';
import { ExportArea } from './export-area';
import { LibraryPanel } from './library-panel';
import { MediaBin } from './media-bin';
import { PreviewPlayer } from './preview-player';
import { SiteFooter } from './site-footer';
import { SiteHeader } from './site-header';
import { TimelineView } from './timeline-view';

/** The root's props: the model, and for a widget the composer placeholder its host chose. */
export interface AppProps {
  model: AppModel;
  composerPlaceholder?: string | null;
}

/** The full page; `model` is created once by main.tsx (or embed.tsx). */
export function App({ model, composerPlaceholder = null }: AppProps) {
  return (
    <AppShell model={model} options={{ layout: 'full', composerPlaceholder }}>
      <SiteHeader />
      <LibraryPanel />
      <main class="workspace">
        <ChatPanel />
        <div class="studio">
          <PreviewPlayer />
          <TimelineView />
          <MediaBin />
          <ExportArea />
        </div>
      </main>
      <SiteFooter />
    </AppShell>
  );
}
