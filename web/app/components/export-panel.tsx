/**
 * @module export-panel
 * Export: the "Export" button, the render's progress ("42% · 48 fps · 12 s left", announced to
 * screen readers every 10 %), and the "Download MP4" link when the file is ready.
 */
import { useApp } from '../app-context';
import { formatBytes } from '../format/format-progress';
import { formatClock } from '../format/format-time';

/** Output shape in words: "1920×1080 (16:9)". */
function describeCanvas(width: number, height: number): string {
  const shape = width === height ? 'square' : width > height ? 'wide' : 'vertical';
  return `${width}×${height} ${shape}`;
}

/** The export section. */
export function ExportPanel() {
  const app = useApp();
  const { render } = app;
  const draft = app.draft.draft.value;
  const phase = render.phase.value;
  const busy = render.busy.value;
  const downloadUrl = render.downloadUrl.value;
  const size = render.sizeBytes.value;
  const job = render.job.value;
  const stale = phase === 'completed' && job !== null && job.draftVersion !== app.draft.version.value;
  const showProgress =
    phase === 'starting' || phase === 'rendering' || phase === 'uploading' || phase === 'completed' || phase === 'interrupted';

  return (
    <section class="panel export-panel" aria-labelledby="export-heading">
      <h2 id="export-heading" class="panel-title">
        Export
      </h2>
      <p class="muted export-facts">
        {draft === null
          ? 'Make a draft first; then export it as an MP4 (H.264 + AAC).'
          : `${describeCanvas(draft.canvas.width, draft.canvas.height)} · ${draft.canvas.fps} fps · ${formatClock(draft.durationMs)} · MP4`}
      </p>
      <div class="export-actions">
        <button
          type="button"
          class="button button--primary"
          disabled={draft === null || busy}
          onClick={() => void app.exportVideo()}
        >
          Export
        </button>
        {phase === 'rendering' && (
          <button type="button" class="button button--ghost" onClick={() => render.cancel()}>
            Stop export
          </button>
        )}
        {downloadUrl !== null && phase === 'completed' && (
          <span class="download">
            <a class="button button--success" href={downloadUrl} download="">
              Download MP4
            </a>
            {size !== null && <span class="muted download-size">{formatBytes(size)}</span>}
          </span>
        )}
      </div>
      {showProgress && (
        <div class="render-progress">
          <label for="render-progress" class="progress-label">
            Render progress
          </label>
          {phase === 'starting' ? (
            <progress id="render-progress" class="progress-bar" />
          ) : (
            <progress id="render-progress" class="progress-bar" max={1} value={render.progress.value} />
          )}
          <p class="progress-text" data-testid="render-status">
            {phase === 'starting' && 'Starting…'}
            {phase === 'rendering' && render.resumedFrom.value !== null && `Resuming from ${Math.round(render.resumedFrom.value * 100)}% · `}
            {phase === 'rendering' && render.progressText.value}
            {phase === 'uploading' && `${render.progressText.value} · saving the file…`}
            {phase === 'completed' && 'Done: your video is ready.'}
            {phase === 'interrupted' &&
              `Stopped at ${Math.floor(render.progress.value * 100)}% when the page rendering it closed; resuming here…`}
          </p>
        </div>
      )}
      {stale && (
        <p class="muted export-stale">This download is the version before your latest changes. Press Export for the new one.</p>
      )}
      {phase === 'failed' && render.error.value !== null && (
        <p class="export-error">The export failed: {render.error.value}</p>
      )}
      <p class="sr-only" aria-live="polite">
        {render.announcement.value}
      </p>
    </section>
  );
}
