/**
 * An export that ends without its MP4 — failed, cancelled, or interrupted and never resumed —
 * settles its frozen credits: what was rendered (chunks recorded, per started 5 s) is spent,
 * the rest comes back, once. So export → upload chunks → fail is not a free loop.
 */
import { env } from 'cloudflare:workers';
import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { creditsSchema, renderJobInfoSchema } from '../../shared/api-schema';
import type { Credits, RenderJobInfo } from '../../shared/api-schema';
import { HEARTBEAT_TIMEOUT_MS, INTERRUPTED_EXPIRY_MS } from '../../functions/durable/render-job';
import { Visitor } from './visitor-client';
import { chunkFile, putChunk } from './render-chunk-fixture';

async function credits(visitor: Visitor): Promise<Credits> {
  return creditsSchema.parse(await (await visitor.fetch('/api/credits')).json());
}

/** Stores chunks `0..count-1` of `job` (4 s each for the 30-s, 30 fps explainer). */
async function storeChunks(visitor: Visitor, job: RenderJobInfo, count: number): Promise<void> {
  for (let index = 0; index < count; index++) {
    const response = await putChunk(visitor, job.id, index, chunkFile(job, index));
    expect(response.status).toBe(200);
  }
}

async function fail(visitor: Visitor, renderId: string): Promise<RenderJobInfo> {
  const response = await visitor.post(`/api/renders/${renderId}/fail`, {
    message: 'the encoder crashed',
  });
  expect(response.status).toBe(200);
  return renderJobInfoSchema.parse(await response.json());
}

/** Makes the job's last sign of life `agoMs` ago. */
async function age(renderId: string, agoMs: number): Promise<void> {
  await runInDurableObject(
    env.RENDER_JOB.get(env.RENDER_JOB.idFromName(renderId)),
    (_instance, state) => {
      state.storage.sql.exec('UPDATE job SET updated_at_ms = ? WHERE id = 1', Date.now() - agoMs);
    },
  );
}

describe('an export that ends without its MP4', () => {
  it('failing after 3 of 8 chunks spends the rendered 12 s (3 credits) and refunds the other 3, once', async () => {
    const visitor = new Visitor();
    const job = await visitor.startExport((await visitor.sessionWithDraft()).id);
    expect(job.costCredits).toBe(6);
    await storeChunks(visitor, job, 3);
    expect((await fail(visitor, job.id)).status).toBe('failed');
    expect(await credits(visitor)).toEqual({ available: 97, frozen: 0, total: 97 });
    // A second fail (or a retried settlement) refunds nothing more.
    await fail(visitor, job.id);
    expect(await credits(visitor)).toEqual({ available: 97, frozen: 0, total: 97 });
  });

  it('failing before any chunk is stored refunds everything', async () => {
    const visitor = new Visitor();
    const job = await visitor.startExport((await visitor.sessionWithDraft()).id);
    await fail(visitor, job.id);
    expect(await credits(visitor)).toEqual({ available: 100, frozen: 0, total: 100 });
  });

  it('export → store chunks → fail, again and again, is not free', async () => {
    const visitor = new Visitor();
    const session = await visitor.sessionWithDraft();
    for (let round = 1; round <= 3; round++) {
      const job = await visitor.startExport(session.id);
      await storeChunks(visitor, job, 8);
      await fail(visitor, job.id);
      expect(await credits(visitor)).toEqual({
        available: 100 - 6 * round,
        frozen: 0,
        total: 100 - 6 * round,
      });
    }
  });

  it('cancelled while its MP4 was being uploaded, it pays the whole render', async () => {
    const visitor = new Visitor();
    const job = await visitor.startExport((await visitor.sessionWithDraft()).id);
    await runInDurableObject(
      env.RENDER_JOB.get(env.RENDER_JOB.idFromName(job.id)),
      (_instance, state) => {
        state.storage.sql.exec(
          "UPDATE job SET status = 'uploading', upload_id = ? WHERE id = 1",
          crypto.randomUUID(),
        );
      },
    );
    await fail(visitor, job.id);
    expect(await credits(visitor)).toEqual({ available: 94, frozen: 0, total: 94 });
  });

  it('interrupted after 2 chunks and not resumed for a day, it fails and spends the rendered 8 s (2 credits)', async () => {
    const visitor = new Visitor();
    const job = await visitor.startExport((await visitor.sessionWithDraft()).id);
    await storeChunks(visitor, job, 2);
    const stub = env.RENDER_JOB.get(env.RENDER_JOB.idFromName(job.id));
    await age(job.id, HEARTBEAT_TIMEOUT_MS + 1);
    await runDurableObjectAlarm(stub);
    expect(
      renderJobInfoSchema.parse(await (await visitor.fetch(`/api/renders/${job.id}`)).json())
        .status,
    ).toBe('interrupted');
    expect(await credits(visitor)).toEqual({ available: 94, frozen: 6, total: 100 });
    // Its expiry is scheduled; a day later nobody has resumed it.
    const expiresAt = await runInDurableObject(stub, (_instance, state) =>
      state.storage.getAlarm(),
    );
    expect(expiresAt).not.toBeNull();
    await age(job.id, INTERRUPTED_EXPIRY_MS + 1);
    await runDurableObjectAlarm(stub);
    const ended = renderJobInfoSchema.parse(
      await (await visitor.fetch(`/api/renders/${job.id}`)).json(),
    );
    expect(ended.status).toBe('failed');
    expect(ended.error).toMatch(/not resumed/);
    expect(await credits(visitor)).toEqual({ available: 98, frozen: 0, total: 98 });
  });
});
