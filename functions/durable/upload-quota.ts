/**
 * @module upload-quota
 * The uploads a visitor holds (started or stored), in their `VisitorAccount`'s SQLite: one row
 * per upload with its declared size, counted against `UPLOADS_PER_VISITOR` and
 * `UPLOAD_BYTES_PER_VISITOR` when an upload is created and released when it is deleted or
 * abandoned. Unfinished uploads are "watched" until they are stored, so the account's alarm can
 * abort the ones that saw no part for `ABANDONED_UPLOAD_GRACE_MS` (media/abandoned-upload.ts).
 */
import { z } from 'zod';
import { accepted, refused } from './durable-result';
import type { DurableResult } from './durable-result';
import { readOptionalRow, readRows } from './sql-rows';

const reserveArgsSchema = z.object({
  mediaId: z.uuid(),
  sessionId: z.uuid(),
  sizeBytes: z.number().int().nonnegative(),
  atMs: z.number().int().nonnegative(),
  maxUploads: z.number().int().positive(),
  maxBytes: z.number().int().positive(),
  /** Most uploads one session may hold (media-store.ts `MAX_MEDIA_PER_SESSION`). */
  maxPerSession: z.number().int().positive(),
});
/** Arguments of {@link UploadQuota.reserve}. */
export type ReserveUploadArgs = z.infer<typeof reserveArgsSchema>;

const countRowSchema = z.object({ count: z.number().int() });
const totalsRowSchema = z.object({ uploads: z.number().int(), bytes: z.number().int().nullable() });
const watchedRowSchema = z.object({
  media_id: z.string(),
  session_id: z.string(),
  created_at_ms: z.number().int(),
});
/** An unfinished upload the alarm checks. */
export type WatchedUpload = z.infer<typeof watchedRowSchema>;

/** Reads and writes a visitor's upload rows. */
export class UploadQuota {
  constructor(private readonly storage: DurableObjectStorage) {
    storage.sql.exec(`
      CREATE TABLE IF NOT EXISTS visitor_upload (
        media_id TEXT PRIMARY KEY,
        session_id TEXT NOT NULL,
        size_bytes INTEGER NOT NULL,
        created_at_ms INTEGER NOT NULL,
        watched INTEGER NOT NULL
      );
    `);
  }

  /**
   * Counts a new upload, unless the visitor would hold more than `maxUploads` uploads or
   * `maxBytes` bytes (403 `upload_quota_exceeded`), or its session more than `maxPerSession`
   * (403 `session_media_limit`). Counted here, in the one object that sees all of a visitor's
   * uploads, so parallel starts cannot pass a limit.
   */
  reserve(args: ReserveUploadArgs): DurableResult<void> {
    const a = reserveArgsSchema.parse(args);
    const totals = readOptionalRow(
      this.storage.sql.exec(
        'SELECT COUNT(*) AS uploads, SUM(size_bytes) AS bytes FROM visitor_upload',
      ),
      totalsRowSchema,
      'upload totals',
    ) ?? { uploads: 0, bytes: 0 };
    const heldBytes = totals.bytes ?? 0;
    const inSession =
      readOptionalRow(
        this.storage.sql.exec(
          'SELECT COUNT(*) AS count FROM visitor_upload WHERE session_id = ?',
          a.sessionId,
        ),
        countRowSchema,
        'session upload count',
      )?.count ?? 0;
    if (inSession >= a.maxPerSession) {
      return refused(
        403,
        'session_media_limit',
        `This session already holds ${inSession} files, the most one session may. Delete some, or start a new session.`,
      );
    }
    if (totals.uploads >= a.maxUploads) {
      return refused(
        403,
        'upload_quota_exceeded',
        `You already have ${totals.uploads} uploads, the most one visitor may keep. Delete some you no longer need, then upload again.`,
      );
    }
    if (heldBytes + a.sizeBytes > a.maxBytes) {
      const gb = (bytes: number): string => (bytes / 1_000_000_000).toFixed(1);
      return refused(
        403,
        'upload_quota_exceeded',
        `This file would take your uploads to ${gb(heldBytes + a.sizeBytes)} GB; one visitor may keep ${gb(a.maxBytes)} GB. Delete uploads you no longer need, then upload again.`,
      );
    }
    this.storage.sql.exec(
      'INSERT OR IGNORE INTO visitor_upload (media_id, session_id, size_bytes, created_at_ms, watched) VALUES (?, ?, ?, ?, 1)',
      a.mediaId,
      a.sessionId,
      a.sizeBytes,
      a.atMs,
    );
    return accepted(undefined);
  }

  /** Uncounts an upload (deleted or abandoned). No-op for an unknown id. */
  release(mediaId: string): void {
    this.storage.sql.exec('DELETE FROM visitor_upload WHERE media_id = ?', z.uuid().parse(mediaId));
  }

  /** The upload is stored: it stays counted but is no longer watched. */
  stopWatching(mediaId: string): void {
    this.storage.sql.exec('UPDATE visitor_upload SET watched = 0 WHERE media_id = ?', mediaId);
  }

  /** The unfinished uploads, oldest first. */
  watched(): WatchedUpload[] {
    return readRows(
      this.storage.sql.exec(
        'SELECT media_id, session_id, created_at_ms FROM visitor_upload WHERE watched = 1 ORDER BY created_at_ms',
      ),
      watchedRowSchema,
      'watched upload',
    );
  }
}
