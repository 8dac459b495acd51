/**
 * @module batch-store
 * The batch versions of one session (shared/batch-schema.ts), in the `SessionRoom`'s SQLite:
 * every version the director made (the newest {@link MAX_KEPT_BATCH_VERSIONS}), the undo chain
 * handed to the engine, and the plain-word change lines of each new version. A version may hold
 * `null`: the session went back to making one video (batch mode ended).
 *
 * Versions link to a parent like draft versions do: a new version's parent is the version
 * before it, except after an undo, where the chain continues from the restored version's parent
 * (so "undo, undo" walks back two steps instead of toggling).
 */
import { z } from 'zod';
import { batchItemSchema, batchSchema } from '../../shared/batch-schema';
import type { Batch, BatchItem } from '../../shared/batch-schema';
import { diffDrafts } from '../../shared/draft-diff';
import { draftTooLargeMessage } from '../../shared/draft-schema';
import type { BatchEvent } from '../../shared/events-schema';
import { parseJsonColumn, readOptionalRow } from './sql-rows';

/** Batch versions kept per session: 50, as many as draft versions (undo walks these). */
export const MAX_KEPT_BATCH_VERSIONS = 50;

/** Joins an item's label and its draft's own title in a batch item's title: "Waves – Our Promo". */
const BATCH_TITLE_SEPARATOR = ' – ';

/** A stored batch version; `batch` is null when it ended batch mode. */
export interface BatchVersion {
  version: number;
  parentVersion: number | null;
  batch: Batch | null;
}

/** A stored version that holds a batch (an entry of the undo chain). */
export type StoredBatch = BatchVersion & { batch: Batch };

/** One item of the current batch, with that batch's version. */
export interface CurrentBatchItem {
  version: number;
  item: BatchItem;
}

/** What the engine asked for: a new batch, or null to go back to one video; `undo` as in engine.ts. */
export interface BatchRequest {
  batch: unknown;
  undo?: boolean;
}

/** The engine's batch did not match `batchSchema`; nothing was stored. */
export interface InvalidBatch {
  type: 'invalid';
  detail: string;
  /** Why it is over the size budget (shared/draft-schema.ts), or null when it is invalid otherwise. */
  tooLarge: string | null;
}

const batchRowSchema = z.object({
  version: z.number().int().positive(),
  parent_version: z.number().int().positive().nullable(),
  batch_json: z.string(),
});
const versionRowSchema = z.object({ version: z.number().int().nullable() });
const itemIdSchema = batchItemSchema.shape.id;

/** Reads and writes the batch versions of one session. */
export class BatchStore {
  readonly #storage: DurableObjectStorage;

  constructor(storage: DurableObjectStorage) {
    this.#storage = storage;
    storage.sql.exec(`
      CREATE TABLE IF NOT EXISTS batches (
        version INTEGER PRIMARY KEY,
        parent_version INTEGER,
        batch_json TEXT NOT NULL,
        at_ms INTEGER NOT NULL
      );
    `);
  }

  /** The newest version, or null when the session never had a batch. */
  current(): BatchVersion | null {
    const row = readOptionalRow(
      this.#storage.sql.exec('SELECT MAX(version) AS version FROM batches'),
      versionRowSchema,
      'batch version',
    );
    const version = row?.version ?? null;
    return version === null ? null : this.#read(version);
  }

  /**
   * Earlier batches to undo to, newest first: the current version's parent, its parent, …,
   * at most `maxDepth`. Empty when no batch is current; stops at a version that ended batch
   * mode (the batches before it belong to an earlier round).
   */
  undoChain(maxDepth: number): StoredBatch[] {
    const chain: StoredBatch[] = [];
    const current = this.current();
    if (current === null || current.batch === null) return chain;
    let next = current.parentVersion;
    while (next !== null && chain.length < maxDepth) {
      const version = this.#read(next);
      if (version === null || version.batch === null) break;
      chain.push({ ...version, batch: version.batch });
      next = version.parentVersion;
    }
    return chain;
  }

  /** The item `itemId` of the current batch, or null (no batch, batch mode ended, or no such item). */
  currentItem(itemId: string): CurrentBatchItem | null {
    const id = itemIdSchema.parse(itemId);
    const current = this.current();
    const item = current?.batch?.items.find((candidate) => candidate.id === id);
    return current === null || item === undefined ? null : { version: current.version, item };
  }

  /**
   * Validates the engine's batch with `batchSchema` and stores it as a new version (dropping
   * versions beyond {@link MAX_KEPT_BATCH_VERSIONS}); `previous` is the undo chain the turn
   * started with (to find the version an undo restores). Answers the `batch` stream event,
   * {@link InvalidBatch} when the batch does not hold together, or null for a `batch: null`
   * while no batch is current (nothing to end, nothing stored).
   */
  store(
    request: BatchRequest,
    previous: StoredBatch[],
    atMs: number,
  ): BatchEvent | InvalidBatch | null {
    const parsed = z.nullable(batchSchema).safeParse(request.batch);
    if (!parsed.success)
      return {
        type: 'invalid',
        detail: parsed.error.message,
        tooLarge: draftTooLargeMessage(parsed.error),
      };
    const batch = parsed.data;
    const before = this.current();
    if (batch === null && (before?.batch ?? null) === null) return null;
    let parentVersion = before?.version ?? null;
    if (request.undo === true) {
      const json = JSON.stringify(batch);
      const restored =
        previous.find((version) => JSON.stringify(version.batch) === json) ?? previous[0];
      parentVersion = restored?.parentVersion ?? null;
    }
    const version = (before?.version ?? 0) + 1;
    this.#storage.transactionSync(() => {
      this.#storage.sql.exec(
        'INSERT INTO batches (version, parent_version, batch_json, at_ms) VALUES (?, ?, ?, ?)',
        version,
        parentVersion,
        JSON.stringify(batch),
        atMs,
      );
      this.#storage.sql.exec(
        'DELETE FROM batches WHERE version <= ?',
        version - MAX_KEPT_BATCH_VERSIONS,
      );
    });
    return {
      type: 'batch',
      version,
      changes: describeBatchChange(before?.batch ?? null, batch),
      batch,
    };
  }

  #read(version: number): BatchVersion | null {
    const row = readOptionalRow(
      this.#storage.sql.exec(
        'SELECT version, parent_version, batch_json FROM batches WHERE version = ?',
        version,
      ),
      batchRowSchema,
      'batch version',
    );
    return row === null
      ? null
      : {
          version: row.version,
          parentVersion: row.parent_version,
          batch: parseJsonColumn(row.batch_json, z.nullable(batchSchema), 'batch'),
        };
  }
}

/**
 * What changed from `before` to `after`, in plain words for the chat: a new batch (no item kept)
 * is "Made 3 videos: Waves, Homeworld, Space"; an edit lists each kept item's draft changes
 * (shared/draft-diff.ts) after its label ("Waves: Canvas 1920x1080 → 1080x1920 (9:16)") and
 * the videos added or removed; `after` null is "Back to one video".
 */
export function describeBatchChange(before: Batch | null, after: Batch | null): string[] {
  if (after === null) return before === null ? [] : ['Back to one video'];
  const kept = before?.items.filter((old) => after.items.some((item) => item.id === old.id)) ?? [];
  if (before === null || kept.length === 0) {
    const count = after.items.length;
    return [
      `Made ${count} ${count === 1 ? 'video' : 'videos'}: ${after.items.map((item) => item.label).join(', ')}`,
    ];
  }
  const lines: string[] = [];
  for (const item of after.items) {
    const old = before.items.find((candidate) => candidate.id === item.id);
    if (old === undefined) lines.push(`Added a video: ${item.label}`);
    else lines.push(...diffDrafts(old.draft, item.draft).map((line) => `${item.label}: ${line}`));
  }
  for (const old of before.items) {
    if (!after.items.some((item) => item.id === old.id))
      lines.push(`Removed a video: ${old.label}`);
  }
  return lines;
}

/**
 * The title a batch item's render is named by (library, downloaded file), at most `maxChars`:
 * its label, then its draft's own title when that says more ("Waves – Our Promo"). The label
 * leads, so the videos of one batch keep different names however the title is cut (every item
 * of "make a promo clip from each" may have the same draft title).
 */
export function batchItemTitle(item: BatchItem, maxChars: number): string {
  const own = item.draft.title.trim();
  const title =
    own === '' || own === item.label ? item.label : `${item.label}${BATCH_TITLE_SEPARATOR}${own}`;
  return title.slice(0, maxChars);
}
