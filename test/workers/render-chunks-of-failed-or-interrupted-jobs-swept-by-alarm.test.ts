/**
 * The stored chunks of a browser render that failed are deleted by the job's alarm
 * `FAILED_CHUNKS_GRACE_MS` after it failed, and not before; an interrupted one keeps them (a
 * reopened page resumes from them) until it fails after `INTERRUPTED_EXPIRY_MS`, then the same.
 */
import { env } from 'cloudflare:workers';
import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { renderChunkStateSchema } from '../../shared/api-schema';
import type { RenderChunkState, RenderJobInfo } from '../../shared/api-schema';
import {
  FAILED_CHUNKS_GRACE_MS,
  HEARTBEAT_TIMEOUT_MS,
  INTERRUPTED_EXPIRY_MS,
} from '../../functions/durable/render-job';
import { chunkObjectKey } from '../../functions/durable/render-chunk-ledger';
import { renderJob } from '../../functions/durable/durable-stubs';
import { Visitor } from './visitor-client';

/** Stores chunk 0's bytes in R2 and records them in the job, as the chunk route does. */
async function storeFirstChunk(visitor: Visitor, job: RenderJobInfo): Promise<string> {
  const bytes = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
  const sha256 = [...new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('');
  const r2Key = chunkObjectKey(job.id, 0, sha256);
  await env.MEDIA.put(r2Key, bytes);
  const recorded = await renderJob(env, job.id).recordChunk(visitor.id, {
    index: 0,
    expectedVersion: 0,
    firstFrame: 0,
    frames: 60,
    sizeBytes: bytes.byteLength,
    sha256,
    encoderKey: 'test-encoder',
    r2Key,
    attempt: null,
  });
  expect(recorded.ok).toBe(true);
  return r2Key;
}

/** Moves the job's last sign of life `ms` into the past. */
async function age(job: RenderJobInfo, ms: number): Promise<void> {
  await runInDurableObject(renderJob(env, job.id), (_instance, state) => {
    state.storage.sql.exec('UPDATE job SET updated_at_ms = updated_at_ms - ? WHERE id = 1', ms);
  });
}

async function stored(r2Key: string): Promise<boolean> {
  return (await env.MEDIA.head(r2Key)) !== null;
}

async function chunkState(visitor: Visitor, job: RenderJobInfo): Promise<RenderChunkState> {
  return renderChunkStateSchema.parse(
    await (await visitor.fetch(`/api/renders/${job.id}/chunks`)).json(),
  );
}

/** A visitor with a draft, and its export (status `queued`). */
async function exported(visitor: Visitor): Promise<RenderJobInfo> {
  return visitor.startExport((await visitor.sessionWithDraft()).id);
}

describe('chunk clean-up by alarm', () => {
  it('deletes the chunks of a failed render after FAILED_CHUNKS_GRACE_MS, not before', async () => {
    const visitor = new Visitor();
    const job = await exported(visitor);
    const key = await storeFirstChunk(visitor, job);
    expect(
      (await visitor.post(`/api/renders/${job.id}/fail`, { message: 'the encoder crashed' }))
        .status,
    ).toBe(200);

    expect(await runDurableObjectAlarm(renderJob(env, job.id))).toBe(true);
    expect(await stored(key)).toBe(true);
    await age(job, FAILED_CHUNKS_GRACE_MS - 60_000);
    expect(await runDurableObjectAlarm(renderJob(env, job.id))).toBe(true);
    expect(await stored(key)).toBe(true);

    await age(job, 60_000);
    expect(await runDurableObjectAlarm(renderJob(env, job.id))).toBe(true);
    expect(await stored(key)).toBe(false);
    expect((await env.MEDIA.list({ prefix: `renders/${job.id}/` })).objects).toHaveLength(0);
  });

  it('keeps an interrupted render resumable until it expires, then deletes its chunks FAILED_CHUNKS_GRACE_MS after it failed', async () => {
    const visitor = new Visitor();
    const job = await exported(visitor);
    const key = await storeFirstChunk(visitor, job);
    await age(job, HEARTBEAT_TIMEOUT_MS + 1_000);
    expect(await runDurableObjectAlarm(renderJob(env, job.id))).toBe(true);
    expect(
      (await (await visitor.fetch(`/api/renders/${job.id}`)).json()) as { status: string },
    ).toMatchObject({ status: 'interrupted' });
    expect(await stored(key)).toBe(true);

    await age(job, INTERRUPTED_EXPIRY_MS - 60_000);
    expect(await runDurableObjectAlarm(renderJob(env, job.id))).toBe(true);
    expect(await stored(key)).toBe(true);
    expect((await chunkState(visitor, job)).version).toBe(1);

    await age(job, 60_000);
    expect(await runDurableObjectAlarm(renderJob(env, job.id))).toBe(true);
    expect(
      (await (await visitor.fetch(`/api/renders/${job.id}`)).json()) as { status: string },
    ).toMatchObject({ status: 'failed' });
    expect(await stored(key)).toBe(true);

    await age(job, FAILED_CHUNKS_GRACE_MS);
    expect(await runDurableObjectAlarm(renderJob(env, job.id))).toBe(true);
    expect(await stored(key)).toBe(false);
    expect((await env.MEDIA.list({ prefix: `renders/${job.id}/` })).objects).toHaveLength(0);
  });
});
