/**
 * @module progress-reporter
 * Tells the edge how far a browser render got (`POST /api/renders/:id/progress`), at most every
 * {@link PROGRESS_REPORT_INTERVAL_MS}, one request at a time, so a slow network never queues
 * up reports and a reopened tab sees a recent figure.
 */
import type { RenderProgressBody } from '../../../shared/api-schema';
import type { ApiClient } from '../api-client';

/**
 * Gap between progress reports: 500 ms. Often enough for a smooth bar on another tab or
 * device, rare enough (2 req/s) to stay far below Workers request limits during a render.
 */
export const PROGRESS_REPORT_INTERVAL_MS = 500;

/** A throttled sender of render progress. */
export interface ProgressReporter {
  /** Reports if the interval has passed and no report is in flight; otherwise keeps it for later. */
  report(progress: RenderProgressBody): void;
  /** Sends the newest unsent progress (if any) and waits for it. Never rejects. */
  flush(): Promise<void>;
}

/**
 * Creates a reporter for render `renderId`. Report failures are ignored: progress is advisory,
 * the render itself goes on.
 */
export function createProgressReporter(
  api: ApiClient,
  renderId: string,
  now: () => number = Date.now,
): ProgressReporter {
  let lastSentAt = -Infinity;
  let inFlight: Promise<void> | null = null;
  let pending: RenderProgressBody | null = null;

  function send(progress: RenderProgressBody): Promise<void> {
    lastSentAt = now();
    pending = null;
    inFlight = api
      .postRenderProgress(renderId, progress)
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => {
        inFlight = null;
      });
    return inFlight;
  }

  return {
    report(progress) {
      if (progress.totalFrames <= 0) return;
      pending = progress;
      if (inFlight === null && now() - lastSentAt >= PROGRESS_REPORT_INTERVAL_MS)
        void send(progress);
    },
    async flush() {
      if (inFlight !== null) await inFlight;
      if (pending !== null) await send(pending);
    },
  };
}
