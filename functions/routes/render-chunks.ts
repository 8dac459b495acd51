/**
 * @module render-chunks
 * Routes of a resumable browser render (docs/http-api.md "Resumable renders"): store each
 * finished GOP-aligned chunk (`PUT /renders/:id/chunks/:k`) and the whole video's audio
 * (`PUT /renders/:id/audio`) in R2 and record them in the `RenderJob`, read where the render
 * stands (`GET /renders/:id/chunks`), and read stored chunks back for the final remux.
 *
 * A chunk is checked (shared/render-chunk-file.ts: its frame range, one packet per frame, a
 * keyframe first, exact timestamps) and hashed before anything is stored; it goes to R2 under a
 * key holding its hash, and only then is it recorded by check-and-set — so a Durable Object
 * reset at any point loses nothing recorded and a retry of the same bytes is a no-op.
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import type { AppEnv } from '../env';
import { ChunkFileError, checkVideoChunk, decodeChunkFile } from '../../shared/render-chunk-file';
import type { ChunkFile } from '../../shared/render-chunk-file';
import { planChunks } from '../../shared/render-chunk-plan';
import { z } from 'zod';
import { renderJob } from '../durable/durable-stubs';
import { audioObjectKey, chunkObjectKey } from '../durable/render-chunk-ledger';
import { ApiError } from '../middleware/api-error';
import { CONTENT_LENGTH_RULE, parseDecimalInt, parseId, unwrap } from './route-helpers';
import type { DecimalIntRule } from './route-helpers';

/**
 * Largest chunk or audio file accepted, bytes: 48 MiB. A 4-s chunk at 1080p30 is ~3.5 MB and
 * the bitrate scales with pixel rate, so even 4K60 (~28 MB) fits; the body is held in memory
 * (to hash it before choosing its key), far below the Worker's 128 MB.
 */
export const MAX_CHUNK_BYTES = 48 * 1024 ** 2;

/** Header naming the page session that encoded a chunk (a UUID), kept in its record. */
export const RENDER_ATTEMPT_HEADER = 'X-Render-Attempt';

/** Highest chunk number read from a path: a 10-minute draft has 150 chunks of 4 s; checkVideoChunk then holds it to the plan. */
export const MAX_CHUNK_INDEX = 100_000;
/** A chunk number in the path: plain decimal digits from 0 (400 `invalid_chunk` otherwise). */
const CHUNK_INDEX_RULE: DecimalIntRule = {
  min: 0,
  max: MAX_CHUNK_INDEX,
  code: 'invalid_chunk',
  message: `The chunk number must be a whole number from 0 to ${MAX_CHUNK_INDEX}, in plain decimal digits.`,
};
const attemptSchema = z.uuid();

/** Reads the whole body (Content-Length required, at most {@link MAX_CHUNK_BYTES}). */
async function readChunkBody(c: Context<AppEnv>): Promise<Uint8Array<ArrayBuffer>> {
  const lengthHeader = c.req.header('Content-Length');
  if (lengthHeader === undefined) throw new ApiError(411, 'length_required', 'Send the chunk with a Content-Length header.');
  const length = parseDecimalInt(lengthHeader, CONTENT_LENGTH_RULE);
  if (length === 0) throw new ApiError(400, 'invalid_chunk', 'The chunk is empty.');
  if (length > MAX_CHUNK_BYTES) throw new ApiError(413, 'payload_too_large', `A render chunk may be at most ${MAX_CHUNK_BYTES / 1024 ** 2} MiB.`);
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = new Uint8Array(await c.req.arrayBuffer());
  } catch (cause) {
    throw new ApiError(400, 'upload_incomplete', 'The chunk did not arrive whole; send it again.', { cause });
  }
  if (bytes.byteLength !== length) throw new ApiError(400, 'upload_incomplete', `The chunk had ${bytes.byteLength} of its ${length} bytes; send it again.`);
  return bytes;
}

function decode(bytes: Uint8Array): ChunkFile {
  try {
    return decodeChunkFile(bytes);
  } catch (error) {
    if (error instanceof ChunkFileError) throw new ApiError(400, 'invalid_chunk', `${error.message}.`, { cause: error });
    throw error;
  }
}

async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Streams a stored chunk or audio object back. */
async function serveObject(c: Context<AppEnv>, r2Key: string): Promise<Response> {
  const object = await c.env.MEDIA.get(r2Key);
  if (object === null) throw new ApiError(404, 'not_found', 'This chunk is missing from storage.');
  return c.body(object.body, 200, {
    'Content-Type': 'application/octet-stream',
    'Content-Length': String(object.size),
    'Cache-Control': 'private, max-age=0, must-revalidate',
  });
}

/** Resumable-render routes, mounted under `/api`. */
export const renderChunkRoutes = new Hono<AppEnv>()
  .get('/renders/:id/chunks', async (c) => {
    const renderId = parseId(c.req.param('id'), 'render');
    return c.json(unwrap(await renderJob(c.env, renderId).chunkState(c.get('visitorId'))));
  })
  .put('/renders/:id/chunks/:index', async (c) => {
    const visitorId = c.get('visitorId');
    const renderId = parseId(c.req.param('id'), 'render');
    const index = parseDecimalInt(c.req.param('index'), CHUNK_INDEX_RULE);
    const attemptHeader = c.req.header(RENDER_ATTEMPT_HEADER);
    const attempt = attemptHeader === undefined ? null : attemptSchema.safeParse(attemptHeader).data ?? null;
    const job = renderJob(c.env, renderId);
    const info = unwrap(await job.info(visitorId));
    const bytes = await readChunkBody(c);
    const file = decode(bytes);
    const plan = planChunks({ durationMs: info.draft.durationMs, fps: info.draft.canvas.fps });
    try {
      checkVideoChunk(file.header, plan, index);
    } catch (error) {
      if (error instanceof ChunkFileError) throw new ApiError(400, 'invalid_chunk', `${error.message}.`, { cause: error });
      throw error;
    }
    const sha256 = await sha256Hex(bytes);
    const admission = unwrap(await job.admitChunk(visitorId, index, sha256));
    if (!admission.store) return c.json(admission.state);
    const r2Key = chunkObjectKey(renderId, index, sha256);
    await c.env.MEDIA.put(r2Key, bytes, { httpMetadata: { contentType: 'application/octet-stream' } });
    const recorded = await job.recordChunk(visitorId, {
      index: index,
      expectedVersion: index,
      firstFrame: file.header.firstFrame,
      frames: file.header.frameCount,
      sizeBytes: bytes.byteLength,
      sha256,
      encoderKey: file.header.encoderKey,
      r2Key,
      attempt,
    });
    if (!recorded.ok) {
      // Another upload of this chunk won the check-and-set with other bytes: ours is an orphan.
      await c.env.MEDIA.delete(r2Key).catch(() => undefined);
      unwrap(recorded);
    }
    return c.json(unwrap(recorded).state);
  })
  .get('/renders/:id/chunks/:index', async (c) => {
    const renderId = parseId(c.req.param('id'), 'render');
    const index = parseDecimalInt(c.req.param('index'), CHUNK_INDEX_RULE);
    const target = unwrap(await renderJob(c.env, renderId).chunkObject(c.get('visitorId'), index));
    return serveObject(c, target.r2Key);
  })
  .put('/renders/:id/audio', async (c) => {
    const visitorId = c.get('visitorId');
    const renderId = parseId(c.req.param('id'), 'render');
    const job = renderJob(c.env, renderId);
    unwrap(await job.info(visitorId));
    const bytes = await readChunkBody(c);
    if (decode(bytes).header.kind !== 'audio') throw new ApiError(400, 'invalid_chunk', 'This is not an audio chunk file.');
    const sha256 = await sha256Hex(bytes);
    const r2Key = audioObjectKey(renderId, sha256);
    await c.env.MEDIA.put(r2Key, bytes, { httpMetadata: { contentType: 'application/octet-stream' } });
    const result = unwrap(await job.recordAudio(visitorId, { sizeBytes: bytes.byteLength, sha256, r2Key }));
    // Audio from another page was stored first and is kept: ours is an orphan.
    if (!result.recorded) await c.env.MEDIA.delete(r2Key).catch(() => undefined);
    return c.json(result.state);
  })
  .get('/renders/:id/audio', async (c) => {
    const renderId = parseId(c.req.param('id'), 'render');
    const target = unwrap(await renderJob(c.env, renderId).chunkObject(c.get('visitorId'), 'audio'));
    return serveObject(c, target.r2Key);
  });

/**
 * Deletes a completed render's chunk and audio objects (the MP4 holds them now); the records
 * stay in the job. Failures are logged: leftovers cost storage, never correctness.
 */
export async function deleteChunkObjects(env: AppEnv['Bindings'], renderId: string, visitorId: string): Promise<void> {
  try {
    const keys = await renderJob(env, renderId).chunkObjectKeys(visitorId);
    if (keys.length > 0) await env.MEDIA.delete(keys);
  } catch (error) {
    console.error('deleting render chunks failed', error);
  }
}
