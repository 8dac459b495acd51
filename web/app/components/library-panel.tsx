/**
 * @module library-panel
 * "Your videos": the visitor's library, opened from the header. Each video shows its title,
 * when it last changed, its draft summary, and its latest render (status, and a download link
 * once completed); "Open" brings it back with its chat, draft and render status.
 */
import type { RenderSummary } from '../../../shared/api-schema';
import { useApp } from '../app-context';
import type { LibraryEntry } from '../models/library-model';

/** The latest render in words: "Ready", "Rendering: 40%", "Failed: …". */
export function describeRender(render: RenderSummary | null): string {
  if (render === null) return 'Not exported yet';
  const percent = `${Math.floor(render.progress * 100)}%`;
  switch (render.status) {
    case 'completed':
      return 'Render ready';
    case 'failed':
      return `Render failed${render.error ? `: ${render.error}` : ''}`;
    case 'queued':
      return 'Render queued';
    case 'rendering':
      return `Rendering: ${percent}`;
    case 'uploading':
      return 'Render saving';
    case 'interrupted':
      return `Render stopped at ${percent}`;
  }
}

function LibraryItem({ entry }: { entry: LibraryEntry }) {
  const app = useApp();
  const { session, latestRender } = entry;
  const current = app.session.sessionId.value === session.id;
  const draftLine = session.version === 0 ? 'No draft yet' : `Version ${session.version} · ${session.summary}`;
  return (
    <li class="library-item" data-session-id={session.id}>
      <div class="library-text">
        <h3 class="library-title">{session.title}</h3>
        <p class="muted library-meta">
          Updated <time dateTime={new Date(session.updatedAtMs).toISOString()}>{new Date(session.updatedAtMs).toLocaleString()}</time>
        </p>
        <p class="library-summary">{draftLine}</p>
        <p class="library-render" data-testid="library-render-status">
          {describeRender(latestRender)}
          {latestRender?.downloadUrl != null && (
            <>
              {' · '}
              <a href={latestRender.downloadUrl} download="" aria-label={`Download “${session.title}”`}>
                Download
              </a>
            </>
          )}
        </p>
      </div>
      <button
        type="button"
        class="button button--ghost"
        aria-label={`Open “${session.title}”`}
        disabled={current}
        onClick={() => void app.openSession(session.id)}
      >
        {current ? 'Open now' : 'Open'}
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
          Your videos
        </h2>
        <button type="button" class="button button--ghost" onClick={() => library.hide()}>
          Close library
        </button>
      </div>
      {library.error.value !== null && <p class="export-error">The library could not be loaded: {library.error.value}</p>}
      {library.loading.value && entries.length === 0 ? (
        <p class="muted" role="status">
          Loading your videos…
        </p>
      ) : entries.length === 0 ? (
        <p class="muted">No videos yet: describe one in the chat to start.</p>
      ) : (
        <ul class="library-list" aria-label="Your videos">
          {entries.map((entry) => (
            <LibraryItem key={entry.session.id} entry={entry} />
          ))}
        </ul>
      )}
    </section>
  );
}
