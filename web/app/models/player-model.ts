/**
 * @module player-model
 * The preview player: position, playing or not, and the drawing of the current frame onto the
 * attached `<canvas>` with the export's own `drawFrame` (loaded lazily with the fonts, so the
 * first page stays small). Playback runs on `requestAnimationFrame`; while the mixed audio plays,
 * the audio clock drives the frames so picture and sound stay together.
 */
import { action, batch, computed, createModel, effect, signal } from '@preact/signals';
import type { Draft } from '../../../shared/draft-schema';
import { plainError } from '../format/plain-error';
import { t } from '../i18n/locale';
import { createAudioPlayback } from '../preview/audio-playback';
import type { PreviewRuntime } from '../preview/load-preview-runtime';
import { loadPreviewRuntime } from '../preview/load-preview-runtime';
import type { NeuralVoiceRoute } from '../../narration/neural-voice';
import type { DraftModel } from './draft-model';

/**
 * Longest edge of the preview canvas's backing store: 1280 px. Sharp at the sizes the panel
 * is shown (≤ 900 CSS px × 1.5 DPR) while drawing ~2.25× fewer pixels than 1080p each frame.
 */
export const PREVIEW_MAX_EDGE_PX = 1280;

/**
 * Time of the poster frame, shown until the visitor first plays or scrubs (like `<video poster>`):
 * 1.5 s, when the director's opening title has faded in (frame 0 is often just the background).
 */
export const POSTER_TIME_MS = 1_500;

/** Backing-store size of the preview canvas and its scale from draft pixels. */
export interface SurfaceSize {
  width: number;
  height: number;
  scale: number;
}

/** Where the preview downloads a draft's uploads (`{mediaId: url}`), or null without a session. */
export type MediaUrlResolver = (draft: Draft) => Readonly<Record<string, string>> | null;

/** Loading state of the lazily imported drawing code and fonts. */
export type RuntimeStatus = 'idle' | 'loading' | 'ready' | 'error';

/** The player model: `positionMs`, `playing`, the canvas size, and play/pause/seek actions. */
export const PlayerModel = createModel(
  (
    drafts: DraftModel,
    mediaUrls: MediaUrlResolver = () => null,
    /** Where the export asks the neural voice (null: the offline voice), so the preview says the same. */
    neuralVoice: () => NeuralVoiceRoute | null = () => null,
  ) => {
    const positionMs = signal(0);
    const playing = signal(false);
    const runtimeStatus = signal<RuntimeStatus>('idle');
    const runtimeError = signal<string | null>(null);
    /** Why the preview is silent, when it is. */
    const soundProblem = signal<string | null>(null);
    /** Why some text uses a fallback font, when it does. */
    const fontProblem = signal<string | null>(null);
    /** Why the brand logo is not shown (its upload is gone), when it is not. */
    const logoProblem = signal<string | null>(null);
    /** Why the preview is not quite the export (silent, fallback font), when it is not. */
    const previewNote = computed(
      () =>
        [soundProblem.value, fontProblem.value, logoProblem.value].filter(Boolean).join(' ') ||
        null,
    );
    const surface = signal<HTMLCanvasElement | null>(null);
    /** False until the first play or seek: until then the poster frame is drawn. */
    const started = signal(false);
    /** The draft whose fonts are in `document.fonts` (or failed to load: drawn with fallbacks). */
    const fontsReadyFor = signal<Draft | null>(null);

    const surfaceSize = computed((): SurfaceSize | null => {
      const draft = drafts.draft.value;
      if (draft === null) return null;
      const { width, height } = draft.canvas;
      const scale = Math.min(1, PREVIEW_MAX_EDGE_PX / Math.max(width, height));
      return { width: Math.round(width * scale), height: Math.round(height * scale), scale };
    });

    let runtime: PreviewRuntime | null = null;
    let assets: { draft: Draft; value: ReturnType<PreviewRuntime['createFrameAssets']> } | null =
      null;
    /** Decoded uploads of the draft shown (opened once per draft version), and the newest draw asked for. */
    let mediaFrames: {
      draft: Draft;
      value: Promise<InstanceType<PreviewRuntime['MediaFrames']> | null>;
    } | null = null;
    let drawToken = 0;
    let mix: { draft: Draft; buffer: Promise<AudioBuffer | null> } | null = null;
    const audio = createAudioPlayback();
    let clock: { source: 'wall' | 'audio'; originMs: number; startPositionMs: number } = {
      source: 'wall',
      originMs: 0,
      startPositionMs: 0,
    };
    let frameRequest = 0;
    /** Bumped on every play/pause/seek so a late audio mix does not start stale sound. */
    let playToken = 0;

    const durationOf = (): number => drafts.draft.peek()?.durationMs ?? 0;
    const clockNow = (): number => (clock.source === 'audio' ? audio.nowMs() : performance.now());
    const clockPosition = (): number => clock.startPositionMs + (clockNow() - clock.originMs);

    function anchorWallClock(atPositionMs: number): void {
      clock = { source: 'wall', originMs: performance.now(), startPositionMs: atPositionMs };
    }

    /** The mixed sound of `draft`, made once per draft version; null when it cannot be made. */
    function mixFor(draft: Draft, rt: PreviewRuntime): Promise<AudioBuffer | null> {
      if (mix?.draft !== draft) {
        const urls = mediaUrls(draft);
        const neural = neuralVoice();
        let note: string | null = null;
        const voice =
          neural === null
            ? undefined
            : {
                neural,
                onNote: (said: string) => {
                  note = said;
                },
              };
        const loader = urls === null ? undefined : rt.urlLoader(urls);
        const buffer = rt.mixAudio(draft, loader, voice).then(
          (value) => {
            soundProblem.value = note;
            return value;
          },
          (cause: unknown) => {
            soundProblem.value = t('preview.silent', { error: plainError(cause) });
            return null;
          },
        );
        mix = { draft, buffer };
      }
      return mix.buffer;
    }

    async function startSound(token: number): Promise<void> {
      const draft = drafts.draft.peek();
      if (draft === null || runtime === null || !hasAudio(draft)) return;
      const buffer = await mixFor(draft, runtime);
      if (buffer === null || token !== playToken || !playing.peek() || !audio.isRunning()) return;
      const at = clockPosition();
      audio.start(buffer, at);
      clock = { source: 'audio', originMs: audio.nowMs(), startPositionMs: at };
    }

    function tick(): void {
      const duration = durationOf();
      const at = clockPosition();
      if (at >= duration) {
        stopPlayback();
        positionMs.value = duration;
        return;
      }
      positionMs.value = at;
      frameRequest = requestAnimationFrame(tick);
    }

    function stopPlayback(): void {
      playToken += 1;
      cancelAnimationFrame(frameRequest);
      audio.stop();
      playing.value = false;
    }

    /** Starts playing from the current position (from the start when at the end). */
    const play = action(() => {
      const duration = durationOf();
      if (duration === 0 || runtimeStatus.value !== 'ready' || playing.value) return;
      if (positionMs.value >= duration - 1) positionMs.value = 0;
      started.value = true;
      audio.prepare();
      playing.value = true;
      playToken += 1;
      anchorWallClock(positionMs.value);
      frameRequest = requestAnimationFrame(tick);
      void startSound(playToken);
    });

    /** Stops at the current position. */
    const pause = action(() => {
      if (!playing.value) return;
      const at = Math.min(clockPosition(), durationOf());
      stopPlayback();
      positionMs.value = at;
    });

    /** Play when paused, pause when playing. */
    const toggle = action(() => (playing.value ? pause() : play()));

    /** Moves to `ms` (clamped to the draft), carrying on playing if it was. */
    const seek = action((ms: number) => {
      const at = Math.max(0, Math.min(Number.isFinite(ms) ? ms : 0, durationOf()));
      started.value = true;
      positionMs.value = at;
      if (!playing.value) return;
      audio.stop();
      playToken += 1;
      anchorWallClock(at);
      void startSound(playToken);
    });

    /** Hands the model the canvas to draw on (null when it unmounts). */
    const attachCanvas = action((canvas: HTMLCanvasElement | null) => {
      surface.value = canvas;
    });

    // Load the drawing code and fonts the first time there is a draft.
    effect(() => {
      if (drafts.draft.value === null || runtimeStatus.peek() !== 'idle') return;
      runtimeStatus.value = 'loading';
      loadPreviewRuntime().then(
        (loaded) => {
          runtime = loaded;
          runtimeStatus.value = 'ready';
        },
        (cause: unknown) => {
          batch(() => {
            runtimeError.value = plainError(cause);
            runtimeStatus.value = 'error';
          });
        },
      );
    });

    // A new draft version: keep the position inside it, and re-mix the sound if playing.
    effect(() => {
      const draft = drafts.draft.value;
      if (draft === null) {
        if (playing.peek()) stopPlayback();
        positionMs.value = 0;
        started.value = false;
        return;
      }
      if (positionMs.peek() > draft.durationMs) positionMs.value = draft.durationMs;
      if (playing.peek()) {
        audio.stop();
        playToken += 1;
        anchorWallClock(clockPosition());
        void startSound(playToken);
      }
    });

    // Load the fonts each new draft's text needs before drawing it (text is measured once).
    effect(() => {
      const draft = drafts.draft.value;
      if (runtimeStatus.value !== 'ready' || runtime === null || draft === null) return;
      const settle = (problem: string | null): void => {
        if (drafts.draft.peek() !== draft) return;
        batch(() => {
          fontProblem.value = problem;
          fontsReadyFor.value = draft;
        });
      };
      runtime.loadDraftFonts(draft).then(
        () => settle(null),
        (cause: unknown) => settle(t('preview.fallbackFont', { error: plainError(cause) })),
      );
    });

    // Draw the frame at the current position whenever it, the draft or the canvas changes.
    effect(() => {
      const canvas = surface.value;
      const draft = drafts.draft.value;
      const size = surfaceSize.value;
      const at = started.value ? positionMs.value : POSTER_TIME_MS;
      // Read every signal before any early return, so each of them re-runs this effect.
      const ready = runtimeStatus.value === 'ready' && fontsReadyFor.value === draft;
      if (!ready || runtime === null || canvas === null || draft === null || size === null) return;
      if (canvas.width !== size.width) canvas.width = size.width;
      if (canvas.height !== size.height) canvas.height = size.height;
      const ctx = canvas.getContext('2d', { alpha: false });
      if (ctx === null) return;
      const rt = runtime;
      const timeMs = Math.min(at, draft.durationMs - 1);
      const token = ++drawToken;
      const draw = (frames: InstanceType<PreviewRuntime['MediaFrames']> | null): void => {
        if (token !== drawToken) return; // a newer frame was asked for meanwhile
        if (assets?.draft !== draft)
          assets = { draft, value: rt.createFrameAssets(draft, frames ?? undefined) };
        try {
          rt.drawFrame(ctx, draft, timeMs, assets.value);
        } catch (cause) {
          runtimeError.value = plainError(cause);
          runtimeStatus.value = 'error';
        }
      };
      const urls = rt.visualMediaIds(draft).length > 0 ? mediaUrls(draft) : null;
      if (urls === null) {
        draw(null);
        return;
      }
      if (mediaFrames?.draft !== draft) {
        void mediaFrames?.value.then((old) => old?.dispose());
        const opened = rt.MediaFrames.open(draft, rt.urlLoader(urls)).then(
          (frames) => {
            logoProblem.value = frames.logoSkipped === null ? null : t('preview.logoMissing');
            return frames;
          },
          (cause: unknown) => {
            soundProblem.value = t('preview.mediaUnavailable', { error: plainError(cause) });
            return null;
          },
        );
        mediaFrames = { draft, value: opened };
      }
      void mediaFrames.value.then(async (frames) => {
        if (frames !== null && token === drawToken)
          await frames.prepare(draft, timeMs).catch(() => undefined);
        draw(frames);
      });
    });

    return {
      positionMs,
      playing,
      runtimeStatus,
      runtimeError,
      previewNote,
      surfaceSize,
      play,
      pause,
      toggle,
      seek,
      attachCanvas,
    };
  },
);

export type PlayerModel = InstanceType<typeof PlayerModel>;

function hasAudio(draft: Draft): boolean {
  return draft.tracks.some((track) => track.kind === 'audio' && track.segments.length > 0);
}
