/**
 * Export on a draft version whose browser render was interrupted (its page lost the edge or
 * closed) answers that same job to be resumed at its next chunk: no new job, no second charge.
 * A new draft version, or a job still rendering or finished, starts a new export as before.
 */
import { env } from 'cloudflare:workers';
import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import {
  creditsSchema,
  renderChunkStateSchema,
  renderJobInfoSchema,
} from '../../shared/api-schema';
import type { Credits, RenderJobInfo } from '../../shared/api-schema';
import { HEARTBEAT_TIMEOUT_MS } from '../../functions/durable/render-job';
import { Visitor } from './visitor-client';
import { chunkFile, putChunk } from './render-chunk-fixture';

async function credits(visitor: Visitor): Promise<Credits> {
  return creditsSchema.parse(await (await visitor.fetch('/api/credits')).json());
}

async function exportAgain(
  visitor: Visitor,
  sessionId: string,
): Promise<{ status: number; job: RenderJobInfo }> {
  const response = await visitor.fetch(`/api/sessions/${sessionId}/exports`, { method: 'POST' });
  return { status: response.status, job: renderJobInfoSchema.parse(await response.json()) };
}

/** Lets the job's heartbeat lapse and runs its alarm: the job becomes `interrupted`. */
async function interrupt(renderId: string): Promise<void> {
  const stub = env.RENDER_JOB.get(env.RENDER_JOB.idFromName(renderId));
  await runInDurableObject(stub, (_instance, state) => {
    state.storage.sql.exec(
      'UPDATE job SET updated_at_ms = ? WHERE id = 1',
      Date.now() - HEARTBEAT_TIMEOUT_MS - 1,
    );
  });
  await runDurableObjectAlarm(stub);
}

describe('export of an interrupted draft version', () => {
  it('resumes the interrupted job at its next chunk and charges nothing more', async () => {
    const visitor = new Visitor();
    const session = await visitor.sessionWithDraft();
    const job = await visitor.startExport(session.id);
    for (let index = 0; index < 2; index++)
      expect((await putChunk(visitor, job.id, index, chunkFile(job, index))).status).toBe(200);
    await interrupt(job.id);
    expect(await credits(visitor)).toEqual({ available: 94, frozen: 6, total: 100 });

    const again = await exportAgain(visitor, session.id);
    expect(again.status).toBe(200);
    expect(again.job.id).toBe(job.id);
    expect(again.job.status).toBe('interrupted');
    const stored = renderChunkStateSchema.parse(
      await (await visitor.fetch(`/api/renders/${job.id}/chunks`)).json(),
    );
    expect(stored.version).toBe(2);
    expect(await credits(visitor)).toEqual({ available: 94, frozen: 6, total: 100 });
    // The page carries on with chunk 2 of the same job.
    expect((await putChunk(visitor, job.id, 2, chunkFile(job, 2))).status).toBe(200);
  });

  it('starts (and charges) a new export when the interrupted job is of an older draft version or still rendering', async () => {
    const visitor = new Visitor();
    const session = await visitor.sessionWithDraft();
    const rendering = await visitor.startExport(session.id);
    const second = await exportAgain(visitor, session.id);
    expect(second.status).toBe(201);
    expect(second.job.id).not.toBe(rendering.id);
    await interrupt(rendering.id);
    await visitor.chat(session.id, 'make it vertical');
    const third = await exportAgain(visitor, session.id);
    expect(third.status).toBe(201);
    expect(third.job.id).not.toBe(rendering.id);
    expect((await credits(visitor)).frozen).toBe(
      third.job.costCredits + second.job.costCredits + rendering.costCredits,
    );
  });
});
