/**
 * @module render-chunks
 * Routes of a resumable browser render (docs/http-api.md "Resumable renders"): store each
 * finished GOP-aligned chunk (`PUT /renders/:id/chunks/:k`) and the whole video's audio
 * (`PUT /renders/:id/audio`) in R2 and record them in the `RenderJob`, read where the render
 * stands (`GET /renders/:id/chunks`), and read stored chunks back for the final remux.
 *
 * A chunk's body is streamed to R2 (never held whole; hashed as it passes) under a key new for
 * this upload; its header is then read back with ranged reads and checked (shared/render-chunk-file.ts:
 * sizes that add up, the codec, its frame range, one packet per frame, a keyframe first, exact
 * timestamps) before it is recorded by check-and-set. Whatever is refused, or not recorded
 * (the same bytes were already), is deleted, so a Durable Object reset at any point loses
 * nothing recorded and a retry of the same bytes is a no-op.
 * The same routes serve render workers under `/api/fleet` (fleet.ts), each call made under the
 * lease of its unit instead of the owner's cookie ({@link chunkRoutes}).
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import type { AppEnv } from '../env';
import type { JobCaller } from '../durable/render-job';
import {
  CHUNK_PREFIX_BYTES,
  ChunkFileError,
  checkChunkCodec,
  checkVideoChunk,
  parseChunkHeader,
  readChunkHeaderLength,
} from '../../shared/render-chunk-file';
import type { ChunkHeader } from '../../shared/render-chunk-file';
import { planChunks } from '../../shared/render-chunk-plan';
import { z } from 'zod';
import { renderJob } from '../durable/durable-stubs';
import { audioObjectKey, chunkObjectKey } from '../durable/render-chunk-ledger';
import { StreamLengthError, pipeExactLength } from '../media/pipe-exact-length';
import { r2RangeReader } from '../media/r2-range-reader';
import { ApiError } from '../middleware/api-error';
import { CONTENT_LENGTH_RULE, parseDecimalInt, parseId, unwrap } from '../http/route-helpers';
import type { DecimalIntRule } from '../http/route-helpers';

/**
 * Largest chunk or audio file accepted, bytes: 48 MiB. A 4-s chunk at 1080p30 is ~3.5 MB and
 * the bitrate scales with pixel rate, so even 4K60 (~28 MB) fits. The body is streamed to R2,
 * never held in memory; only its header (at most 8 MiB, MAX_CHUNK_HEADER_BYTES) is read back.
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

/** workerd's streaming hash (`crypto.DigestStream`), which the `Crypto` type merged with Node's lacks. */
const { DigestStream: Sha256Stream } = crypto as Crypto & { DigestStream: typeof DigestStream };
const attemptSchema = z.uuid();

/** A chunk or audio file streamed to R2 and checked. */
interface StoredChunk {
  sizeBytes: number;
  sha256: string;
  header: ChunkHeader;
}

/** The body's `Content-Length`: required, a byte count of at most {@link MAX_CHUNK_BYTES}. */
function chunkLength(c: Context<AppEnv>): number {
  const lengthHeader = c.req.header('Content-Length');
  if (lengthHeader === undefined)
    throw new ApiError(411, 'length_required', 'Send the chunk with a Content-Length header.');
  const length = parseDecimalInt(lengthHeader, CONTENT_LENGTH_RULE);
  if (length === 0) throw new ApiError(400, 'invalid_chunk', 'The chunk is empty.');
  if (length > MAX_CHUNK_BYTES)
    throw new ApiError(
      413,
      'payload_too_large',
      `A render chunk may be at most ${MAX_CHUNK_BYTES / 1024 ** 2} MiB.`,
    );
  return length;
}

/** The header of the `sizeBytes`-long chunk file stored at `r2Key`, read by range and parsed. @throws ChunkFileError */
async function storedChunkHeader(
  bucket: R2Bucket,
  r2Key: string,
  sizeBytes: number,
): Promise<ChunkHeader> {
  const read = r2RangeReader(bucket, r2Key);
  const headerLength = readChunkHeaderLength(await read(0, CHUNK_PREFIX_BYTES), sizeBytes);
  return parseChunkHeader(await read(CHUNK_PREFIX_BYTES, headerLength), sizeBytes);
}

/**
 * Streams the request body to R2 at `r2Key`, hashing it on the way, then reads its header back
 * and checks it with `check` (which throws {@link ChunkFileError}). A refused file is deleted.
 * @throws {ApiError} 411/413 (Content-Length), 400 `upload_incomplete` (the body ran short or
 *   long) or `invalid_chunk` (the file is not what it claims)
 */
async function storeChunk(
  c: Context<AppEnv>,
  r2Key: string,
  check: (header: ChunkHeader) => void,
): Promise<StoredChunk> {
  const length = chunkLength(c);
  const body = c.req.raw.body;
  if (body === null)
    throw new ApiError(400, 'upload_incomplete', 'The chunk arrived empty; send it again.');
  const digest = new Sha256Stream('SHA-256');
  const hashing = digest.getWriter();
  try {
    await pipeExactLength({
      prefix: [],
      reader: body.getReader(),
      lengthBytes: length,
      sink: (readable) =>
        c.env.MEDIA.put(r2Key, readable, {
          httpMetadata: { contentType: 'application/octet-stream' },
        }),
      beforeWrite: (_receivedBytes, chunk) => hashing.write(chunk),
    });
  } catch (error) {
    if (!(error instanceof StreamLengthError)) throw error;
    throw new ApiError(
      400,
      'upload_incomplete',
      `The chunk had ${error.receivedBytes} of its ${length} bytes; send it again.`,
      { cause: error },
    );
  }
  await hashing.close();
  const sha256 = Array.from(new Uint8Array(await digest.digest), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
  try {
    const header = await storedChunkHeader(c.env.MEDIA, r2Key, length);
    checkChunkCodec(header);
    check(header);
    return { sizeBytes: length, sha256, header };
  } catch (error) {
    await deleteOrphan(c.env, r2Key);
    if (error instanceof ChunkFileError)
      throw new ApiError(400, 'invalid_chunk', `${error.message}.`, { cause: error });
    throw error;
  }
}

/** A key tag new for each upload (see {@link chunkObjectKey}). */
function uploadTag(): string {
  return crypto.randomUUID().replaceAll('-', '').slice(0, 16);
}

/** Streams a stored chunk or audio object back. */
async function serveObject(c: Context<AppEnv>, r2Key: string): Promise<Response> {
  const object = await c.env.MEDIA.get(r2Key);
  if (object === null) throw new ApiError(404, 'not_found', 'This chunk is missing from storage.');
  return c.body(object.body, 200, {
    'Content-Type': 'application/octet-stream',
    'X-Content-Type-Options': 'nosniff',
    'Content-Length': String(object.size),
    'Cache-Control': 'private, max-age=0, must-revalidate',
  });
}

/** Who a request acts as: the visitor (owner), or a render worker's lease (fleet.ts). */
export type CallerOf = (c: Context<AppEnv>) => JobCaller;

/**
 * The resumable-render routes, each acting as `callerOf(c)`: a visitor's chunks are recorded in
 * order (check-and-set on the version), a lease holder's in any order.
 */
export function chunkRoutes(callerOf: CallerOf) {
  return new Hono<AppEnv>()
    .get('/renders/:id/chunks', async (c) => {
      const renderId = parseId(c.req.param('id'), 'render');
      return c.json(unwrap(await renderJob(c.env, renderId).chunkState(callerOf(c))));
    })
    .put('/renders/:id/chunks/:index', async (c) => {
      const visitorId = callerOf(c);
      const renderId = parseId(c.req.param('id'), 'render');
      const index = parseDecimalInt(c.req.param('index'), CHUNK_INDEX_RULE);
      const attemptHeader = c.req.header(RENDER_ATTEMPT_HEADER);
      const attempt =
        attemptHeader === undefined ? null : (attemptSchema.safeParse(attemptHeader).data ?? null);
      const job = renderJob(c.env, renderId);
      const info = unwrap(await job.info(visitorId));
      const plan = planChunks({ durationMs: info.draft.durationMs, fps: info.draft.canvas.fps });
      const r2Key = chunkObjectKey(renderId, index, uploadTag());
      const chunk = await storeChunk(c, r2Key, (header) => checkVideoChunk(header, plan, index));
      const recorded = await job.recordChunk(visitorId, {
        index: index,
        expectedVersion: typeof visitorId === 'string' ? index : null,
        firstFrame: chunk.header.firstFrame,
        frames: chunk.header.frameCount,
        sizeBytes: chunk.sizeBytes,
        sha256: chunk.sha256,
        encoderKey: chunk.header.encoderKey,
        r2Key,
        attempt,
      });
      // Refused (out of order, other bytes recorded, job finished), or these very bytes were
      // recorded already under another upload's key: ours is an orphan.
      if (!recorded.ok || !recorded.value.recorded) await deleteOrphan(c.env, r2Key);
      return c.json(unwrap(recorded).state);
    })
    .get('/renders/:id/chunks/:index', async (c) => {
      const renderId = parseId(c.req.param('id'), 'render');
      const index = parseDecimalInt(c.req.param('index'), CHUNK_INDEX_RULE);
      const target = unwrap(await renderJob(c.env, renderId).chunkObject(callerOf(c), index));
      return serveObject(c, target.r2Key);
    })
    .put('/renders/:id/audio', async (c) => {
      const visitorId = callerOf(c);
      const renderId = parseId(c.req.param('id'), 'render');
      const job = renderJob(c.env, renderId);
      unwrap(await job.info(visitorId));
      const r2Key = audioObjectKey(renderId, uploadTag());
      const audio = await storeChunk(c, r2Key, (header) => {
        if (header.kind !== 'audio') throw new ChunkFileError('this is not an audio chunk file');
      });
      const recorded = await job.recordAudio(visitorId, {
        sizeBytes: audio.sizeBytes,
        sha256: audio.sha256,
        r2Key,
      });
      // Audio from another page was stored first and is kept: ours is an orphan.
      if (!recorded.ok || !recorded.value.recorded) await deleteOrphan(c.env, r2Key);
      return c.json(unwrap(recorded).state);
    })
    .get('/renders/:id/audio', async (c) => {
      const renderId = parseId(c.req.param('id'), 'render');
      const target = unwrap(await renderJob(c.env, renderId).chunkObject(callerOf(c), 'audio'));
      return serveObject(c, target.r2Key);
    });
}

/** Resumable-render routes of the visitor's own renders, mounted under `/api`. */
export const renderChunkRoutes = chunkRoutes((c) => c.get('visitorId'));

/**
 * Deletes an upload's object that was refused or not recorded. A failed delete is logged, never
 * thrown: the refusal stays the answer, and a stray object costs storage, never correctness.
 */
async function deleteOrphan(env: AppEnv['Bindings'], r2Key: string): Promise<void> {
  await env.MEDIA.delete(r2Key).catch((error: unknown) =>
    console.error(`deleting the orphan ${r2Key} failed`, error),
  );
}

/**
 * Deletes a completed render's chunk and audio objects (the MP4 holds them now); the records
 * stay in the job. Failures are logged: leftovers cost storage, never correctness.
 */
export async function deleteChunkObjects(
  env: AppEnv['Bindings'],
  renderId: string,
  visitorId: JobCaller,
): Promise<void> {
  try {
    const keys = await renderJob(env, renderId).chunkObjectKeys(visitorId);
    if (keys.length > 0) await env.MEDIA.delete(keys);
  } catch (error) {
    console.error('deleting render chunks failed', error);
  }
}
