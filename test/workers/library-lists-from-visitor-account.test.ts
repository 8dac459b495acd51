/**
 * `GET /api/sessions` and `GET /api/renders` answer from the visitor's account with one Durable
 * Object call: each `SessionRoom` and `RenderJob` pushes its list entry there when it changes
 * (library-summaries.ts). The lists are right just after a change, keep answering when every
 * room and job is wiped (so nothing asks them per item), and an account from before the
 * summaries were kept fills each entry once from its room or job.
 */
import { env } from 'cloudflare:workers';
import { runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { RenderJob } from '../../functions/durable/render-job';
import { renderListSchema, sessionListSchema } from '../../shared/api-schema';
import type { RenderSummary, SessionInfo } from '../../shared/api-schema';
import { Visitor, downloadLinkPattern } from './visitor-client';

async function sessions(visitor: Visitor): Promise<SessionInfo[]> {
  const response = await visitor.fetch('/api/sessions');
  expect(response.status).toBe(200);
  return sessionListSchema.parse(await response.json()).sessions;
}

async function renders(visitor: Visitor, query = ''): Promise<RenderSummary[]> {
  const response = await visitor.fetch(`/api/renders${query}`);
  expect(response.status).toBe(200);
  return renderListSchema.parse(await response.json()).renders;
}

function roomStub(sessionId: string): DurableObjectStub {
  return env.SESSION_ROOM.get(env.SESSION_ROOM.idFromName(sessionId));
}

function jobStub(renderId: string): DurableObjectStub<RenderJob> {
  return env.RENDER_JOB.get(env.RENDER_JOB.idFromName(renderId));
}

/** Deletes everything a room or job stored: asked afterwards, it could not describe itself. */
async function wipe(stub: DurableObjectStub): Promise<void> {
  await runInDurableObject(stub, async (_instance, state) => {
    await state.storage.deleteAll();
  });
}

/** Completes a render inside its job (the upload route's MP4 checks are not what this test is about). */
async function complete(renderId: string, owner: string): Promise<void> {
  await runInDurableObject(jobStub(renderId), async (instance: RenderJob) => {
    const begun = instance.beginUpload(owner);
    if (!begun.ok) throw new Error(begun.message);
    const done = await instance.finishUpload(owner, 4_096, begun.value.uploadId);
    if (!done.ok) throw new Error(done.message);
  });
}

/** A visitor with two sessions (each with a draft) and two renders of the first, one completed. */
async function library(): Promise<{ visitor: Visitor; sessionIds: string[]; renderIds: string[] }> {
  const visitor = new Visitor();
  const first = await visitor.sessionWithDraft('Generate a 20-second promo video for a bakery');
  const second = await visitor.sessionWithDraft('Generate a 15-second video about tea');
  const done = await visitor.startExport(first.id);
  await complete(done.id, visitor.id);
  const queued = await visitor.startExport(first.id);
  return { visitor, sessionIds: [second.id, first.id], renderIds: [queued.id, done.id] };
}

describe('library lists kept in the visitor account', () => {
  it('are right just after a change: a new session, its first draft, an edit, a render started, done and failed', async () => {
    const visitor = new Visitor();
    const session = await visitor.createSession();
    expect(await sessions(visitor)).toEqual([session]);

    await visitor.chat(session.id, 'Generate a 20-second promo video for a bakery');
    const drafted = (await sessions(visitor))[0];
    expect(drafted).toMatchObject({
      id: session.id,
      version: 1,
      title: expect.stringMatching(/bakery/),
    });
    expect(drafted?.summary).toMatch(/^Timeline \(\d+ tracks?\):/);

    await visitor.chat(session.id, 'make it 10 seconds');
    const edited = (await sessions(visitor))[0];
    expect(edited).toMatchObject({ id: session.id, version: 2 });
    expect(edited?.summary).not.toBe(drafted?.summary);
    expect(edited?.updatedAtMs).toBeGreaterThanOrEqual(
      drafted?.updatedAtMs ?? Number.POSITIVE_INFINITY,
    );

    const job = await visitor.startExport(session.id);
    expect(await renders(visitor)).toMatchObject([
      { id: job.id, sessionId: session.id, status: 'queued', progress: 0, downloadUrl: null },
    ]);
    await complete(job.id, visitor.id);
    expect(await renders(visitor)).toMatchObject([
      {
        id: job.id,
        status: 'completed',
        progress: 1,
        sizeBytes: 4_096,
        downloadUrl: expect.stringMatching(downloadLinkPattern(job.id)),
      },
    ]);

    const failing = await visitor.startExport(session.id);
    const failed = await visitor.post(`/api/renders/${failing.id}/fail`, {
      message: 'The encoder gave up.',
    });
    expect(failed.status).toBe(200);
    expect(
      (await renders(visitor, `?session=${session.id}`)).map((r) => [r.id, r.status, r.error]),
    ).toEqual([
      [failing.id, 'failed', 'The encoder gave up.'],
      [job.id, 'completed', null],
    ]);
  });

  it('answer from the account alone: with every room and job wiped, the lists are unchanged', async () => {
    const { visitor, sessionIds, renderIds } = await library();
    const listedSessions = await sessions(visitor);
    const listedRenders = (await renders(visitor)).map(({ downloadUrl: _link, ...rest }) => rest);
    expect(listedSessions.map((s) => s.id)).toEqual(sessionIds);
    expect(listedRenders.map((r) => r.id)).toEqual(renderIds);

    for (const id of sessionIds) await wipe(roomStub(id));
    for (const id of renderIds) await wipe(jobStub(id));

    expect(await sessions(visitor)).toEqual(listedSessions);
    expect((await renders(visitor)).map(({ downloadUrl: _link, ...rest }) => rest)).toEqual(
      listedRenders,
    );
  });

  it('for an account from before the summaries, fill each entry once from its room or job', async () => {
    const { visitor, sessionIds, renderIds } = await library();
    const listedSessions = await sessions(visitor);
    const listedRenders = (await renders(visitor)).map(({ downloadUrl: _link, ...rest }) => rest);
    const account = env.VISITOR_ACCOUNT.get(env.VISITOR_ACCOUNT.idFromName(visitor.id));
    await runInDurableObject(account, (_instance, state) => {
      state.storage.sql.exec('DROP TABLE library_summaries');
      state.storage.sql.exec(
        'CREATE TABLE library_summaries (kind TEXT NOT NULL, item_id TEXT NOT NULL, summary_json TEXT, PRIMARY KEY (kind, item_id))',
      );
    });

    expect(await sessions(visitor)).toEqual(listedSessions);
    expect((await renders(visitor)).map(({ downloadUrl: _link, ...rest }) => rest)).toEqual(
      listedRenders,
    );

    for (const id of sessionIds) await wipe(roomStub(id));
    for (const id of renderIds) await wipe(jobStub(id));
    expect(await sessions(visitor)).toEqual(listedSessions);
    expect((await renders(visitor)).map(({ downloadUrl: _link, ...rest }) => rest)).toEqual(
      listedRenders,
    );
  });
});
