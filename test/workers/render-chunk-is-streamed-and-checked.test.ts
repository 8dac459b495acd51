/**
 * A render chunk is streamed to R2 and checked from what was stored before it is recorded
 * (issue 10, items 5 and 7): a chunk that claims another codec than H.264, or whose bytes do
 * not add up to what its header says, is refused with 400 `invalid_chunk` and nothing is kept;
 * a large chunk sent as a stream is stored whole, hashed as it passed, and served back as
 * bytes browsers must not sniff.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { renderChunkStateSchema } from '../../shared/api-schema';
import { chunkFrameRange, planChunks } from '../../shared/render-chunk-plan';
import type { RenderChunkState, RenderJobInfo } from '../../shared/api-schema';
import { Visitor, readError } from './visitor-client';
import { chunkFile, putChunk } from './render-chunk-fixture';

/** Bytes of the large chunk: 40 MiB, near the 48-MiB limit (routes/render-chunks.ts MAX_CHUNK_BYTES). */
const LARGE_CHUNK_BYTES = 40 * 1024 ** 2;
/** Size of the pieces the large chunk is sent in: 1 MiB. */
const PIECE_BYTES = 1024 ** 2;

async function newJob(): Promise<{ visitor: Visitor; job: RenderJobInfo }> {
  const visitor = new Visitor();
  const job = await visitor.startExport((await visitor.sessionWithDraft()).id);
  return { visitor, job };
}

async function state(visitor: Visitor, renderId: string): Promise<RenderChunkState> {
  return renderChunkStateSchema.parse(
    await (await visitor.fetch(`/api/renders/${renderId}/chunks`)).json(),
  );
}

async function storedObjects(renderId: string): Promise<R2Object[]> {
  return (await env.MEDIA.list({ prefix: `renders/${renderId}/` })).objects;
}

async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  return Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
}

async function refused(
  visitor: Visitor,
  job: RenderJobInfo,
  body: Uint8Array<ArrayBuffer>,
  message: RegExp,
): Promise<void> {
  const response = await putChunk(visitor, job.id, 0, body);
  expect(response.status).toBe(400);
  const error = await readError(response);
  expect(error.code).toBe('invalid_chunk');
  expect(error.message).toMatch(message);
  expect((await state(visitor, job.id)).version).toBe(0);
  expect(await storedObjects(job.id)).toHaveLength(0);
}

describe('a render chunk', { timeout: 30_000 }, () => {
  it('claiming a codec other than H.264 is refused and not kept', async () => {
    const { visitor, job } = await newJob();
    await refused(visitor, job, chunkFile(job, 0, { codec: 'vp8' }), /"vp8", not H\.264/);
  });

  it('with bytes beyond what its header says is refused and not kept', async () => {
    const { visitor, job } = await newJob();
    const valid = chunkFile(job, 0);
    const longer = new Uint8Array(valid.byteLength + 76);
    longer.set(valid, 0);
    longer.set(
      new TextEncoder().encode('<html><script>alert(1)</script></html>'),
      valid.byteLength,
    );
    await refused(visitor, job, longer, /longer than its header says/);
  });

  it('of 40 MiB sent as a stream is stored whole, hashed, and served back unsniffed', async () => {
    const { visitor, job } = await newJob();
    const { frameCount } = chunkFrameRange(
      planChunks({ durationMs: job.draft.durationMs, fps: job.draft.canvas.fps }),
      0,
    );
    const bytes = chunkFile(job, 0, { packetBytes: Math.floor(LARGE_CHUNK_BYTES / frameCount) });
    expect(bytes.byteLength).toBeGreaterThan(LARGE_CHUNK_BYTES - PIECE_BYTES);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= bytes.byteLength) return controller.close();
        controller.enqueue(bytes.slice(sent, sent + PIECE_BYTES));
        sent += PIECE_BYTES;
      },
    });
    const response = await putChunk(visitor, job.id, 0, body, {
      'Content-Length': String(bytes.byteLength),
    });
    expect(response.status).toBe(200);
    const after = renderChunkStateSchema.parse(await response.json());
    expect(after.version).toBe(1);
    expect(after.chunks[0]).toMatchObject({
      sizeBytes: bytes.byteLength,
      sha256: await sha256Hex(bytes),
    });
    const objects = await storedObjects(job.id);
    expect(objects.map((o) => o.size)).toEqual([bytes.byteLength]);

    const served = await visitor.fetch(`/api/renders/${job.id}/chunks/0`);
    expect(served.status).toBe(200);
    expect(served.headers.get('Content-Type')).toBe('application/octet-stream');
    expect(served.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(await sha256Hex(new Uint8Array(await served.arrayBuffer()))).toBe(
      after.chunks[0]?.sha256,
    );
  }, 60_000);
});
