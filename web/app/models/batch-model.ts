/**
 * @module batch-model
 * The session's batch (one video per upload, see shared/batch-schema.ts) as this page knows it:
 * the batch and its version (from `batch` stream events and the restored session state), the item
 * whose draft the preview and timeline show, the batch's render jobs and each item's export state,
 * and the export queue.
 *
 * The queue: "Export all" first creates one render job per item that has none of the current
 * batch version (completed or still to render), all up front, so the queue lives at the edge
 * (each job freezes its credits; a 402 stops creating). The jobs are then rendered one after
 * another in this page by the render model's resume path (a queued or interrupted browser job is
 * rendered after its last stored chunk). A reloaded or reopened page continues the queue by itself
 * ({@link BatchModel.resume}). Jobs of an older batch version that are still waiting are cancelled
 * (credits back): they would only make out-of-date videos. Stop cancels the running video and the
 * waiting ones (credits back); "Export all" queues them again.
 */
import { action, batch as batchUpdates, computed, createModel, signal } from '@preact/signals';
import type { RenderJobInfo, RenderSummary } from '../../../shared/api-schema';
import type { Batch, BatchItem } from '../../../shared/batch-schema';
import type { BatchEvent } from '../../../shared/events-schema';
import type { ApiClient } from '../api-client';
import { ApiError } from '../api-error';
import { t } from '../i18n/locale';
import type { CreditsModel } from './credits-model';
import type { NoticeModel } from './notice-model';
import type { RenderModel } from './render-model';

/** Render job statuses that still have to be rendered (or are being rendered). */
const UNFINISHED: ReadonlySet<RenderSummary['status']> = new Set([
  'queued',
  'rendering',
  'uploading',
  'interrupted',
]);

/** Where one video of the batch stands, as its row in the batch panel shows it. */
export type BatchItemState =
  | { kind: 'not-exported' }
  | { kind: 'waiting' }
  /** `progress` 0..1. */
  | { kind: 'rendering'; progress: number }
  | { kind: 'done'; downloadUrl: string; sizeBytes: number | null }
  | { kind: 'failed'; error: string }
  /** Its newest finished video was made from an older batch version. */
  | { kind: 'out-of-date'; downloadUrl: string; sizeBytes: number | null };

/** The render running in this page, as far as item states need it. */
export interface LiveRender {
  /** The job the render model shows, with its freshest status and link; null for none. */
  job: RenderJobInfo | null;
  /** True while it renders or saves here. */
  busy: boolean;
  /** 0..1 */
  progress: number;
}

/** The batch jobs (render jobs with a `batchItemId`) of browser renders still to render. */
function unfinishedBrowserJobs(jobs: readonly RenderSummary[]): RenderSummary[] {
  return jobs.filter(
    (job) => job.batchItemId !== null && job.renderer === 'browser' && UNFINISHED.has(job.status),
  );
}

/** Oldest first; jobs created in the same ms keep the list's order reversed (it is newest first). */
function createdOrder(jobs: readonly RenderSummary[]): RenderSummary[] {
  return [...jobs].reverse().sort((a, b) => a.createdAtMs - b.createdAtMs);
}

/**
 * The jobs the queue renders, in created order: this batch version's browser jobs not completed
 * or failed.
 *
 * @example queuedJobs(2, jobs).map((job) => job.id) // ['r4', 'r5'] (r1–r3 were of version 1)
 */
export function queuedJobs(version: number, jobs: readonly RenderSummary[]): RenderSummary[] {
  return createdOrder(unfinishedBrowserJobs(jobs).filter((job) => job.draftVersion === version));
}

/** Unfinished browser jobs of another batch version than `version` (pass -1 when there is no batch: all of them). */
export function outdatedJobs(version: number, jobs: readonly RenderSummary[]): RenderSummary[] {
  return unfinishedBrowserJobs(jobs).filter((job) => job.draftVersion !== version);
}

/** The items "Export all" creates a job for: those without a completed or unfinished job of `version`. */
export function itemsToExport(
  batch: Batch,
  version: number,
  jobs: readonly RenderSummary[],
): BatchItem[] {
  const covered = new Set(
    jobs
      .filter(
        (job) =>
          job.draftVersion === version &&
          (job.status === 'completed' || UNFINISHED.has(job.status)),
      )
      .map((job) => job.batchItemId),
  );
  return batch.items.filter((item) => !covered.has(item.id));
}

/**
 * Where `item` stands: its newest job of batch `version` decides (the live render's figures
 * when it is that job); without one, a finished video of an older version is out of date.
 */
export function batchItemState(
  item: BatchItem,
  version: number,
  jobs: readonly RenderSummary[],
  live: LiveRender,
): BatchItemState {
  const mine = jobs
    .filter((job) => job.batchItemId === item.id)
    .sort((a, b) => b.createdAtMs - a.createdAtMs);
  const listed = mine.find((job) => job.draftVersion === version);
  if (listed === undefined) {
    const older = mine.find((job) => job.status === 'completed' && job.downloadUrl !== null);
    return older?.downloadUrl != null
      ? { kind: 'out-of-date', downloadUrl: older.downloadUrl, sizeBytes: older.sizeBytes }
      : { kind: 'not-exported' };
  }
  const isLive = live.job?.id === listed.id;
  if (isLive && live.busy) return { kind: 'rendering', progress: live.progress };
  const job = isLive && live.job !== null ? live.job : listed;
  switch (job.status) {
    case 'completed':
      return job.downloadUrl === null
        ? { kind: 'waiting' }
        : { kind: 'done', downloadUrl: job.downloadUrl, sizeBytes: job.sizeBytes };
    case 'failed':
      return { kind: 'failed', error: job.error ?? t('batch.failedUnknown') };
    case 'rendering':
    case 'uploading':
      return { kind: 'rendering', progress: job.progress };
    case 'queued':
    case 'interrupted':
      return { kind: 'waiting' };
  }
}

/** What the batch model needs from the rest of the app. */
export interface BatchModelDeps {
  api: ApiClient;
  /** Renders one job here (its resume path) and shows its progress. */
  render: Pick<RenderModel, 'restore' | 'cancel' | 'reset' | 'job' | 'busy' | 'progress'>;
  credits: Pick<CreditsModel, 'refresh'>;
  notices: Pick<NoticeModel, 'showFailure'>;
}

/** The batch model (see the module doc). */
export const BatchModel = createModel(({ api, render, credits, notices }: BatchModelDeps) => {
  /** The current batch, or null when the session makes one video. */
  const current = signal<Batch | null>(null);
  /** Its version; 0 before the first batch. */
  const version = signal(0);
  /** What the newest batch event changed, in plain words. */
  const changes = signal<string[]>([]);
  const selectedId = signal<string | null>(null);
  /** The session's batch jobs (any version), newest first, as last listed. */
  const jobs = signal<RenderSummary[]>([]);
  /** True while "Export all" creates jobs or the queue renders them. */
  const running = signal(false);
  /** Said when not every video could be queued (credits ran out), or null. */
  const note = signal<string | null>(null);

  /** The item whose draft is shown: the one picked with "Preview", else the first. */
  const selectedItem = computed((): BatchItem | null => {
    const items = current.value?.items ?? [];
    return items.find((item) => item.id === selectedId.value) ?? items[0] ?? null;
  });
  /** The draft the preview and timeline show instead of the session's own (null: no batch). */
  const selectedDraft = computed(() => selectedItem.value?.draft ?? null);

  /** Each item's state by item id, live while one renders here. */
  const states = computed((): ReadonlyMap<string, BatchItemState> => {
    const live: LiveRender = {
      job: render.job.value,
      busy: render.busy.value,
      progress: render.progress.value,
    };
    const items = current.value?.items ?? [];
    return new Map(
      items.map((item) => [item.id, batchItemState(item, version.value, jobs.value, live)]),
    );
  });

  /** For the polite live region: changes only at 10 % steps, per video and when all are done. */
  const announcement = computed(() => {
    const items = current.value?.items ?? [];
    const all = states.value;
    const index = items.findIndex((item) => all.get(item.id)?.kind === 'rendering');
    const item = items[index];
    const state = item === undefined ? undefined : all.get(item.id);
    if (item !== undefined && state?.kind === 'rendering') {
      const percent = Math.floor(state.progress * 10) * 10;
      return t('batch.announceRendering', {
        position: index + 1,
        count: items.length,
        label: item.label,
        percent,
      });
    }
    const done = items.filter((entry) => all.get(entry.id)?.kind === 'done').length;
    return items.length > 0 && done === items.length
      ? t('batch.announceAllDone', { count: items.length })
      : '';
  });

  /** Bumped to end the running queue (Stop, a new video, another session). */
  let queueToken = 0;

  /**
   * Once the session makes one video again, the export panel shows the render model: clear a
   * batch video it still shows (unless it is rendering: the queue ends after it).
   */
  function forgetBatchRender(): void {
    if (
      current.peek() === null &&
      !render.busy.peek() &&
      (render.job.peek()?.batchItemId ?? null) !== null
    )
      render.reset();
  }

  /** Applies a `batch` stream event; an older version than the one shown is ignored. */
  const applyEvent = action((event: BatchEvent) => {
    if (event.version < version.value) return;
    batchUpdates(() => {
      current.value = event.batch;
      version.value = event.version;
      changes.value = event.changes;
    });
    forgetBatchRender();
  });

  /** Sets the batch of a restored session (no change list: nothing changed on this page yet). */
  const restore = action((next: Batch | null, nextVersion: number) => {
    batchUpdates(() => {
      current.value = next;
      version.value = nextVersion;
      changes.value = [];
      selectedId.value = null;
    });
  });

  /** Shows `itemId`'s draft in the preview and timeline. */
  const select = action((itemId: string) => {
    selectedId.value = itemId;
  });

  /** Forgets the batch and ends the queue here (a new video, or another session opened). */
  const clear = action(() => {
    queueToken += 1;
    batchUpdates(() => {
      restore(null, 0);
      jobs.value = [];
      running.value = false;
      note.value = null;
    });
  });

  async function refreshJobs(sessionId: string): Promise<void> {
    const listed = await api.listRenders(sessionId);
    jobs.value = listed.filter((job) => job.batchItemId !== null);
  }

  /** Marks `toCancel` failed at the edge (credits back); a job already finished is left as it is. */
  async function cancelJobs(toCancel: readonly RenderSummary[], reason: string): Promise<void> {
    await Promise.all(toCancel.map((job) => api.failRender(job.id, reason).catch(() => undefined)));
  }

  /**
   * Renders this version's waiting jobs one after another until none is left or `token` is
   * stale; cancels waiting jobs of older versions first. Never rejects.
   */
  async function runQueue(sessionId: string, token: number): Promise<void> {
    running.value = true;
    let previousId: string | null = null;
    try {
      for (;;) {
        await refreshJobs(sessionId);
        if (token !== queueToken) return;
        // Without a batch no version is current: every waiting job is out of date.
        const currentVersion = current.peek() === null ? -1 : version.peek();
        await cancelJobs(outdatedJobs(currentVersion, jobs.peek()), t('batch.cancelledOutdated'));
        const next = queuedJobs(currentVersion, jobs.peek())[0];
        // The same job again right after its turn: the render model could not take it (another
        // export runs here); stop rather than ask again and again.
        if (next === undefined || next.id === previousId) return;
        previousId = next.id;
        const info = await api.getRender(next.id);
        if (token !== queueToken) return;
        await render.restore(info);
        if (token !== queueToken) return;
      }
    } catch (cause) {
      if (token === queueToken) notices.showFailure(cause);
    } finally {
      if (token === queueToken) {
        running.value = false;
        forgetBatchRender();
        await refreshJobs(sessionId).catch(() => undefined);
      }
      void credits.refresh().catch(() => undefined);
    }
  }

  /**
   * "Export all": queues a render job for every item without one of this version (all up front),
   * then renders the queue. A 402 stops creating; `note` says how many were queued. Does nothing
   * without a batch or while the queue runs. Never rejects.
   */
  const exportAll = action(async (sessionId: string): Promise<void> => {
    const batch = current.value;
    if (batch === null || running.value) return;
    const token = ++queueToken;
    batchUpdates(() => {
      running.value = true;
      note.value = null;
    });
    try {
      await refreshJobs(sessionId);
      const wanted = itemsToExport(batch, version.value, jobs.value);
      let queued = 0;
      for (const item of wanted) {
        if (token !== queueToken) return;
        try {
          await api.createExport(sessionId, { batchItemId: item.id });
          queued += 1;
        } catch (cause) {
          if (!(cause instanceof ApiError && cause.status === 402)) throw cause;
          note.value = t('batch.outOfCredits', {
            queued,
            count: wanted.length,
            left: wanted.length - queued,
          });
          break;
        }
      }
    } catch (cause) {
      if (token === queueToken) {
        notices.showFailure(cause);
        running.value = false;
      }
      return;
    }
    if (token === queueToken) await runQueue(sessionId, token);
  });

  /**
   * Continues the session's queue after a reload or when it is opened from the library: lists its
   * batch jobs and renders the waiting ones of this version in created order. Never rejects.
   */
  const resume = action(async (sessionId: string): Promise<void> => {
    if (running.value) return;
    await runQueue(sessionId, ++queueToken);
  });

  /**
   * Stops the queue: the running video fails at the edge and the waiting ones are cancelled
   * (credits back for all of them). Never rejects.
   */
  const stop = action(async (sessionId: string): Promise<void> => {
    queueToken += 1;
    const runningId = render.busy.peek() ? (render.job.peek()?.id ?? null) : null;
    render.cancel();
    running.value = false;
    await cancelJobs(
      createdOrder(unfinishedBrowserJobs(jobs.peek())).filter((job) => job.id !== runningId),
      t('batch.cancelledStopped'),
    );
    await refreshJobs(sessionId).catch(() => undefined);
    void credits.refresh().catch(() => undefined);
  });

  return {
    current,
    version,
    changes,
    selectedItem,
    selectedDraft,
    jobs,
    states,
    running,
    note,
    announcement,
    applyEvent,
    restore,
    select,
    clear,
    exportAll,
    resume,
    stop,
  };
});

export type BatchModel = InstanceType<typeof BatchModel>;
