/**
 * @module abandoned-upload
 * Finds out whether an unfinished upload was abandoned: it is still `uploading` and neither it
 * nor any of its parts arrived within `ABANDONED_UPLOAD_GRACE_MS` (R2 stamps each part record
 * with its upload time). An abandoned one is removed like a deleted one (multipart upload
 * aborted, parts and record deleted), so its quota can be released.
 */
import { deleteMedia, partsPrefix, readRecord } from './media-store';

/**
 * An unfinished upload that received no part for this long is abandoned, ms: its multipart
 * upload is aborted and its quota released. A day covers a laptop closed overnight mid-upload
 * (the SPA resumes an upload from its stored parts); R2 itself aborts multipart uploads after 7 days.
 */
export const ABANDONED_UPLOAD_GRACE_MS = 24 * 60 * 60_000;

/** What became of a watched upload: gone (deleted now or before), stored, or still within its grace. */
export type UploadCheck =
  | { kind: 'gone' }
  | { kind: 'stored' }
  | { kind: 'active'; dueAtMs: number };

/**
 * Checks upload `mediaId` of `sessionId` at `nowMs` (epoch ms) and removes it when abandoned.
 * @returns `active` with the time it becomes abandoned when something arrived within the grace.
 */
export async function sweepAbandonedUpload(
  bucket: R2Bucket,
  sessionId: string,
  mediaId: string,
  nowMs: number,
): Promise<UploadCheck> {
  const record = await readRecord(bucket, sessionId, mediaId);
  if (record === null) return { kind: 'gone' };
  if (record.status !== 'uploading') return { kind: 'stored' };
  const parts = await bucket.list({ prefix: partsPrefix(sessionId, mediaId) });
  const lastAtMs = Math.max(
    record.createdAtMs,
    ...parts.objects.map((part) => part.uploaded.getTime()),
  );
  if (nowMs - lastAtMs < ABANDONED_UPLOAD_GRACE_MS)
    return { kind: 'active', dueAtMs: lastAtMs + ABANDONED_UPLOAD_GRACE_MS };
  await deleteMedia(bucket, record);
  return { kind: 'gone' };
}
