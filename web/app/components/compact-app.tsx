/**
 * @module compact-app
 * The widget's default layout: one column of chat, preview and export (no header, library,
 * timeline or media bin), so the iframe's first bundle stays small (README "Embedding the widget").
 */
import type { AppProps } from './app';
import { AppShell } from './app-shell';
import { ChatPanel } from './chat-panel';
import { ExportArea } from './export-area';
import { PreviewPlayer } from './preview-player';

/** The compact page; `model` is created once by embed.tsx. */
export function CompactApp({ model, composerPlaceholder = null }: AppProps) {
  return (
    <AppShell model={model} options={{ layout: 'compact', composerPlaceholder }}>
      <main class="workspace workspace--compact">
        <ChatPanel />
        <div class="studio">
          <PreviewPlayer />
          <ExportArea />
        </div>
      </main>
    </AppShell>
  );
}
