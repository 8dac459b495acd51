/**
 * @module preview-player
 * The preview: a `<canvas>` at the draft's aspect ratio (drawn by the same `drawFrame` the
 * export uses, via the player model), scaled to fit, above the player controls.
 */
import { useEffect, useRef } from 'preact/hooks';
import { useApp } from '../app-context';
import { t } from '../i18n/locale';
import { PlayerControls } from './player-controls';

/** The preview section (a placeholder before the first draft). */
export function PreviewPlayer() {
  const app = useApp();
  const { player } = app;
  const draft = app.draft.draft.value;
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const hasDraft = draft !== null;

  useEffect(() => {
    player.attachCanvas(canvasRef.current);
    return () => player.attachCanvas(null);
  }, [hasDraft, player]);

  const runtime = player.runtimeStatus.value;
  const note = player.previewNote.value;

  return (
    <section class="panel preview-panel" aria-labelledby="preview-heading">
      <h2 id="preview-heading" class="panel-title">
        {t('preview.heading')}
      </h2>
      {draft === null ? (
        <div class="stage-placeholder">
          <p>{t('preview.placeholder')}</p>
        </div>
      ) : (
        <>
          <div class="stage">
            {/* Width and height are set by the player model (setting them here would clear the drawing). */}
            <canvas
              ref={canvasRef}
              class="preview-canvas"
              style={{ aspectRatio: `${draft.canvas.width} / ${draft.canvas.height}` }}
              role="img"
              aria-label={t('preview.canvasLabel', {
                title: draft.title || t('preview.untitled'),
                width: draft.canvas.width,
                height: draft.canvas.height,
              })}
            />
          </div>
          <PlayerControls durationMs={draft.durationMs} />
          {runtime === 'loading' && <p class="preview-note muted">{t('preview.loading')}</p>}
          {runtime === 'error' && (
            <p class="preview-note export-error">
              {t('preview.failed', { error: player.runtimeError.value ?? '' })}
            </p>
          )}
          {note !== null && <p class="preview-note muted">{note}</p>}
        </>
      )}
    </section>
  );
}
