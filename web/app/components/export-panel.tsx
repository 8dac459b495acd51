/**
 * @module export-panel
 * Export: the "Export" button, the render's progress ("42% · 48 fps · 12 s left", announced to
 * screen readers every 10 %), "reconnecting…" while the edge cannot be reached, and the
 * "Download MP4" link when the file is ready, with the SRT and WebVTT subtitles beside it (a
 * narrated video's captions, or the on-screen texts of one without narration).
 */
import type { Draft } from '../../../shared/draft-schema';
import { isNarrationTrack } from '../../../shared/narration-track';
import { useApp } from '../app-context';
import { formatBytes } from '../format/format-progress';
import { formatClock } from '../format/format-time';
import { t } from '../i18n/locale';

/** Output size and shape in words: "1920×1080 wide" (also used by the batch panel). */
export function describeCanvas(width: number, height: number): string {
  const shape = t(
    width === height
      ? 'export.shapeSquare'
      : width > height
        ? 'export.shapeWide'
        : 'export.shapeVertical',
  );
  return t('export.canvas', { width, height, shape });
}

/**
 * True when the draft has subtitles, offered beside the MP4: a voiceover's, or without one its
 * on-screen texts (shared/subtitle-files.ts, not imported: it would bring subsrt-ts to the page).
 */
function hasSubtitles(draft: Draft): boolean {
  return draft.tracks.some(
    (track) => isNarrationTrack(track) || (track.kind === 'text' && track.segments.length > 0),
  );
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
  const stale =
    phase === 'completed' && job !== null && job.draftVersion !== app.draft.version.value;
  const showProgress =
    phase === 'starting' ||
    phase === 'rendering' ||
    phase === 'uploading' ||
    phase === 'completed' ||
    phase === 'interrupted';

  return (
    <section class="panel export-panel" aria-labelledby="export-heading">
      <h2 id="export-heading" class="panel-title">
        {t('export.heading')}
      </h2>
      <p class="muted export-facts">
        {draft === null
          ? t('export.needDraft')
          : t('export.facts', {
              canvas: describeCanvas(draft.canvas.width, draft.canvas.height),
              fps: draft.canvas.fps,
              duration: formatClock(draft.durationMs),
            })}
      </p>
      <div class="export-actions">
        <button
          type="button"
          class="button button--primary"
          disabled={draft === null || busy}
          onClick={() => void app.exportVideo()}
        >
          {t('export.button')}
        </button>
        {phase === 'rendering' && (
          <button type="button" class="button button--ghost" onClick={() => render.cancel()}>
            {t('export.stop')}
          </button>
        )}
        {downloadUrl !== null && phase === 'completed' && (
          <span class="download">
            <a class="button button--success" href={downloadUrl} download="">
              {t('export.download')}
            </a>
            {size !== null && <span class="muted download-size">{formatBytes(size)}</span>}
            {job !== null && hasSubtitles(job.draft) && (
              <span class="muted download-subtitles">
                {t('export.subtitles')}{' '}
                <a href={`/api/renders/${job.id}/subtitles.srt`} download="">
                  SRT
                </a>{' '}
                <a href={`/api/renders/${job.id}/subtitles.vtt`} download="">
                  VTT
                </a>
              </span>
            )}
          </span>
        )}
      </div>
      {showProgress && (
        <div class="render-progress">
          <label for="render-progress" class="progress-label">
            {t('export.progressLabel')}
          </label>
          {phase === 'starting' ? (
            <progress id="render-progress" class="progress-bar" />
          ) : (
            <progress
              id="render-progress"
              class="progress-bar"
              max={1}
              value={render.progress.value}
            />
          )}
          <p class="progress-text" data-testid="render-status">
            {phase === 'starting' && t('export.starting')}
            {phase === 'rendering' &&
              render.resumedFrom.value !== null &&
              t('export.resumingFrom', { percent: Math.round(render.resumedFrom.value * 100) })}
            {phase === 'rendering' && render.progressText.value}
            {phase === 'uploading' && t('export.saving', { progress: render.progressText.value })}
            {phase === 'completed' && t('export.done')}
            {phase === 'interrupted' &&
              t('export.interrupted', { percent: Math.floor(render.progress.value * 100) })}
            {(phase === 'rendering' || phase === 'uploading') && render.reconnecting.value && (
              <span data-testid="render-reconnecting">{t('export.reconnecting')}</span>
            )}
          </p>
        </div>
      )}
      {stale && <p class="muted export-stale">{t('export.stale')}</p>}
      {phase === 'failed' && render.error.value !== null && (
        <p class="export-error">{t('export.failed', { error: render.error.value })}</p>
      )}
      <p class="sr-only" aria-live="polite">
        {render.announcement.value}
      </p>
    </section>
  );
}
