/**
 * @module render-chunk-ledger
 * The chunk records of one resumable browser render, in the `RenderJob`'s SQLite: which chunks
 * (GOP-aligned slices, `shared/render-chunk-plan.ts`) and which audio are stored in R2, under
 * which keys, with their hashes. A page's chunks are accepted strictly in order by check-and-set
 * on a version (the chunks recorded from 0 without a gap): chunk `k` is recorded only while the
 * version is `k`, in one SQLite transaction, so concurrent uploads of one chunk record it once.
 * A render worker's chunk, made under a lease (render-lease-book.ts), is accepted in any order;
 * the version then jumps over the chunks already recorded after it. Either way one record per
 * chunk: a re-upload of the same bytes is a no-op (idempotent); other bytes are refused.
 */
import { z } from 'zod';
import type { RenderChunkRecord, RenderChunkState } from '../../shared/api-schema';
import type { ChunkPlan } from '../../shared/render-chunk-plan';
import { accepted, refused } from './durable-result';
import type { DurableResult } from './durable-result';
import { readOptionalRow, readRows } from './sql-rows';

/**
 * The R2 key one upload of chunk `index` streams to: `renders/<id>/chunk-<k>-<uploadTag>`, the
 * tag new for each upload (its bytes' hash is known only once they passed), so two uploads of
 * one chunk never overwrite each other: the one the ledger records is kept, the other is
 * deleted by its uploader.
 */
export function chunkObjectKey(renderId: string, index: number, uploadTag: string): string {
  return `renders/${renderId}/chunk-${index}-${uploadTag}`;
}

/** The R2 key one upload of the render's encoded audio streams to: `renders/<id>/audio-<uploadTag>`. */
export function audioObjectKey(renderId: string, uploadTag: string): string {
  return `renders/${renderId}/audio-${uploadTag}`;
}

const chunkRowSchema = z.object({
  idx: z.number().int().nonnegative(),
  first_frame: z.number().int().nonnegative(),
  frames: z.number().int().positive(),
  size_bytes: z.number().int().positive(),
  sha256: z.string(),
  r2_key: z.string(),
  attempt: z.string().nullable(),
  recorded_at_ms: z.number().int(),
});

const stateRowSchema = z.object({
  version: z.number().int().nonnegative(),
  encoder_key: z.string().nullable(),
  audio_key: z.string().nullable(),
  audio_sha256: z.string().nullable(),
  audio_size: z.number().int().nullable(),
});

/** A chunk upload, once its bytes are checked and hashed. */
export const chunkUploadSchema = z.object({
  index: z.number().int().nonnegative(),
  /**
   * The version the uploader saw: must equal `index` and the stored version (check-and-set);
   * null for a chunk made under a valid lease, which may come in any order.
   */
  expectedVersion: z.number().int().nonnegative().nullable(),
  firstFrame: z.number().int().nonnegative(),
  frames: z.number().int().positive(),
  sizeBytes: z.number().int().positive(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  encoderKey: z.string().min(1).max(200),
  r2Key: z.string().min(1),
  attempt: z.uuid().nullable(),
});
export type ChunkUpload = z.infer<typeof chunkUploadSchema>;

/** The audio upload, once hashed. */
export const audioUploadSchema = z.object({
  sizeBytes: z.number().int().positive(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  r2Key: z.string().min(1),
});
export type AudioUpload = z.infer<typeof audioUploadSchema>;

/** Reads and writes the chunk records of one render job. */
export class RenderChunkLedger {
  constructor(private readonly storage: DurableObjectStorage) {
    storage.sql.exec(`
      CREATE TABLE IF NOT EXISTS render_chunk (
        idx INTEGER PRIMARY KEY,
        first_frame INTEGER NOT NULL,
        frames INTEGER NOT NULL,
        size_bytes INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        r2_key TEXT NOT NULL,
        attempt TEXT,
        recorded_at_ms INTEGER NOT NULL
      );
      CREATE TABLE IF NOT EXISTS render_chunk_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        version INTEGER NOT NULL,
        encoder_key TEXT,
        audio_key TEXT,
        audio_sha256 TEXT,
        audio_size INTEGER
      );
      INSERT OR IGNORE INTO render_chunk_state (id, version) VALUES (1, 0);
    `);
  }

  /** Where the render stands: version, plan, records, audio. */
  state(plan: ChunkPlan): RenderChunkState {
    const row = this.#stateRow();
    return {
      version: row.version,
      chunkCount: plan.chunkCount,
      chunkFrames: plan.chunkFrames,
      totalFrames: plan.totalFrames,
      chunks: this.#chunks().map(toRecord),
      audio:
        row.audio_size !== null && row.audio_sha256 !== null
          ? { sizeBytes: row.audio_size, sha256: row.audio_sha256 }
          : null,
      encoderKey: row.encoder_key,
    };
  }

  /**
   * Records chunk `upload.index` if the version is still `upload.expectedVersion` (check-and-set;
   * any order when it is null: a leased chunk), in one transaction. Idempotent for the same bytes. Refused with 409 `chunk_conflict`,
   * `chunk_out_of_order` or `chunk_mismatch` (encoder settings differ from chunk 0's).
   * @returns the state, and whether this call recorded the chunk (false: it already was)
   */
  record(
    plan: ChunkPlan,
    upload: ChunkUpload,
    atMs: number,
  ): DurableResult<{ state: RenderChunkState; recorded: boolean }> {
    const u = chunkUploadSchema.parse(upload);
    return this.storage.transactionSync(() => {
      const existing = this.#chunk(u.index);
      if (existing !== null)
        return existing.sha256 === u.sha256
          ? accepted({ state: this.state(plan), recorded: false })
          : conflict(u.index);
      const row = this.#stateRow();
      if (
        u.expectedVersion !== null &&
        (u.index !== row.version || u.expectedVersion !== row.version)
      )
        return outOfOrder(u.index, row.version);
      if (row.encoder_key !== null && row.encoder_key !== u.encoderKey) {
        return refused(
          409,
          'chunk_mismatch',
          `Chunk ${u.index} was encoded with other settings (${u.encoderKey}) than the render's first chunk (${row.encoder_key}).`,
        );
      }
      this.storage.sql.exec(
        `INSERT INTO render_chunk (idx, first_frame, frames, size_bytes, sha256, r2_key, attempt, recorded_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        u.index,
        u.firstFrame,
        u.frames,
        u.sizeBytes,
        u.sha256,
        u.r2Key,
        u.attempt,
        atMs,
      );
      // The version counts the chunks recorded from 0 without a gap (a leased chunk may fill one).
      let version = row.version;
      while (this.#chunk(version) !== null) version++;
      this.storage.sql.exec(
        'UPDATE render_chunk_state SET version = ?, encoder_key = ? WHERE id = 1',
        version,
        u.encoderKey,
      );
      return accepted({ state: this.state(plan), recorded: true });
    });
  }

  /**
   * Records the render's audio. The first stored audio wins (any encode of the draft's mix is a
   * valid soundtrack); a later upload is told it was not kept so it can delete its object.
   */
  recordAudio(
    plan: ChunkPlan,
    upload: AudioUpload,
  ): { state: RenderChunkState; recorded: boolean } {
    const u = audioUploadSchema.parse(upload);
    const updated = this.storage.sql.exec(
      'UPDATE render_chunk_state SET audio_key = ?, audio_sha256 = ?, audio_size = ? WHERE id = 1 AND audio_key IS NULL',
      u.r2Key,
      u.sha256,
      u.sizeBytes,
    ).rowsWritten;
    const row = this.#stateRow();
    return { state: this.state(plan), recorded: updated === 1 || row.audio_key === u.r2Key };
  }

  /** R2 key of recorded chunk `index`, or null. */
  chunkKey(index: number): string | null {
    return this.#chunk(index)?.r2_key ?? null;
  }

  /** R2 key of the stored audio, or null. */
  audioKey(): string | null {
    return this.#stateRow().audio_key;
  }

  /** Every stored object's key (chunks and audio), e.g. to delete them once the MP4 is stored. */
  objectKeys(): string[] {
    const audio = this.audioKey();
    return [...this.#chunks().map((c) => c.r2_key), ...(audio === null ? [] : [audio])];
  }

  /**
   * Forgets every chunk and the audio (their objects are being deleted): the render starts its
   * chunks again from 0. Returns the keys of the objects that were recorded.
   */
  clear(): string[] {
    const keys = this.objectKeys();
    this.storage.transactionSync(() => {
      this.storage.sql.exec('DELETE FROM render_chunk');
      this.storage.sql.exec(
        'UPDATE render_chunk_state SET version = 0, encoder_key = NULL, audio_key = NULL, audio_sha256 = NULL, audio_size = NULL WHERE id = 1',
      );
    });
    return keys;
  }

  #stateRow(): z.infer<typeof stateRowSchema> {
    const row = readOptionalRow(
      this.storage.sql.exec(
        'SELECT version, encoder_key, audio_key, audio_sha256, audio_size FROM render_chunk_state WHERE id = 1',
      ),
      stateRowSchema,
      'render chunk state',
    );
    if (row === null) throw new Error('render chunk state row missing');
    return row;
  }

  #chunk(index: number): z.infer<typeof chunkRowSchema> | null {
    return readOptionalRow(
      this.storage.sql.exec('SELECT * FROM render_chunk WHERE idx = ?', index),
      chunkRowSchema,
      'render chunk',
    );
  }

  #chunks(): z.infer<typeof chunkRowSchema>[] {
    return readRows(
      this.storage.sql.exec('SELECT * FROM render_chunk ORDER BY idx'),
      chunkRowSchema,
      'render chunk',
    );
  }
}

function toRecord(row: z.infer<typeof chunkRowSchema>): RenderChunkRecord {
  return {
    index: row.idx,
    firstFrame: row.first_frame,
    frames: row.frames,
    sizeBytes: row.size_bytes,
    sha256: row.sha256,
    attempt: row.attempt,
    recordedAtMs: row.recorded_at_ms,
  };
}

function conflict(index: number): DurableResult<never> {
  return refused(
    409,
    'chunk_conflict',
    `Chunk ${index} is already stored with other bytes (another page rendered it first).`,
  );
}

function outOfOrder(index: number, version: number): DurableResult<never> {
  return refused(
    409,
    'chunk_out_of_order',
    `Chunk ${index} cannot be stored now: the render has ${version} chunks, so chunk ${version} comes next.`,
  );
}
