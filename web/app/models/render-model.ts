/**
 * @module render-model
 * One export at a time: asks the edge for a render job, renders it in this browser (the
 * renderer is loaded only now, with a dynamic import, to keep the first page small), reports
 * progress, stores each finished chunk at the edge (so a closed tab resumes: a restored job that
 * is not finished continues after its last stored chunk, showing "Resuming from 40%"), uploads
 * the MP4 and shows the download link. A remote job (nemo engine) is polled instead. While the
 * edge cannot be reached the render goes on into a bounded queue and the uploads retry
 * ("reconnecting…", edge-chunk-store.ts); Export on a version whose job was interrupted resumes
 * it (the edge answers that job). On a browser failure the job is marked failed at the edge
 * (it pays for what was rendered, the rest is refunded) and the error is shown in plain words;
 * when the edge stayed unreachable the job is left to resume instead.
 */
import { action, batch, computed, createModel, signal } from '@preact/signals';
import type { RenderChunkState, RenderJobInfo } from '../../../shared/api-schema';
import type { ApiClient } from '../api-client';
import { ApiError, isAbort, isTransient } from '../api-error';
import { createEdgeChunkStore } from './edge-chunk-store';
import { formatProgress } from '../format/format-progress';
import { plainError } from '../format/plain-error';
import type { CreditsModel } from './credits-model';
import type { NoticeModel } from './notice-model';
import { mediaUrlsFor } from '../media/media-urls';
import { speechRoute } from '../../narration/speech-route';
import { createProgressReporter } from './progress-reporter';
import { abortableSleep } from '../../../shared/abortable-sleep';
import { retryWhileUnreachable } from '../net/retry-while-unreachable';

/**
 * Gap between checks of a job followed elsewhere (a remote render, another page's) while its
 * event stream is down, ms: 5 s. Progress is pushed over SSE (`GET /renders/:id/events`); this
 * slow poll only keeps the page from going blind when the stream cannot be opened.
 */
export const RENDER_FALLBACK_POLL_MS = 5_000;

/**
 * Refusals that mean another page stored this render's next chunk or its file first (two tabs
 * resumed one job): this page then follows the job instead of failing it.
 */
const ANOTHER_PAGE_WON: ReadonlySet<string> = new Set([
  'chunk_conflict',
  'chunk_out_of_order',
  'render_finished',
  'upload_in_progress',
]);

/**
 * Where the export is, as the panel shows it. `interrupted`: a job restored after a reload that
 * was being rendered in a page that is gone (it stopped there).
 */
export type ExportPhase =
  | 'idle'
  | 'starting'
  | 'rendering'
  | 'uploading'
  | 'completed'
  | 'failed'
  | 'interrupted';

/** What the render model needs from the rest of the app. */
export interface RenderModelDeps {
  api: ApiClient;
  credits: CreditsModel;
  notices: NoticeModel;
}

/** The render model: the job, its progress, speed, time left, phase and download link. */
export const RenderModel = createModel(({ api, credits, notices }: RenderModelDeps) => {
  const job = signal<RenderJobInfo | null>(null);
  const phase = signal<ExportPhase>('idle');
  const framesDone = signal(0);
  const totalFrames = signal(0);
  /** Frames encoded per second. */
  const fps = signal(0);
  /** Estimated time left, ms; null until known. */
  const etaMs = signal<number | null>(null);
  const downloadUrl = signal<string | null>(null);
  const sizeBytes = signal<number | null>(null);
  /** The failure in plain words, when `phase` is `failed`. */
  const error = signal<string | null>(null);
  /** Where a resumed render started, 0..1 (the stored chunks' share), or null for a fresh one. */
  const resumedFrom = signal<number | null>(null);
  /** True while uploads wait for the edge to answer again (the render goes on meanwhile). */
  const reconnecting = signal(false);
  const setReconnecting = (on: boolean): void => {
    reconnecting.value = on;
  };

  const busy = computed(
    () => phase.value === 'starting' || phase.value === 'rendering' || phase.value === 'uploading',
  );
  /** 0..1 */
  const progress = computed(() => {
    if (phase.value === 'completed') return 1;
    return totalFrames.value > 0 ? Math.min(1, framesDone.value / totalFrames.value) : 0;
  });
  /** `"42% · 48 fps · 12 s left"` */
  const progressText = computed(() =>
    formatProgress({ progress: progress.value, fps: fps.value, etaMs: etaMs.value }),
  );
  /**
   * What a screen reader hears: changes only at every 10 % step and at phase changes, so the
   * polite live region is not flooded by 2 updates a second.
   */
  const announcement = computed(() => {
    switch (phase.value) {
      case 'idle':
        return '';
      case 'starting':
        return 'Starting the export.';
      case 'rendering':
        return `Rendering: ${Math.floor(progress.value * 10) * 10}% done.`;
      case 'uploading':
        return 'Rendering done, saving the video.';
      case 'completed':
        return 'Your video is ready to download.';
      case 'failed':
        return ''; // the error banner (role="alert") says it
      case 'interrupted':
        return `The last export stopped at ${Math.floor(progress.value * 100)}% when its page closed.`;
    }
  });

  let controller: AbortController | null = null;
  /** True when the running export is stopped because the visitor moved on, not pressed Stop. */
  let leaving = false;

  const showJob = action((info: RenderJobInfo) => {
    job.value = info;
    framesDone.value = info.framesDone;
    totalFrames.value = info.totalFrames;
    fps.value = info.fps;
    etaMs.value = info.fps > 0 ? ((info.totalFrames - info.framesDone) / info.fps) * 1000 : null;
    downloadUrl.value = info.downloadUrl;
    sizeBytes.value = info.sizeBytes;
  });

  const fail = action((message: string) => {
    phase.value = 'failed';
    error.value = message;
    notices.showError(`The export failed: ${message}`);
  });

  async function renderInBrowser(
    info: RenderJobInfo,
    signal: AbortSignal,
    stored: RenderChunkState | null,
  ): Promise<void> {
    const firstChunk = stored?.version ?? 0;
    batch(() => {
      phase.value = 'rendering';
      resumedFrom.value =
        stored !== null && firstChunk > 0
          ? Math.min(1, (firstChunk * stored.chunkFrames) / Math.max(1, stored.totalFrames))
          : null;
      if (stored !== null && firstChunk > 0)
        framesDone.value = Math.min(stored.totalFrames, firstChunk * stored.chunkFrames);
    });
    const reporter = createProgressReporter(api, info.id);
    // This page session's label on the chunks it stores (shows which page encoded what).
    const attempt = crypto.randomUUID();
    const store = createEdgeChunkStore(api, info.id, attempt, {
      signal,
      onReconnecting: setReconnecting,
    });
    try {
      const { renderVideo } = await import('../../render/render-video');
      const result = await renderVideo(info.draft, {
        signal,
        resume: { store, firstChunk, audioStored: stored?.audio != null },
        mediaUrls: mediaUrlsFor(info.draft, info.sessionId),
        voice: {
          neural: speechRoute(info.sessionId),
          onNote: (note) => notices.showError(note),
        },
        onProgress: (p) => {
          batch(() => {
            framesDone.value = p.framesDone;
            totalFrames.value = p.totalFrames;
            fps.value = p.fps;
            etaMs.value = p.etaMs;
          });
          reporter.report({ framesDone: p.framesDone, totalFrames: p.totalFrames, fps: p.fps });
        },
      });
      await store.drain();
      await reporter.flush();
      phase.value = 'uploading';
      const done = await retryWhileUnreachable(
        () => api.uploadRenderFile(info.id, result.blob),
        signal,
        setReconnecting,
      );
      batch(() => {
        showJob(done);
        phase.value = done.status === 'completed' ? 'completed' : 'uploading';
      });
      if (done.status !== 'completed') await followUntilSettled(done, signal);
    } catch (cause) {
      if (isAbort(cause) || signal.aborted) {
        // Stopped by the visitor: the job fails (what was rendered is paid, the rest refunded). Left for another video: it stays
        // resumable (its chunks are kept; reopening the session resumes it).
        if (!leaving)
          await api.failRender(info.id, 'The visitor stopped the export.').catch(() => undefined);
        phase.value = 'idle';
        return;
      }
      if (cause instanceof ApiError && cause.status === 409 && ANOTHER_PAGE_WON.has(cause.code)) {
        await followElsewhere(info, signal);
        return;
      }
      const message = plainError(cause);
      fail(message);
      // The edge stayed unreachable: the job becomes `interrupted` and Export resumes it.
      if (!isTransient(cause)) await api.failRender(info.id, message).catch(() => undefined);
    } finally {
      reconnecting.value = false;
    }
  }

  /** Another page renders (or finished) this job: show its progress until it settles. */
  async function followElsewhere(info: RenderJobInfo, signal: AbortSignal): Promise<void> {
    try {
      const current = await api.getRender(info.id);
      showJob(current);
      await followUntilSettled(current, signal);
    } catch (cause) {
      if (isAbort(cause) || signal.aborted) phase.value = 'idle';
      else fail(plainError(cause));
    }
  }

  /** Shows a job's state as read or pushed: progress figures and the phase. */
  const showFollowed = action((next: RenderJobInfo) => {
    showJob(next);
    if (next.status === 'rendering') phase.value = 'rendering';
    if (next.status === 'uploading') phase.value = 'uploading';
  });

  /**
   * Follows a job rendered elsewhere until it completes, fails or is interrupted: progress is
   * pushed over the render's event stream; the job itself (with its download link) is read
   * when the stream ends, and every {@link RENDER_FALLBACK_POLL_MS} while it cannot be opened.
   */
  async function followUntilSettled(info: RenderJobInfo, signal: AbortSignal): Promise<void> {
    let current = info;
    const settled = (status: RenderJobInfo['status']): boolean =>
      status === 'completed' || status === 'failed' || status === 'interrupted';
    while (!settled(current.status)) {
      let streamed = false;
      // Stopped by the visitor, or by this loop once the job settled (the edge keeps an interrupted job's stream open).
      const stream = new AbortController();
      const stop = (): void => stream.abort();
      signal.addEventListener('abort', stop, { once: true });
      try {
        await api.followRender(
          current.id,
          ({ event }) => {
            if (event.type !== 'render-progress') return;
            streamed = true;
            const pushed = {
              ...current,
              status: event.status,
              framesDone: event.framesDone,
              totalFrames: event.totalFrames,
              fps: event.fps,
              progress: event.progress,
            };
            current = pushed;
            showFollowed(pushed);
            if (settled(pushed.status)) stream.abort();
          },
          stream.signal,
        );
      } catch (cause) {
        if (signal.aborted) throw cause;
        if (isAbort(cause) && !stream.signal.aborted) throw cause;
      } finally {
        signal.removeEventListener('abort', stop);
      }
      // The stream is down: read the job now and then until it opens again.
      if (!streamed) await abortableSleep(RENDER_FALLBACK_POLL_MS, signal);
      const id = current.id;
      current = await retryWhileUnreachable(() => api.getRender(id), signal, setReconnecting);
      showFollowed(current);
    }
    if (current.status === 'completed') phase.value = 'completed';
    // The page that was rendering it closed: carry on here after its last stored chunk.
    else if (current.status === 'interrupted' && current.renderer === 'browser')
      await renderInBrowser(current, signal, await api.getRenderChunks(current.id));
    else fail(current.error ?? 'The render stopped before it finished. Press Export to try again.');
  }

  /** Clears the last export's error, link and progress figures (call inside a batch). */
  function clearOutcome(): void {
    error.value = null;
    downloadUrl.value = null;
    sizeBytes.value = null;
    framesDone.value = 0;
    totalFrames.value = 0;
    fps.value = 0;
    etaMs.value = null;
    resumedFrom.value = null;
  }

  /**
   * Runs `work` under a fresh abort controller (so Stop can cancel it): an abort goes back to
   * idle, any other failure becomes the visible error. Never rejects.
   */
  async function runAbortable(work: (signal: AbortSignal) => Promise<void>): Promise<void> {
    controller = new AbortController();
    const { signal } = controller;
    try {
      await work(signal);
    } catch (cause) {
      if (isAbort(cause) || signal.aborted) phase.value = 'idle';
      else fail(plainError(cause));
    } finally {
      controller = null;
    }
  }

  /**
   * Starts an export of the session's current draft. Does nothing while one runs. Never
   * rejects: failures (out of credits, no draft, encoder errors) end in phase `failed` with a
   * plain message.
   */
  const startExport = action(async (sessionId: string): Promise<void> => {
    if (busy.value) return;
    batch(() => {
      clearOutcome();
      phase.value = 'starting';
    });
    await runAbortable(async (signal) => {
      const info = await api.createExport(sessionId);
      showJob(info);
      void credits.refresh().catch(() => undefined);
      // An interrupted job of this version (answered again by the edge) resumes after its stored chunks.
      if (info.renderer === 'browser')
        await renderInBrowser(
          info,
          signal,
          info.status === 'interrupted' ? await api.getRenderChunks(info.id) : null,
        );
      else await followUntilSettled(info, signal);
    });
    void credits.refresh().catch(() => undefined);
  });

  /**
   * Shows the session's latest render job after a reload or when opening it from the library:
   * finished (link or failure), still rendering remotely (followed until it settles), or
   * stopped when the page rendering it in the browser closed (`interrupted`) — then it resumes
   * here at once, after the last chunk stored at the edge. Never rejects.
   */
  const restore = action(async (info: RenderJobInfo): Promise<void> => {
    if (busy.value) return;
    batch(() => {
      clearOutcome();
      showJob(info);
      if (info.status === 'completed' || info.status === 'failed') {
        phase.value = info.status;
        error.value = info.status === 'failed' ? (info.error ?? 'The render failed.') : null;
      } else {
        phase.value = info.renderer === 'remote' ? 'rendering' : 'interrupted';
      }
    });
    const resumable = info.renderer === 'browser' && phase.value === 'interrupted';
    if (!resumable && (info.renderer !== 'remote' || phase.value !== 'rendering')) return;
    await runAbortable(async (signal) => {
      if (resumable) await renderInBrowser(info, signal, await api.getRenderChunks(info.id));
      else await followUntilSettled(info, signal);
    });
  });

  /** Stops the running export (the job is marked failed at the edge, it pays for what was rendered, the rest is refunded). */
  const cancel = action(() => {
    leaving = false;
    controller?.abort();
  });

  /**
   * Forgets the last export (a new video, or another session opened). A browser render still
   * running here stops without failing: its job stays resumable from its stored chunks.
   */
  const reset = action(() => {
    leaving = true;
    controller?.abort();
    batch(() => {
      clearOutcome();
      job.value = null;
      phase.value = 'idle';
    });
  });

  return {
    job,
    phase,
    framesDone,
    totalFrames,
    fps,
    etaMs,
    downloadUrl,
    sizeBytes,
    error,
    resumedFrom,
    reconnecting,
    busy,
    progress,
    progressText,
    announcement,
    startExport,
    restore,
    cancel,
    reset,
  };
});

export type RenderModel = InstanceType<typeof RenderModel>;
