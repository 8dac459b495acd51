/**
 * Chunks of a resumable browser render are stored in R2 and recorded in the `RenderJob` once
 * and in order: a re-upload of the same bytes is a no-op, a chunk out of order or with other
 * bytes is refused, concurrent uploads of one chunk record it once (check-and-set on the chunk
 * version) and leave no orphan in R2, and a Durable Object reset or alarm in the middle of an
 * upload loses nothing.
 */
import { env } from 'cloudflare:workers';
import { abortAllDurableObjects, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { renderChunkStateSchema, renderJobInfoSchema } from '../../shared/api-schema';
import type { RenderChunkState, RenderJobInfo } from '../../shared/api-schema';
import { HEARTBEAT_TIMEOUT_MS } from '../../functions/durable/render-job';
import { Visitor, readError, renderMp4 } from './visitor-client';
import { audioChunkFile, chunkFile, putChunk } from './render-chunk-fixture';

async function state(visitor: Visitor, renderId: string): Promise<RenderChunkState> {
  return renderChunkStateSchema.parse(
    await (await visitor.fetch(`/api/renders/${renderId}/chunks`)).json(),
  );
}

async function storedKeys(renderId: string): Promise<string[]> {
  return (await env.MEDIA.list({ prefix: `renders/${renderId}/` })).objects
    .map((o) => o.key)
    .sort();
}

async function newJob(): Promise<{ visitor: Visitor; job: RenderJobInfo }> {
  const visitor = new Visitor();
  const job = await visitor.startExport((await visitor.sessionWithDraft()).id);
  return { visitor, job };
}

describe('render chunks', () => {
  it('records chunks in order; the same chunk again is a no-op; the bytes read back', async () => {
    const { visitor, job } = await newJob();
    const before = await state(visitor, job.id);
    expect(before).toMatchObject({
      version: 0,
      chunkCount: 8,
      chunkFrames: 120,
      totalFrames: 900,
      chunks: [],
      audio: null,
    });

    const first = await putChunk(visitor, job.id, 0, chunkFile(job, 0), {
      'X-Render-Attempt': crypto.randomUUID(),
    });
    expect(first.status).toBe(200);
    expect(renderChunkStateSchema.parse(await first.json()).version).toBe(1);
    const again = await putChunk(visitor, job.id, 0, chunkFile(job, 0));
    expect(again.status).toBe(200);
    const after = renderChunkStateSchema.parse(await again.json());
    expect(after.version).toBe(1);
    expect(after.chunks).toHaveLength(1);
    expect(after.chunks[0]).toMatchObject({ index: 0, firstFrame: 0, frames: 120 });
    expect(await storedKeys(job.id)).toHaveLength(1);

    const back = await visitor.fetch(`/api/renders/${job.id}/chunks/0`);
    expect(new Uint8Array(await back.arrayBuffer())).toEqual(chunkFile(job, 0));
    const info = renderJobInfoSchema.parse(
      await (await visitor.fetch(`/api/renders/${job.id}`)).json(),
    );
    expect(info.status).toBe('rendering');
  });

  it('refuses a chunk out of order, other bytes for a stored chunk, other encoder settings, and a bad chunk', async () => {
    const { visitor, job } = await newJob();
    const early = await putChunk(visitor, job.id, 1, chunkFile(job, 1));
    expect(early.status).toBe(409);
    expect((await readError(early)).code).toBe('chunk_out_of_order');
    expect(await storedKeys(job.id)).toEqual([]);

    expect((await putChunk(visitor, job.id, 0, chunkFile(job, 0))).status).toBe(200);
    const other = await putChunk(visitor, job.id, 0, chunkFile(job, 0, { seed: 9 }));
    expect(other.status).toBe(409);
    expect((await readError(other)).code).toBe('chunk_conflict');

    const mismatch = await putChunk(
      visitor,
      job.id,
      1,
      chunkFile(job, 1, { encoderKey: 'avc1.64002A 1920x1080 30fps 9000000bps gop60' }),
    );
    expect(mismatch.status).toBe(409);
    expect((await readError(mismatch)).code).toBe('chunk_mismatch');

    const wrongRange = await putChunk(visitor, job.id, 1, chunkFile(job, 2));
    expect(wrongRange.status).toBe(400);
    expect((await readError(wrongRange)).code).toBe('invalid_chunk');
    const junk = await putChunk(visitor, job.id, 1, new TextEncoder().encode('not a chunk at all'));
    expect((await readError(junk)).code).toBe('invalid_chunk');

    expect((await state(visitor, job.id)).version).toBe(1);
    expect(await storedKeys(job.id)).toHaveLength(1);
  });

  it('records one of two concurrent uploads of a chunk (check-and-set) and keeps no orphan', async () => {
    const { visitor, job } = await newJob();
    const answers = await Promise.all([
      putChunk(visitor, job.id, 0, chunkFile(job, 0, { seed: 1 })),
      putChunk(visitor, job.id, 0, chunkFile(job, 0, { seed: 2 })),
    ]);
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([200, 409]);
    const loser = answers.find((a) => a.status === 409);
    if (loser === undefined) throw new Error('no upload was refused');
    expect(['chunk_conflict', 'chunk_out_of_order']).toContain((await readError(loser)).code);
    const after = await state(visitor, job.id);
    expect(after.version).toBe(1);
    const keys = await storedKeys(job.id);
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(new RegExp(`^renders/${job.id}/chunk-0-[0-9a-f]{16}$`));
    // The object kept is the one recorded.
    const kept = await env.MEDIA.get(keys[0] ?? '');
    if (kept === null) throw new Error('the recorded chunk is not in R2');
    const keptSha = Array.from(
      new Uint8Array(await crypto.subtle.digest('SHA-256', await kept.arrayBuffer())),
      (b) => b.toString(16).padStart(2, '0'),
    ).join('');
    expect(keptSha).toBe(after.chunks[0]?.sha256);

    const same = await Promise.all(
      [1, 2, 3].map(() => putChunk(visitor, job.id, 1, chunkFile(job, 1))),
    );
    expect(same.map((a) => a.status)).toEqual([200, 200, 200]);
    expect((await state(visitor, job.id)).version).toBe(2);
  });

  it('loses nothing when the job is reset or its alarm runs in the middle of an upload', async () => {
    const { visitor, job } = await newJob();
    for (const index of [0, 1])
      expect((await putChunk(visitor, job.id, index, chunkFile(job, index))).status).toBe(200);

    // Chunk 2 arrives slowly; the Durable Object is reset and its alarm runs half-way through.
    const bytes = chunkFile(job, 2);
    const half = Math.floor(bytes.byteLength / 2);
    let feed: ReadableStreamDefaultController<Uint8Array> | null = null;
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => {
        feed = controller;
      },
    });
    const pending = putChunk(visitor, job.id, 2, body, {
      'Content-Length': String(bytes.byteLength),
    });
    const controller = feed as ReadableStreamDefaultController<Uint8Array> | null;
    if (controller === null) throw new Error('stream not started');
    controller.enqueue(bytes.slice(0, half));
    await abortAllDurableObjects();
    const stub = env.RENDER_JOB.get(env.RENDER_JOB.idFromName(job.id));
    await runDurableObjectAlarm(stub);
    controller.enqueue(bytes.slice(half));
    controller.close();
    expect((await pending).status).toBe(200);

    const after = await state(visitor, job.id);
    expect(after.version).toBe(3);
    expect(after.chunks.map((c) => c.index)).toEqual([0, 1, 2]);
    expect(await storedKeys(job.id)).toHaveLength(3);

    // Reset right after a chunk was recorded: the retry of the same bytes is a no-op.
    await abortAllDurableObjects();
    expect((await putChunk(visitor, job.id, 2, chunkFile(job, 2))).status).toBe(200);
    expect((await state(visitor, job.id)).version).toBe(3);
  });

  it('marks a render whose page stopped beating interrupted (at-least-once alarm), keeping its chunks', async () => {
    const { visitor, job } = await newJob();
    expect((await putChunk(visitor, job.id, 0, chunkFile(job, 0))).status).toBe(200);
    const stub = env.RENDER_JOB.get(env.RENDER_JOB.idFromName(job.id));
    expect(await runInDurableObject(stub, (_instance, s) => s.storage.getAlarm())).not.toBeNull();
    await runInDurableObject(stub, (_instance, s) => {
      s.storage.sql.exec('UPDATE job SET updated_at_ms = ?', Date.now() - HEARTBEAT_TIMEOUT_MS - 1);
    });
    await runDurableObjectAlarm(stub);
    await runDurableObjectAlarm(stub);
    const info = renderJobInfoSchema.parse(
      await (await visitor.fetch(`/api/renders/${job.id}`)).json(),
    );
    expect(info.status).toBe('interrupted');
    expect((await state(visitor, job.id)).version).toBe(1);

    // The reopened page resumes: the next chunk brings it back to rendering.
    expect((await putChunk(visitor, job.id, 1, chunkFile(job, 1))).status).toBe(200);
    expect(
      renderJobInfoSchema.parse(await (await visitor.fetch(`/api/renders/${job.id}`)).json())
        .status,
    ).toBe('rendering');
  });

  it('stores the audio once: the first upload is kept, a later one is a no-op, and it reads back', async () => {
    const { visitor, job } = await newJob();
    const audio = audioChunkFile;
    const put = (body: Uint8Array<ArrayBuffer>) =>
      visitor.fetch(`/api/renders/${job.id}/audio`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/octet-stream' },
        body,
      });
    const first = await put(audio(1));
    expect(first.status).toBe(200);
    const stored = renderChunkStateSchema.parse(await first.json()).audio;
    expect(stored?.sizeBytes).toBe(audio(1).byteLength);
    expect((await put(audio(2))).status).toBe(200);
    expect((await state(visitor, job.id)).audio?.sha256).toBe(stored?.sha256);
    expect(await storedKeys(job.id)).toHaveLength(1);
    expect(
      new Uint8Array(await (await visitor.fetch(`/api/renders/${job.id}/audio`)).arrayBuffer()),
    ).toEqual(audio(1));
    const video = await put(chunkFile(job, 0));
    expect((await readError(video)).code).toBe('invalid_chunk');
  });

  it('deletes the chunk objects once the MP4 is stored, keeping the records; another visitor sees nothing', async () => {
    const { visitor, job } = await newJob();
    expect((await putChunk(visitor, job.id, 0, chunkFile(job, 0))).status).toBe(200);
    const stranger = new Visitor();
    expect((await stranger.fetch(`/api/renders/${job.id}/chunks`)).status).toBe(404);
    expect((await putChunk(stranger, job.id, 1, chunkFile(job, 1))).status).toBe(404);

    const put = await visitor.fetch(`/api/renders/${job.id}/file`, {
      method: 'PUT',
      headers: { 'Content-Type': 'video/mp4' },
      body: renderMp4(job.draft.durationMs, 100),
    });
    expect(put.status).toBe(200);
    await expect.poll(() => storedKeys(job.id)).toEqual([]);
    expect((await state(visitor, job.id)).chunks).toHaveLength(1);
    const late = await putChunk(visitor, job.id, 1, chunkFile(job, 1));
    expect((await readError(late)).code).toBe('render_finished');
  });
});
