/**
 * @module media
 * Upload routes (docs/http-api.md "Uploads"): a resumable, chunked upload through the Worker
 * into R2 multipart — create, PUT each part (≤ 8 MiB, far under the 100 MB request limit),
 * ask which parts exist to resume, complete — then the browser's probe (media info +
 * thumbnail), the file itself (with Range) and delete. Every route first checks that the
 * session is the visitor's (404 otherwise), and media is keyed by session in R2. Each upload
 * counts against the visitor's upload quota from create until deleted (403
 * `upload_quota_exceeded`; durable/upload-quota.ts), and one abandoned mid-way is removed by
 * the visitor account's alarm.
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env';
import {
  ACCEPTED_FORMATS_TEXT,
  KIND_BY_FORMAT,
  MAX_UPLOAD_BYTES,
  UPLOAD_PART_BYTES,
  createUploadBodySchema,
  mediaInfoBodySchema,
  partCountFor,
  partSizeFor,
} from '../../shared/media-schema';
import type { MediaRecord } from '../media/media-store';
import type { VersionedRecord } from '../media/media-store';
import {
  MAX_MEDIA_PER_SESSION,
  deleteMedia,
  deletePart,
  deleteParts,
  fileKey,
  listParts,
  listRecords,
  readVersionedRecord,
  toItem,
  writePart,
  writeRecord,
} from '../media/media-store';
import { SNIFF_BYTES, readPrefix, sniffUploadFormat } from '../media/sniff-upload-format';
import { SinkError, StreamLengthError, pipeExactLength } from '../media/pipe-exact-length';
import { sessionRoom, visitorAccount } from '../durable/durable-stubs';
import { readQuotaConfig } from '../quota/quota-config';
import { ApiError } from '../middleware/api-error';
import { jsonBodyLimit, readJsonBody } from '../middleware/json-body';

import { serveR2Object } from '../media/serve-r2-object';
import { attachmentDisposition } from '../media/download-name';
import { CONTENT_LENGTH_RULE, parseDecimalInt, parseId, unwrap } from '../http/route-helpers';

/** The remote contract's code for "unsupported file type" (docs/remote-api.md#error-codes). */
export const CONTRACT_UNSUPPORTED_TYPE = 4001;
/** The remote contract's code for "file too large" (docs/remote-api.md#error-codes). */
export const CONTRACT_TOO_LARGE = 4002;

const MEDIA_NOT_FOUND = 'No such upload (it does not exist or belongs to another session).';

/** Content types served for stored files, by sniffed format. */
const CONTENT_TYPE_BY_FORMAT: Readonly<Record<string, string>> = {
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  avi: 'video/x-msvideo',
  webm: 'video/webm',
  mkv: 'video/x-matroska',
  jpg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  m4a: 'audio/mp4',
  aac: 'audio/aac',
  ogg: 'audio/ogg',
};

/**
 * Most check-and-set writes of a completed upload's record, count: 3. Each lost write means a
 * parallel request changed the record in the few ms between read and write; three in a row
 * means a storm of requests, answered 409 `upload_completing` (retry) rather than looping.
 */
export const MAX_RECORD_WRITES = 3;

/** The session id of the path, after checking the session is the visitor's. */
async function ownedSession(c: Context<AppEnv>): Promise<string> {
  const sessionId = parseId(c.req.param('id'), 'session');
  unwrap(await sessionRoom(c.env, sessionId).info(c.get('visitorId')));
  return sessionId;
}

/** The record of the path's media id in `sessionId`, with its etag. @throws {ApiError} 404 */
async function ownedVersionedRecord(
  c: Context<AppEnv>,
  sessionId: string,
): Promise<VersionedRecord> {
  const mediaId = z.uuid().safeParse(c.req.param('mediaId'));
  const read = mediaId.success
    ? await readVersionedRecord(c.env.MEDIA, sessionId, mediaId.data)
    : null;
  if (read === null) throw new ApiError(404, 'not_found', MEDIA_NOT_FOUND);
  return read;
}

/** The record of the path's media id in `sessionId`. @throws {ApiError} 404 */
async function ownedRecord(c: Context<AppEnv>, sessionId: string): Promise<MediaRecord> {
  return (await ownedVersionedRecord(c, sessionId)).record;
}

/** The record as it is now, when its upload is no longer `uploading` (another request completed it); else null. */
async function finishedMeanwhile(
  c: Context<AppEnv>,
  record: MediaRecord,
): Promise<MediaRecord | null> {
  const now = await readVersionedRecord(c.env.MEDIA, record.sessionId, record.id);
  if (now === null) throw new ApiError(404, 'not_found', MEDIA_NOT_FOUND);
  return now.record.status === 'uploading' ? null : now.record;
}

/** A part sent for an upload that is already complete (before or while it was sent). */
function alreadyComplete(): ApiError {
  return new ApiError(409, 'upload_finished', 'This upload is already complete.');
}

/** The upload changed while this request completed it: the caller completes it again. */
function completing(cause?: unknown): ApiError {
  return new ApiError(
    409,
    'upload_completing',
    'This upload changed while it was being completed (a part was sent again, or another request is completing it); complete it again in a moment.',
    { cause },
  );
}

/**
 * Completes the R2 multipart upload of `versioned` and stores the record as `stored`, by
 * check-and-set, so parallel completes of one upload all end with the one stored record: a
 * loser whose R2 complete failed (the winner's removed the multipart upload) or whose record
 * write lost answers with the record the winner stored.
 * @throws {ApiError} 409 `upload_incomplete` (parts missing) or `upload_completing` (a part
 *   was sent again, or another request is completing it right now: ask again)
 */
async function completeUpload(
  c: Context<AppEnv>,
  versioned: VersionedRecord,
): Promise<MediaRecord> {
  const { record } = versioned;
  const parts = await listParts(c.env.MEDIA, record.sessionId, record.id);
  const have = new Set(parts.map((part) => part.partNumber));
  const missing = range(record.partCount).filter((n) => !have.has(n));
  if (missing.length > 0 || record.format === null) {
    // The winner of a parallel complete deletes the part records once it stored the record.
    const finished = await finishedMeanwhile(c, record);
    if (finished !== null) return finished;
    throw new ApiError(
      409,
      'upload_incomplete',
      `Parts ${missing.join(', ')} of this upload are missing; send them, then complete.`,
    );
  }
  const upload = c.env.MEDIA.resumeMultipartUpload(
    fileKey(record.sessionId, record.id),
    record.uploadId,
  );
  try {
    await upload.complete(parts.map((part) => ({ partNumber: part.partNumber, etag: part.etag })));
  } catch (error) {
    const finished = await finishedMeanwhile(c, record);
    if (finished !== null) return finished;
    // R2 refused: either another complete made the file whole and has not stored the record
    // yet (then storing it is the same write), or a part was sent again meanwhile (its new etag
    // is not the one listed) or another complete is still at work: try again later.
    const file = await c.env.MEDIA.head(fileKey(record.sessionId, record.id));
    if (file === null || file.size !== record.sizeBytes) throw completing(error);
  }
  // The file is whole: store the record as such, by check-and-set over whatever changed it meanwhile.
  let current: VersionedRecord | null = versioned;
  for (let attempt = 0; attempt < MAX_RECORD_WRITES && current !== null; attempt++) {
    if (current.record.status !== 'uploading') return current.record;
    const stored: MediaRecord = { ...current.record, status: 'stored' };
    if (await writeRecord(c.env.MEDIA, stored, current.etag)) {
      await deleteParts(c.env.MEDIA, record.sessionId, record.id);
      return stored;
    }
    current = await readVersionedRecord(c.env.MEDIA, record.sessionId, record.id);
  }
  if (current === null) throw new ApiError(404, 'not_found', MEDIA_NOT_FOUND);
  throw completing();
}

function tooLarge(sizeBytes: number): ApiError {
  const mb = (sizeBytes / 1_000_000).toFixed(0);
  return new ApiError(
    413,
    'file_too_large',
    `This file is ${mb} MB; uploads may be at most ${MAX_UPLOAD_BYTES / 1_000_000} MB. Trim it to the part you need or compress it (a lower bitrate or resolution), then upload again.`,
    { contractCode: CONTRACT_TOO_LARGE },
  );
}

function unsupported(name: string): ApiError {
  return new ApiError(
    415,
    'unsupported_media_type',
    `"${name}" is not a file we can use. Accepted: ${ACCEPTED_FORMATS_TEXT}.`,
    { contractCode: CONTRACT_UNSUPPORTED_TYPE },
  );
}

/** Deletes an upload (media-store.ts) and releases its quota in the visitor's account. */
async function removeUpload(c: Context<AppEnv>, record: MediaRecord): Promise<void> {
  await deleteMedia(c.env.MEDIA, record);
  await visitorAccount(c.env, c.get('visitorId')).releaseUpload(record.id);
}

/** Upload routes, mounted under `/api`. */
export const mediaRoutes = new Hono<AppEnv>()
  .post('/sessions/:id/media', jsonBodyLimit(), async (c) => {
    const sessionId = await ownedSession(c);
    const body = await readJsonBody(c, createUploadBodySchema);
    if (body.sizeBytes > MAX_UPLOAD_BYTES) throw tooLarge(body.sizeBytes);
    const mediaId = crypto.randomUUID();
    const quota = readQuotaConfig(c.env);
    unwrap(
      await visitorAccount(c.env, c.get('visitorId')).reserveUpload({
        mediaId,
        sessionId,
        sizeBytes: body.sizeBytes,
        atMs: Date.now(),
        maxUploads: quota.uploadsPerVisitor,
        maxBytes: quota.uploadBytesPerVisitor,
        maxPerSession: MAX_MEDIA_PER_SESSION,
      }),
    );
    const upload = await c.env.MEDIA.createMultipartUpload(fileKey(sessionId, mediaId));
    const record: MediaRecord = {
      id: mediaId,
      sessionId,
      name: body.name,
      sizeBytes: body.sizeBytes,
      format: null,
      kind: null,
      status: 'uploading',
      partSizeBytes: UPLOAD_PART_BYTES,
      partCount: partCountFor(body.sizeBytes),
      info: null,
      thumbnail: null,
      createdAtMs: Date.now(),
      uploadId: upload.uploadId,
    };
    await writeRecord(c.env.MEDIA, record);
    return c.json({ media: toItem(record), uploadedParts: [] }, 201);
  })
  .get('/sessions/:id/media', async (c) => {
    const sessionId = await ownedSession(c);
    const records = await listRecords(c.env.MEDIA, sessionId);
    return c.json({ media: records.map(toItem) });
  })
  .get('/sessions/:id/media/:mediaId', async (c) => {
    const sessionId = await ownedSession(c);
    const record = await ownedRecord(c, sessionId);
    const parts =
      record.status === 'uploading' ? await listParts(c.env.MEDIA, sessionId, record.id) : [];
    const uploadedParts =
      record.status === 'uploading'
        ? parts.map((part) => part.partNumber)
        : range(record.partCount);
    return c.json({ media: toItem(record), uploadedParts });
  })
  .put('/sessions/:id/media/:mediaId/parts/:part', async (c) => {
    const sessionId = await ownedSession(c);
    const { record, etag } = await ownedVersionedRecord(c, sessionId);
    if (record.status !== 'uploading') throw alreadyComplete();
    const partNumber = parseDecimalInt(c.req.param('part'), {
      min: 1,
      max: record.partCount,
      code: 'invalid_part',
      message: `Part numbers of this upload go from 1 to ${record.partCount}, in plain decimal digits.`,
    });
    const expected = partSizeFor(record.sizeBytes, partNumber);
    const lengthHeader = c.req.header('Content-Length');
    const declared =
      lengthHeader === undefined ? null : parseDecimalInt(lengthHeader, CONTENT_LENGTH_RULE);
    if (declared !== null && declared > expected) {
      // More than the part may hold: the file is bigger than announced, so refuse it as too large.
      throw tooLarge(record.sizeBytes - expected + declared);
    }
    const body = c.req.raw.body;
    if (body === null)
      throw new ApiError(
        400,
        'upload_incomplete',
        `Part ${partNumber} arrived empty; send its ${expected} bytes.`,
      );
    const reader = body.getReader();
    const prefix = await readPrefix(reader, partNumber === 1 ? SNIFF_BYTES : 0);
    let current = record;
    if (partNumber === 1) {
      const format = sniffUploadFormat(prefix.head);
      if (format === null) {
        await reader.cancel().catch(() => undefined);
        await removeUpload(c, record);
        throw unsupported(record.name);
      }
      if (format !== record.format) current = { ...record, format, kind: KIND_BY_FORMAT[format] };
    }
    const upload = c.env.MEDIA.resumeMultipartUpload(
      fileKey(sessionId, record.id),
      record.uploadId,
    );
    let stored: R2UploadedPart;
    try {
      // Exactly the size its number implies (R2 needs equal parts but the last), so the total
      // cannot pass the declared size; bytes beyond it are never stored.
      const part = partNumber;
      stored = await pipeExactLength({
        prefix: prefix.chunks,
        reader,
        lengthBytes: expected,
        sink: (readable) => upload.uploadPart(part, readable),
      });
    } catch (error) {
      // R2 refuses parts of a multipart upload that another request completed meanwhile.
      if (error instanceof SinkError && (await finishedMeanwhile(c, record)) !== null)
        throw alreadyComplete();
      if (!(error instanceof StreamLengthError)) throw error;
      if (error.overflow) throw tooLarge(record.sizeBytes - expected + error.receivedBytes);
      throw new ApiError(
        400,
        'upload_incomplete',
        `Part ${partNumber} stopped after ${error.receivedBytes} of ${expected} bytes; send it again.`,
        { cause: error },
      );
    }
    await writePart(c.env.MEDIA, sessionId, record.id, {
      partNumber: stored.partNumber,
      etag: stored.etag,
      sizeBytes: expected,
    });
    // Check-and-set: a record completed meanwhile is never turned back into `uploading` (a lost
    // write otherwise means another PUT of the first part noted the format first).
    if (current !== record) await writeRecord(c.env.MEDIA, current, etag);
    if ((await finishedMeanwhile(c, record)) !== null) {
      // Completed while this part was sent: its part record is stray, and the file is final.
      await deletePart(c.env.MEDIA, sessionId, record.id, stored.partNumber);
      throw alreadyComplete();
    }
    return c.json({ partNumber: stored.partNumber, sizeBytes: expected });
  })
  .post('/sessions/:id/media/:mediaId/complete', async (c) => {
    const sessionId = await ownedSession(c);
    const versioned = await ownedVersionedRecord(c, sessionId);
    if (versioned.record.status !== 'uploading') return c.json({ media: toItem(versioned.record) });
    return c.json({ media: toItem(await completeUpload(c, versioned)) });
  })
  .post('/sessions/:id/media/:mediaId/info', jsonBodyLimit(), async (c) => {
    const sessionId = await ownedSession(c);
    const record = await ownedRecord(c, sessionId);
    if (record.status === 'uploading')
      throw new ApiError(409, 'upload_incomplete', 'Finish the upload before describing it.');
    const body = await readJsonBody(c, mediaInfoBodySchema);
    const ready: MediaRecord = {
      ...record,
      status: 'ready',
      info: body.info,
      thumbnail: body.thumbnail,
    };
    await writeRecord(c.env.MEDIA, ready);
    return c.json({ media: toItem(ready) });
  })
  .get('/sessions/:id/media/:mediaId/file', async (c) => {
    const sessionId = await ownedSession(c);
    const record = await ownedRecord(c, sessionId);
    if (record.status === 'uploading')
      throw new ApiError(409, 'upload_incomplete', 'This upload is not complete yet.');
    const format = record.format ?? 'bin';
    const answer = await serveR2Object(c, {
      bucket: c.env.MEDIA,
      key: fileKey(sessionId, record.id),
      sizeBytes: record.sizeBytes,
      headers: {
        'Content-Type': CONTENT_TYPE_BY_FORMAT[format] ?? 'application/octet-stream',
        // Never rendered as a page of this origin, whatever the bytes hold.
        'X-Content-Type-Options': 'nosniff',
        'Content-Disposition': attachmentDisposition(record.name.replace(/\.[^.]*$/, ''), format),
        'Cache-Control': 'private, max-age=3600',
      },
    });
    if (answer === null) throw new ApiError(404, 'not_found', MEDIA_NOT_FOUND);
    return answer;
  })
  .delete('/sessions/:id/media/:mediaId', async (c) => {
    const sessionId = await ownedSession(c);
    await removeUpload(c, await ownedRecord(c, sessionId));
    return c.body(null, 204);
  });

/** `[1, 2, …, count]`. */
function range(count: number): number[] {
  return Array.from({ length: count }, (_, i) => i + 1);
}
