/**
 * Each video of a batch is its own export: `POST …/exports` with `{batchItemId}` renders that
 * item's draft, records the batch version and the item, freezes its own credits (and is refused
 * 402 on its own), and downloads under the item's title. The batch versions live in the session
 * room (batch-store.ts): validated, chained for undo, bounded, with plain-word change lines.
 * The batches here are stored straight into the room, so these paths do not need the director.
 */
import { parse as parseDisposition } from 'content-disposition';
import { env } from 'cloudflare:workers';
import { runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { BatchStore, MAX_KEPT_BATCH_VERSIONS } from '../../functions/durable/batch-store';
import { MAX_UNDO_DEPTH } from '../../functions/durable/session-room';
import { RenderJob } from '../../functions/durable/render-job';
import { creditsSchema, renderListSchema, sessionStateSchema } from '../../shared/api-schema';
import type { Credits, SessionState } from '../../shared/api-schema';
import type { Batch } from '../../shared/batch-schema';
import type { Draft } from '../../shared/draft-schema';
import { Visitor, readError, renderMp4 } from './visitor-client';

const BATCH_PROMPT_DRAFT = 'Generate a 10-second video about ocean waves';

async function credits(visitor: Visitor): Promise<Credits> {
  return creditsSchema.parse(await (await visitor.fetch('/api/credits')).json());
}

async function sessionState(visitor: Visitor, sessionId: string): Promise<SessionState> {
  return sessionStateSchema.parse(await (await visitor.fetch(`/api/sessions/${sessionId}`)).json());
}

function room(sessionId: string): DurableObjectStub {
  return env.SESSION_ROOM.get(env.SESSION_ROOM.idFromName(sessionId));
}

/** Three videos made from one 10 s draft: "Waves" titled as its label, "Homeworld" untitled, "Space" with a title of its own. */
function threeVideos(draft: Draft): Batch {
  return {
    items: [
      { id: 'item-waves', mediaId: 'waves', label: 'Waves', draft: { ...draft, title: 'Waves' } },
      { id: 'item-home', mediaId: 'home', label: 'Homeworld', draft: { ...draft, title: '' } },
      {
        id: 'item-space',
        mediaId: 'space',
        label: 'Space',
        draft: { ...draft, title: 'Our Promo' },
      },
    ],
  };
}

/** Stores `batch` as the session's next batch version, as a turn would. */
async function storeBatch(sessionId: string, batch: Batch | null): Promise<void> {
  await runInDurableObject(room(sessionId), (_instance, state) => {
    const store = new BatchStore(state.storage);
    store.store({ batch }, store.undoChain(MAX_UNDO_DEPTH), Date.now());
  });
}

/** A session with a 10 s draft and a batch of {@link threeVideos} made from it. */
async function sessionWithBatch(
  visitor: Visitor,
): Promise<{ sessionId: string; state: SessionState; batch: Batch }> {
  const session = await visitor.sessionWithDraft(BATCH_PROMPT_DRAFT);
  const draft = (await sessionState(visitor, session.id)).draft;
  if (draft === null) throw new Error('no draft');
  const batch = threeVideos(draft);
  await storeBatch(session.id, batch);
  return { sessionId: session.id, state: await sessionState(visitor, session.id), batch };
}

function exportItem(visitor: Visitor, sessionId: string, batchItemId: string): Promise<Response> {
  return visitor.post(`/api/sessions/${sessionId}/exports`, { batchItemId });
}

describe('batch items export on their own', () => {
  it('the session state carries the batch and its version', async () => {
    const visitor = new Visitor();
    const { state, batch } = await sessionWithBatch(visitor);
    expect(state.batch).toEqual(batch);
    expect(state.batchVersion).toBe(1);
    expect(state.draft?.durationMs).toBe(10_000);
  });

  it("each item's export renders its draft at the batch version and freezes its own credits", async () => {
    const visitor = new Visitor();
    const { sessionId, state, batch } = await sessionWithBatch(visitor);
    await storeBatch(sessionId, batch);
    const jobs = [];
    for (const item of batch.items) {
      const job = await visitor.startExport(sessionId, item.id);
      expect(job.batchItemId).toBe(item.id);
      expect(job.draft).toEqual(item.draft);
      expect(job.draftVersion).toBe(2);
      expect(job.costCredits).toBe(2);
      expect(job.status).toBe('queued');
      jobs.push(job);
    }
    expect(new Set(jobs.map((job) => job.id)).size).toBe(3);
    expect(await credits(visitor)).toEqual({ available: 94, frozen: 6, total: 100 });

    const single = await visitor.startExport(sessionId);
    expect(single.batchItemId).toBeNull();
    expect(single.draft).toEqual(state.draft);
    expect(single.draftVersion).toBe(state.session.version);

    const library = renderListSchema.parse(
      await (await visitor.fetch(`/api/renders?session=${sessionId}`)).json(),
    );
    const titles = new Map(library.renders.map((render) => [render.batchItemId, render.title]));
    expect(titles.get('item-waves')).toBe('Waves');
    expect(titles.get('item-home')).toBe('Homeworld');
    expect(titles.get('item-space')).toBe('Space – Our Promo');
  });

  it('each item downloads under a name that starts with its label, whatever the session or its draft is called', async () => {
    const visitor = new Visitor();
    const { sessionId } = await sessionWithBatch(visitor);
    await runInDurableObject(room(sessionId), (_instance, state) => {
      state.storage.sql.exec(
        `UPDATE meta SET title = ? WHERE id = 1`,
        'A very long session title that by itself fills the slug of a file',
      );
    });
    const names: string[] = [];
    for (const itemId of ['item-waves', 'item-home', 'item-space']) {
      const job = await visitor.startExport(sessionId, itemId);
      const put = await visitor.fetch(`/api/renders/${job.id}/file`, {
        method: 'PUT',
        headers: { 'Content-Type': 'video/mp4' },
        body: renderMp4(job.draft.durationMs),
      });
      expect(put.status).toBe(200);
      const file = await visitor.fetch(`/api/renders/${job.id}/file`);
      expect(file.status).toBe(200);
      await file.arrayBuffer();
      const disposition = parseDisposition(file.headers.get('Content-Disposition') ?? '');
      expect(disposition.type).toBe('attachment');
      names.push(disposition.parameters.filename ?? '');
    }
    expect(names).toEqual(['waves.mp4', 'homeworld.mp4', 'space-our-promo.mp4']);
  });

  it('an unknown item, or any item once the batch ended, is 404 batch_item_not_found', async () => {
    const visitor = new Visitor();
    const { sessionId } = await sessionWithBatch(visitor);
    const unknown = await exportItem(visitor, sessionId, 'item-nope');
    expect(unknown.status).toBe(404);
    const error = await readError(unknown);
    expect(error.code).toBe('batch_item_not_found');
    expect(error.message).toBe(
      'That video is no longer in this batch; ask for the batch again or export the one shown.',
    );

    await storeBatch(sessionId, null);
    const state = await sessionState(visitor, sessionId);
    expect(state.batch).toBeNull();
    expect(state.batchVersion).toBe(2);
    const ended = await exportItem(visitor, sessionId, 'item-waves');
    expect(ended.status).toBe(404);
    expect((await readError(ended)).code).toBe('batch_item_not_found');
    expect(await credits(visitor)).toEqual({ available: 100, frozen: 0, total: 100 });
  });

  it("another visitor cannot export someone else's batch item; junk bodies are 400", async () => {
    const visitor = new Visitor();
    const { sessionId } = await sessionWithBatch(visitor);
    const stranger = new Visitor();
    const stolen = await exportItem(stranger, sessionId, 'item-waves');
    expect(stolen.status).toBe(404);
    expect((await readError(stolen)).code).toBe('not_found');

    const junk = await visitor.fetch(`/api/sessions/${sessionId}/exports`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"batchItemId":',
    });
    expect(junk.status).toBe(400);
    expect((await readError(junk)).code).toBe('invalid_json');
    for (const body of [{ batchItemId: 42 }, { batchItemId: '' }, []]) {
      const wrong = await visitor.post(`/api/sessions/${sessionId}/exports`, body);
      expect(wrong.status).toBe(400);
      expect((await readError(wrong)).code).toBe('invalid_body');
    }
    expect(await credits(visitor)).toEqual({ available: 100, frozen: 0, total: 100 });
  });

  it('an item is refused 402 (contractCode 2001) on its own when the credits run short', async () => {
    const visitor = new Visitor();
    const { sessionId } = await sessionWithBatch(visitor);
    const account = env.VISITOR_ACCOUNT.get(env.VISITOR_ACCOUNT.idFromName(visitor.id));
    await runInDurableObject(account, (_instance, state) => {
      state.storage.sql.exec('UPDATE account SET available = 3 WHERE id = 1');
    });
    expect((await exportItem(visitor, sessionId, 'item-waves')).status).toBe(201);
    const refused = await exportItem(visitor, sessionId, 'item-home');
    expect(refused.status).toBe(402);
    const error = await readError(refused);
    expect(error.code).toBe('out_of_credits');
    expect(error.contractCode).toBe(2001);
    expect(await credits(visitor)).toEqual({ available: 1, frozen: 2, total: 3 });
  });
});

describe('batch versions in the session room', () => {
  it('are validated, chained for undo, worded as changes and bounded', async () => {
    const visitor = new Visitor();
    const session = await visitor.sessionWithDraft(BATCH_PROMPT_DRAFT);
    const draft = (await sessionState(visitor, session.id)).draft;
    if (draft === null) throw new Error('no draft');
    const first = threeVideos(draft);
    const vertical: Batch = {
      items: first.items.map((item) =>
        item.id === 'item-waves'
          ? {
              ...item,
              draft: { ...item.draft, canvas: { ...item.draft.canvas, width: 1080, height: 1920 } },
            }
          : item,
      ),
    };
    const broken = { items: [{ ...first.items[0], draft: { ...draft, durationMs: 2_000 } }] };

    const outcome = await runInDurableObject(room(session.id), (_instance, state) => {
      const store = new BatchStore(state.storage);
      const invalid = store.store({ batch: broken }, [], 1);
      const nothingToEnd = store.store({ batch: null }, [], 2);
      const made = store.store({ batch: first }, store.undoChain(MAX_UNDO_DEPTH), 3);
      const edited = store.store({ batch: vertical }, store.undoChain(MAX_UNDO_DEPTH), 4);
      const chainAfterEdit = store.undoChain(MAX_UNDO_DEPTH);
      const undone = store.store({ batch: first, undo: true }, chainAfterEdit, 5);
      const chainAfterUndo = store.undoChain(MAX_UNDO_DEPTH);
      const ended = store.store({ batch: null }, chainAfterUndo, 6);
      const afterEnd = {
        chain: store.undoChain(MAX_UNDO_DEPTH),
        item: store.currentItem('item-waves'),
      };
      for (let i = 0; i < MAX_KEPT_BATCH_VERSIONS + 5; i++)
        store.store({ batch: i % 2 === 0 ? first : vertical }, [], 7);
      const kept = state.storage.sql
        .exec<{ n: number; low: number }>('SELECT COUNT(*) AS n, MIN(version) AS low FROM batches')
        .one();
      return {
        invalid,
        nothingToEnd,
        made,
        edited,
        chainAfterEdit,
        undone,
        chainAfterUndo,
        ended,
        afterEnd,
        kept,
        current: store.current(),
      };
    });

    expect(outcome.invalid?.type).toBe('invalid');
    expect(outcome.nothingToEnd).toBeNull();
    expect(outcome.made).toEqual({
      type: 'batch',
      version: 1,
      changes: ['Made 3 videos: Waves, Homeworld, Space'],
      batch: first,
    });
    expect(outcome.edited).toMatchObject({ type: 'batch', version: 2, batch: vertical });
    expect(outcome.edited?.type === 'batch' ? outcome.edited.changes : []).toEqual([
      'Waves: Canvas 1920x1080 → 1080x1920 (9:16)',
    ]);
    expect(outcome.chainAfterEdit.map((version) => version.batch)).toEqual([first]);
    expect(outcome.undone).toMatchObject({
      type: 'batch',
      version: 3,
      batch: first,
      changes: ['Waves: Canvas 1080x1920 → 1920x1080 (16:9)'],
    });
    // The undo continued from version 1's parent: nothing earlier to undo to.
    expect(outcome.chainAfterUndo).toEqual([]);
    expect(outcome.ended).toEqual({
      type: 'batch',
      version: 4,
      changes: ['Back to one video'],
      batch: null,
    });
    expect(outcome.afterEnd).toEqual({ chain: [], item: null });
    expect(outcome.kept).toEqual({ n: MAX_KEPT_BATCH_VERSIONS, low: 4 + 5 + 1 });
    expect(outcome.current?.version).toBe(4 + MAX_KEPT_BATCH_VERSIONS + 5);
  });
});

describe('render jobs made before batches', () => {
  it('gain the batch item column when their object starts again, and read as the session draft', async () => {
    const visitor = new Visitor();
    const session = await visitor.sessionWithDraft(BATCH_PROMPT_DRAFT);
    const job = await visitor.startExport(session.id);
    const stub = env.RENDER_JOB.get(env.RENDER_JOB.idFromName(job.id));
    const info = await runInDurableObject(stub, (_instance, state) => {
      state.storage.sql.exec('ALTER TABLE job DROP COLUMN batch_item_id');
      const restarted = new RenderJob(state, env);
      const columns = state.storage.sql
        .exec<{ name: string }>('PRAGMA table_info(job)')
        .toArray()
        .map((row) => row.name);
      return { columns, info: restarted.info(visitor.id) };
    });
    expect(info.columns).toContain('batch_item_id');
    expect(info.info.ok && info.info.value.batchItemId).toBeNull();
    expect(info.info.ok && info.info.value.id).toBe(job.id);
  });
});
