/**
 * The batch model: batch events and restores (older versions ignored, `null` leaves batch mode),
 * the draft shown while there is a batch, and the export queue (jobs created up front, rendered
 * in created order, a 402 stopping the creation, out-of-date jobs cancelled, a restored session's
 * queue continued, Stop).
 */
import { signal } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import type { RenderJobInfo, RenderSummary } from '../../../shared/api-schema';
import type { Batch, BatchItem } from '../../../shared/batch-schema';
import { batchItemId } from '../../../shared/batch-schema';
import type { Draft } from '../../../shared/draft-schema';
import { draftSchema } from '../../../shared/draft-schema';
import { ApiError } from '../api-error';
import { BatchModel, batchItemState } from './batch-model';
import type { BatchModelDeps } from './batch-model';
import { DraftModel } from './draft-model';
import { fakeApiClient } from '../../../test/unit-helpers/fake-api-client';
import { NoticeModel } from './notice-model';

function draftOf(mediaId: string, durationMs = 10_000): Draft {
  return draftSchema.parse({
    title: mediaId,
    canvas: { width: 1920, height: 1080, fps: 30 },
    durationMs,
    look: {
      paletteName: 'Midnight',
      background: ['#000000'],
      text: '#ffffff',
      accent: '#38bdf8',
      fontFamily: 'Inter',
    },
    tracks: [
      {
        id: 'v',
        kind: 'video',
        name: mediaId,
        segments: [
          { id: 's1', startMs: 0, durationMs, label: mediaId, visual: { type: 'media', mediaId } },
        ],
      },
    ],
  });
}

function item(mediaId: string): BatchItem {
  return { id: batchItemId(mediaId), mediaId, label: mediaId, draft: draftOf(mediaId) };
}

const BATCH: Batch = { items: [item('waves'), item('homeworld'), item('space')] };

/**
 * The edge's render jobs in memory: `createExport` queues one (402 once `credits` are spent),
 * `listRenders` lists them newest first, `failRender` fails one. `calls` records the order.
 */
function fakeEdge(options: { credits?: number; batchVersion?: () => number } = {}) {
  const jobs: RenderJobInfo[] = [];
  const calls: string[] = [];
  let credits = options.credits ?? Number.POSITIVE_INFINITY;
  let clock = 0;
  const find = (id: string): RenderJobInfo => {
    const job = jobs.find((entry) => entry.id === id);
    if (job === undefined) throw new ApiError(404, 'not_found', 'no such render');
    return job;
  };
  const add = (
    batchItem: string,
    draftVersion: number,
    status: RenderJobInfo['status'],
    renderer: RenderJobInfo['renderer'] = 'browser',
  ): RenderJobInfo => {
    clock += 1;
    const job: RenderJobInfo = {
      id: `r${jobs.length + 1}`,
      sessionId: 's1',
      status,
      renderer,
      draftVersion,
      batchItemId: batchItem,
      draft: draftOf(batchItem),
      progress: status === 'completed' ? 1 : 0,
      framesDone: 0,
      totalFrames: 300,
      fps: 0,
      costCredits: 2,
      createdAtMs: clock,
      updatedAtMs: clock,
      error: status === 'failed' ? 'It broke.' : null,
      downloadUrl: status === 'completed' ? `/api/renders/r${jobs.length + 1}/file` : null,
      sizeBytes: status === 'completed' ? 1_000 : null,
    };
    jobs.push(job);
    return job;
  };
  const api = fakeApiClient([], {
    listRenders: () =>
      Promise.resolve(
        [...jobs].reverse().map((job): RenderSummary => ({ ...job, title: 'Batch' })),
      ),
    createExport: (_sessionId, body) => {
      calls.push(`create ${body?.batchItemId ?? 'draft'}`);
      if (credits < 2)
        return Promise.reject(new ApiError(402, 'out_of_credits', 'Not enough credits.'));
      credits -= 2;
      return Promise.resolve(
        add(body?.batchItemId ?? 'draft', options.batchVersion?.() ?? 1, 'queued'),
      );
    },
    getRender: (id) => Promise.resolve(find(id)),
    failRender: (id, message) => {
      calls.push(`fail ${id}`);
      Object.assign(find(id), { status: 'failed', error: message });
      return Promise.resolve(find(id));
    },
  });
  return { api, jobs, calls, add, find };
}

/** A render model stand-in: "renders" a job by completing it at the edge, recording the order. */
function fakeRender(
  edge: ReturnType<typeof fakeEdge>,
  onRender: (job: RenderJobInfo) => void = () => undefined,
) {
  const job = signal<RenderJobInfo | null>(null);
  const busy = signal(false);
  let cancelled = false;
  const render: BatchModelDeps['render'] = {
    job,
    busy,
    progress: signal(0),
    restore: async (info) => {
      edge.calls.push(`render ${info.id}`);
      job.value = info;
      busy.value = true;
      onRender(info);
      await Promise.resolve();
      busy.value = false;
      if (cancelled) {
        Object.assign(edge.find(info.id), {
          status: 'failed',
          error: 'The visitor stopped the export.',
        });
        return;
      }
      Object.assign(edge.find(info.id), {
        status: 'completed',
        downloadUrl: `/api/renders/${info.id}/file`,
        sizeBytes: 1_000,
      });
      job.value = edge.find(info.id);
    },
    cancel: () => {
      cancelled = true;
    },
    reset: () => {
      job.value = null;
    },
  };
  return render;
}

function models(edge: ReturnType<typeof fakeEdge>, render = fakeRender(edge)) {
  const notices = new NoticeModel();
  const batch = new BatchModel({
    api: edge.api,
    render,
    credits: { refresh: () => edge.api.getCredits() },
    notices,
  });
  return { batch, notices };
}

describe('batch events and the draft shown', () => {
  it('applies newer versions, ignores older ones and leaves batch mode on null', () => {
    const edge = fakeEdge();
    const { batch } = models(edge);
    batch.applyEvent({ type: 'batch', version: 2, changes: ['Made 3 videos'], batch: BATCH });
    batch.applyEvent({
      type: 'batch',
      version: 1,
      changes: ['old'],
      batch: { items: [item('old')] },
    });
    expect(batch.current.value?.items.map((entry) => entry.label)).toEqual([
      'waves',
      'homeworld',
      'space',
    ]);
    expect(batch.version.value).toBe(2);
    expect(batch.changes.value).toEqual(['Made 3 videos']);
    batch.applyEvent({ type: 'batch', version: 3, changes: ['Back to one video'], batch: null });
    expect(batch.current.value).toBeNull();
    expect(batch.selectedDraft.value).toBeNull();
  });

  it('shows the selected item’s draft (the first by default) and the session’s own without a batch', () => {
    const edge = fakeEdge();
    const { batch } = models(edge);
    const draft = new DraftModel(batch.selectedDraft);
    const own = draftOf('own', 30_000);
    draft.restore(own, 4, 'Timeline (1 track): own');
    expect(draft.draft.value).toBe(own);
    batch.restore(BATCH, 1);
    expect(draft.draft.value).toBe(BATCH.items[0]?.draft);
    batch.select(batchItemId('space'));
    expect(draft.draft.value).toBe(BATCH.items[2]?.draft);
    expect(draft.summary.value).toMatch(/^Timeline \(1 track\): 1\. Video: space/);
    batch.applyEvent({ type: 'batch', version: 2, changes: [], batch: { items: [item('waves')] } });
    expect(draft.draft.value).toBe(batch.current.value?.items[0]?.draft);
    batch.clear();
    expect(draft.draft.value).toBe(own);
    expect(draft.summary.value).toBe('Timeline (1 track): own');
  });
});

describe('the export queue', () => {
  it('creates every job up front, then renders them in created order, each with its own link', async () => {
    const edge = fakeEdge();
    const { batch } = models(edge);
    batch.restore(BATCH, 1);
    await batch.exportAll('s1');
    expect(edge.calls).toEqual([
      'create item-waves',
      'create item-homeworld',
      'create item-space',
      'render r1',
      'render r2',
      'render r3',
    ]);
    expect([...batch.states.value.values()]).toEqual(
      ['r1', 'r2', 'r3'].map((id) => ({
        kind: 'done',
        downloadUrl: `/api/renders/${id}/file`,
        sizeBytes: 1_000,
      })),
    );
    expect(batch.running.value).toBe(false);
    expect(batch.announcement.value).toBe('All 3 videos are ready to download.');
  });

  it('queues only items without a finished or waiting job of this version', async () => {
    const edge = fakeEdge();
    edge.add('item-waves', 1, 'completed');
    edge.add('item-homeworld', 1, 'failed');
    edge.add('item-space', 0, 'completed');
    const { batch } = models(edge);
    batch.restore(BATCH, 1);
    await batch.resume('s1'); // lists the jobs; none is waiting
    expect(edge.calls).toEqual([]);
    expect(batch.states.value.get('item-space')).toEqual({
      kind: 'out-of-date',
      downloadUrl: '/api/renders/r3/file',
      sizeBytes: 1_000,
    });
    await batch.exportAll('s1');
    expect(edge.calls).toEqual([
      'create item-homeworld',
      'create item-space',
      'render r4',
      'render r5',
    ]);
  });

  it('stops creating jobs when credits run out, says how many are queued and renders those', async () => {
    const edge = fakeEdge({ credits: 2 });
    const { batch } = models(edge);
    batch.restore(BATCH, 1);
    await batch.exportAll('s1');
    expect(edge.calls).toEqual(['create item-waves', 'create item-homeworld', 'render r1']);
    expect(batch.note.value).toBe(
      'Your credits ran out: 1 of 3 videos are queued and will be rendered; the other 2 are not.',
    );
    expect(batch.states.value.get('item-homeworld')).toEqual({ kind: 'not-exported' });
  });

  it('continues a restored session’s unfinished jobs of this version in created order, cancelling older ones', async () => {
    const edge = fakeEdge();
    edge.add('item-waves', 2, 'completed');
    edge.add('item-homeworld', 1, 'queued'); // an older batch version: out of date, cancelled
    edge.add('item-space', 2, 'interrupted'); // its page closed half way
    edge.add('item-homeworld', 2, 'queued');
    edge.add('item-homeworld', 2, 'queued', 'remote');
    const { batch } = models(edge);
    batch.restore(BATCH, 2);
    await batch.resume('s1');
    expect(edge.calls).toEqual(['fail r2', 'render r3', 'render r4']);
    expect(edge.find('r2').error).toBe(
      'Cancelled: the batch changed before this video was rendered.',
    );
    expect(edge.jobs.map((job) => job.status)).toEqual([
      'completed',
      'failed',
      'completed',
      'completed',
      'queued',
    ]);
    expect(batch.states.value.get('item-space')?.kind).toBe('done');
  });

  it('Stop fails the running video and cancels the waiting ones', async () => {
    const edge = fakeEdge();
    let stopping: Promise<void> = Promise.resolve();
    let stopWhileRendering = (): Promise<void> => Promise.resolve();
    const render = fakeRender(edge, (job) => {
      if (job.id === 'r1') stopping = stopWhileRendering();
    });
    const { batch } = models(edge, render);
    stopWhileRendering = () => batch.stop('s1');
    batch.restore(BATCH, 1);
    await batch.exportAll('s1');
    await stopping;
    expect(edge.calls).toEqual([
      'create item-waves',
      'create item-homeworld',
      'create item-space',
      'render r1',
      'fail r2',
      'fail r3',
    ]);
    expect(edge.jobs.map((job) => job.status)).toEqual(['failed', 'failed', 'failed']);
    expect(batch.running.value).toBe(false);
  });
});

describe('leaving batch mode', () => {
  it('cancels the waiting videos and clears the finished batch video from the render model', async () => {
    const edge = fakeEdge();
    const render = fakeRender(edge);
    const { batch } = models(edge, render);
    batch.restore(BATCH, 1);
    edge.add('item-waves', 1, 'completed');
    edge.add('item-homeworld', 1, 'queued');
    render.job.value = edge.find('r1');
    batch.applyEvent({ type: 'batch', version: 2, changes: ['Back to one video'], batch: null });
    expect(render.job.value).toBeNull();
    await batch.resume('s1');
    expect(edge.calls).toEqual(['fail r2']);
  });
});

describe('batchItemState', () => {
  it('shows the live render’s progress for the job rendering here', () => {
    const edge = fakeEdge();
    const job = edge.add('item-waves', 1, 'queued');
    const summary: RenderSummary = { ...job, title: 'Batch' };
    const waves = BATCH.items[0];
    if (waves === undefined) throw new Error('no item');
    expect(batchItemState(waves, 1, [summary], { job, busy: true, progress: 0.42 })).toEqual({
      kind: 'rendering',
      progress: 0.42,
    });
    expect(batchItemState(waves, 1, [summary], { job: null, busy: false, progress: 0 })).toEqual({
      kind: 'waiting',
    });
    expect(batchItemState(waves, 2, [summary], { job: null, busy: false, progress: 0 })).toEqual({
      kind: 'not-exported',
    });
  });
});
