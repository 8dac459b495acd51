/**
 * @module media-store
 * Where uploads live in R2 and how their records are read back. Everything is keyed by the
 * session, so one session's media can never be reached through another's path:
 * - `media-records/<sessionId>/<mediaId>.json` — the {@link MediaRecord} (item + multipart id)
 * - `media-parts/<sessionId>/<mediaId>/<n>.json` — one per stored part (R2 multipart has no
 *   "list parts", so each stored part leaves its own small record; separate objects cannot race)
 * - `media/<sessionId>/<mediaId>` — the file itself (the multipart upload's key)
 */
import { z } from 'zod';
import { mediaItemSchema, summarizeMedia } from '../../shared/media-schema';
import type { MediaItem, MediaSummary } from '../../shared/media-schema';

/** A stored media record: the item plus the R2 multipart upload id (never sent to the browser). */
export const mediaRecordSchema = z.object({
  ...mediaItemSchema.shape,
  uploadId: z.string().min(1),
});
export type MediaRecord = z.infer<typeof mediaRecordSchema>;

/** What one stored part left behind: enough to complete the multipart upload. */
export const partRecordSchema = z.object({
  partNumber: z.number().int().positive(),
  etag: z.string().min(1),
  sizeBytes: z.number().int().nonnegative(),
});
export type PartRecord = z.infer<typeof partRecordSchema>;

/**
 * Most media items one session holds and lists: 200 (one R2 list page is 1 000 keys; a promo uses
 * a handful of files and every item costs one `get` when listed). Starting a 201st upload is
 * refused (durable/upload-quota.ts, 403 `session_media_limit`), so nothing stored goes unlisted.
 */
export const MAX_MEDIA_PER_SESSION = 200;

/** R2 key of the record of `mediaId`. */
export const recordKey = (sessionId: string, mediaId: string): string =>
  `media-records/${sessionId}/${mediaId}.json`;
/** R2 key prefix of the part records of `mediaId`. */
export const partsPrefix = (sessionId: string, mediaId: string): string =>
  `media-parts/${sessionId}/${mediaId}/`;
/** R2 key of the uploaded file. */
export const fileKey = (sessionId: string, mediaId: string): string =>
  `media/${sessionId}/${mediaId}`;

/** A JSON object read from R2, with the etag its next check-and-set write must match. */
interface Versioned<T> {
  value: T;
  etag: string;
}

/** Reads a JSON object from R2 and parses it with `schema`; null when missing. */
async function readVersionedJson<S extends z.core.$ZodType>(
  bucket: R2Bucket,
  key: string,
  schema: S,
): Promise<Versioned<z.output<S>> | null> {
  const object = await bucket.get(key);
  if (object === null) return null;
  return { value: z.parse(schema, await object.json()), etag: object.etag };
}

async function readJson<S extends z.core.$ZodType>(
  bucket: R2Bucket,
  key: string,
  schema: S,
): Promise<z.output<S> | null> {
  return (await readVersionedJson(bucket, key, schema))?.value ?? null;
}

/** A record with the etag of the version read (for {@link writeRecord}'s check-and-set). */
export interface VersionedRecord {
  record: MediaRecord;
  etag: string;
}

/** The record of `mediaId` in `sessionId` with its etag, or null. */
export async function readVersionedRecord(
  bucket: R2Bucket,
  sessionId: string,
  mediaId: string,
): Promise<VersionedRecord | null> {
  const read = await readVersionedJson(bucket, recordKey(sessionId, mediaId), mediaRecordSchema);
  return read === null ? null : { record: read.value, etag: read.etag };
}

/** The record of `mediaId` in `sessionId`, or null. */
export async function readRecord(
  bucket: R2Bucket,
  sessionId: string,
  mediaId: string,
): Promise<MediaRecord | null> {
  return (await readVersionedRecord(bucket, sessionId, mediaId))?.record ?? null;
}

/**
 * Stores (replaces) a record. With `etag`, only if the stored record is still that version
 * (R2 conditional put: check-and-set, so a request working from an older read never overwrites
 * a newer state such as a completed upload).
 * @returns false when `etag` no longer matched and nothing was written
 */
export async function writeRecord(
  bucket: R2Bucket,
  record: MediaRecord,
  etag?: string,
): Promise<boolean> {
  const written = await bucket.put(
    recordKey(record.sessionId, record.id),
    JSON.stringify(mediaRecordSchema.parse(record)),
    {
      httpMetadata: { contentType: 'application/json' },
      ...(etag === undefined ? {} : { onlyIf: { etagMatches: etag } }),
    },
  );
  return written !== null;
}

/** The browser's view of a record (without the multipart id). */
export function toItem(record: MediaRecord): MediaItem {
  const { uploadId: _uploadId, ...item } = record;
  return mediaItemSchema.parse(item);
}

/** The parts already stored for an upload, by part number ascending. */
export async function listParts(
  bucket: R2Bucket,
  sessionId: string,
  mediaId: string,
): Promise<PartRecord[]> {
  const listed = await bucket.list({ prefix: partsPrefix(sessionId, mediaId) });
  const parts = await Promise.all(
    listed.objects.map((object) => readJson(bucket, object.key, partRecordSchema)),
  );
  return parts
    .filter((part): part is PartRecord => part !== null)
    .sort((a, b) => a.partNumber - b.partNumber);
}

const partKey = (sessionId: string, mediaId: string, partNumber: number): string =>
  `${partsPrefix(sessionId, mediaId)}${partNumber}.json`;

/** Records that a part is stored. */
export async function writePart(
  bucket: R2Bucket,
  sessionId: string,
  mediaId: string,
  part: PartRecord,
): Promise<void> {
  await bucket.put(partKey(sessionId, mediaId, part.partNumber), JSON.stringify(part));
}

/** Removes the record of one part (one that arrived after its upload was completed). */
export async function deletePart(
  bucket: R2Bucket,
  sessionId: string,
  mediaId: string,
  partNumber: number,
): Promise<void> {
  await bucket.delete(partKey(sessionId, mediaId, partNumber));
}

/** Deletes the part records of an upload (after completing or aborting it). */
export async function deleteParts(
  bucket: R2Bucket,
  sessionId: string,
  mediaId: string,
): Promise<void> {
  const listed = await bucket.list({ prefix: partsPrefix(sessionId, mediaId) });
  if (listed.objects.length > 0) await bucket.delete(listed.objects.map((object) => object.key));
}

/**
 * Upload order: by start time, then by name (files picked together start in the same
 * millisecond: workerd's clock only moves on I/O).
 */
export function byUploadOrder(
  a: { createdAtMs: number; name: string },
  b: { createdAtMs: number; name: string },
): number {
  return a.createdAtMs - b.createdAtMs || a.name.localeCompare(b.name);
}

/** Every media record of a session, oldest first. */
export async function listRecords(bucket: R2Bucket, sessionId: string): Promise<MediaRecord[]> {
  const listed = await bucket.list({
    prefix: `media-records/${sessionId}/`,
    limit: MAX_MEDIA_PER_SESSION,
  });
  const records = await Promise.all(
    listed.objects.map((object) => readJson(bucket, object.key, mediaRecordSchema)),
  );
  return records.filter((record): record is MediaRecord => record !== null).sort(byUploadOrder);
}

/**
 * The session's ready media as the director sees it, in upload order. Never throws: a storage
 * hiccup gives an empty list (the director then plans without media) rather than a failed turn.
 */
export async function listReadyMedia(bucket: R2Bucket, sessionId: string): Promise<MediaSummary[]> {
  try {
    const records = await listRecords(bucket, sessionId);
    return records.flatMap((record) => {
      const summary = summarizeMedia(toItem(record));
      return summary === null ? [] : [summary];
    });
  } catch (error) {
    console.error('listing the session media failed', error);
    return [];
  }
}

/** Removes everything of one upload: its multipart upload (if unfinished), file, parts and record. */
export async function deleteMedia(bucket: R2Bucket, record: MediaRecord): Promise<void> {
  if (record.status === 'uploading') {
    await bucket
      .resumeMultipartUpload(fileKey(record.sessionId, record.id), record.uploadId)
      .abort()
      .catch(() => undefined);
  }
  await deleteParts(bucket, record.sessionId, record.id);
  await bucket.delete([
    fileKey(record.sessionId, record.id),
    recordKey(record.sessionId, record.id),
  ]);
}
