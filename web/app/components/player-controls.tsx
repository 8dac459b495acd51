/**
 * @module player-controls
 * The preview's controls: Play/Pause, the "Position" scrubber (its value said in words for
 * screen readers) and the current time. Its own component so 60 position updates a second
 * re-render only these, not the canvas.
 */
import type { TargetedEvent } from 'preact';
import { useApp } from '../app-context';
import { formatClock, spokenDuration } from '../format/format-time';
import { t } from '../i18n/locale';

/** Scrubber step: 100 ms, one tenth of a second (fine enough for arrow keys, coarse enough to read). */
const SCRUB_STEP_MS = 100;

/** Play/Pause, scrubber and time for a draft of `durationMs`. */
export function PlayerControls({ durationMs }: { durationMs: number }) {
  const { player } = useApp();
  const positionMs = player.positionMs.value;
  const playing = player.playing.value;

  function onScrub(event: TargetedEvent<HTMLInputElement>): void {
    player.seek(Number(event.currentTarget.value));
  }

  return (
    <div class="player-controls">
      <button
        type="button"
        class="button"
        disabled={player.runtimeStatus.value !== 'ready'}
        onClick={() => player.toggle()}
      >
        {playing ? t('player.pause') : t('player.play')}
      </button>
      <input
        type="range"
        class="scrubber"
        aria-label={t('player.position')}
        min={0}
        max={durationMs}
        step={SCRUB_STEP_MS}
        value={positionMs}
        aria-valuetext={t('player.positionOf', {
          position: spokenDuration(positionMs),
          duration: spokenDuration(durationMs),
        })}
        onInput={onScrub}
      />
      <span class="player-time">
        <span class="sr-only">{t('player.time')}</span>
        {formatClock(positionMs)} / {formatClock(durationMs)}
      </span>
    </div>
  );
}
