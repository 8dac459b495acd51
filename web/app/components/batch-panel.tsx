/**
 * @module batch-panel
 * The batch: one row per video (thumbnail of its upload, label, length and canvas), each with a
 * "Preview" toggle and its own export state (waiting, rendering with a progress bar, a
 * "Download <label>" link, the failure, or out of date), "Export all N" and Stop. Progress is
 * announced politely in coarse steps.
 */
import { useApp } from '../app-context';
import { formatBytes } from '../format/format-progress';
import { formatClock } from '../format/format-time';
import { t } from '../i18n/locale';
import type { BatchItem } from '../../../shared/batch-schema';
import type { BatchItemState } from '../models/batch-model';
import { describeCanvas } from './export-panel';
import './batch-panel.css';

/** A video's export state: words, and a bar or a link where there is one. */
function ItemState({ item, state }: { item: BatchItem; state: BatchItemState }) {
  switch (state.kind) {
    case 'not-exported':
      return <span class="muted">{t('batch.notExported')}</span>;
    case 'waiting':
      return <span class="muted">{t('batch.waiting')}</span>;
    case 'rendering': {
      const percent = Math.floor(state.progress * 100);
      return (
        <span class="batch-item-rendering">
          <progress
            class="progress-bar"
            max={1}
            value={state.progress}
            aria-label={t('batch.progressLabel', { label: item.label })}
          />
          <span>{t('batch.rendering', { percent })}</span>
        </span>
      );
    }
    case 'done':
      return (
        <span class="download">
          <a class="button button--success" href={state.downloadUrl} download={`${item.label}.mp4`}>
            {t('batch.download', { label: item.label })}
          </a>
          {state.sizeBytes !== null && (
            <span class="muted download-size">{formatBytes(state.sizeBytes)}</span>
          )}
        </span>
      );
    case 'failed':
      return <span class="export-error">{t('batch.failed', { error: state.error })}</span>;
    case 'out-of-date':
      return (
        <span class="download">
          <span class="muted">{t('batch.outOfDate')}</span>
          <a class="button button--ghost" href={state.downloadUrl} download={`${item.label}.mp4`}>
            {t('batch.downloadOlder', { label: item.label })}
          </a>
        </span>
      );
  }
}

/** The batch section; nothing while the session makes one video. */
export function BatchPanel() {
  const app = useApp();
  const { batch } = app;
  const current = batch.current.value;
  if (current === null) return null;
  const states = batch.states.value;
  const selectedId = batch.selectedItem.value?.id ?? null;
  const running = batch.running.value;
  const thumbnails = new Map(app.media.items.value.map((item) => [item.id, item.thumbnail]));
  const count = current.items.length;

  return (
    <section class="panel batch-panel" aria-labelledby="batch-heading">
      <h2 id="batch-heading" class="panel-title">
        {t('batch.heading')}
      </h2>
      <p class="muted">{t('batch.intro', { count })}</p>
      <ul class="batch-items" aria-labelledby="batch-heading" data-testid="batch-items">
        {current.items.map((item) => {
          const thumbnail = thumbnails.get(item.mediaId) ?? null;
          const state = states.get(item.id) ?? { kind: 'not-exported' };
          const { width, height } = item.draft.canvas;
          return (
            <li key={item.id} class="batch-item" data-state={state.kind}>
              {thumbnail !== null ? (
                <img src={thumbnail} alt="" width={96} height={54} />
              ) : (
                <span class="batch-item-blank" aria-hidden="true" />
              )}
              <span class="batch-item-facts">
                <span class="batch-item-label">{item.label}</span>
                <span class="muted">
                  {t('batch.itemFacts', {
                    duration: formatClock(item.draft.durationMs),
                    canvas: describeCanvas(width, height),
                  })}
                </span>
              </span>
              <button
                type="button"
                class="button button--ghost"
                aria-pressed={item.id === selectedId}
                aria-label={t('batch.previewNamed', { label: item.label })}
                onClick={() => batch.select(item.id)}
              >
                {t('batch.preview')}
              </button>
              <span class="batch-item-state">
                <ItemState item={item} state={state} />
              </span>
            </li>
          );
        })}
      </ul>
      <div class="export-actions">
        <button
          type="button"
          class="button button--primary"
          disabled={running}
          onClick={() => void app.exportVideo()}
        >
          {t('batch.exportAll', { count })}
        </button>
        {running && (
          <button type="button" class="button button--ghost" onClick={() => void app.stopBatch()}>
            {t('batch.stop')}
          </button>
        )}
      </div>
      {batch.note.value !== null && <p class="batch-note">{batch.note.value}</p>}
      <p class="sr-only" aria-live="polite">
        {batch.announcement.value}
      </p>
    </section>
  );
}
