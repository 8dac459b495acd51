/**
 * @module draft-store
 * The draft versions of one session, in the `SessionRoom`'s SQLite (`drafts` table): every
 * version the director made (the newest {@link MAX_KEPT_DRAFT_VERSIONS}), the current one, and
 * the undo chain handed to the engine.
 *
 * Each version links to a parent: a new version's parent is the version before it, except after
 * an undo, where the chain continues from the restored version's parent (so "undo, undo" walks
 * back two steps instead of toggling). batch-store.ts keeps batch versions the same way.
 */
import { z } from 'zod';
import { diffDrafts } from '../../shared/draft-diff';
import { draftSchema, draftTooLargeMessage } from '../../shared/draft-schema';
import type { Draft } from '../../shared/draft-schema';
import type { DraftEvent } from '../../shared/events-schema';
import { summarizeTimeline } from '../../shared/timeline-summary';
import { parseJsonColumn, readOptionalRow } from './sql-rows';

/** Draft versions kept per session (the brief asks for at least the last 50; undo walks these). */
export const MAX_KEPT_DRAFT_VERSIONS = 50;

/** A stored draft version. */
export interface DraftVersion {
  version: number;
  parentVersion: number | null;
  draft: Draft;
}

/** What the engine sent: a new draft; `undo` as in engine.ts (the draft is an earlier version). */
export interface DraftRequest {
  draft: unknown;
  undo?: boolean;
}

/** The engine's draft did not match `draftSchema`; nothing was stored. */
export interface InvalidDraft {
  type: 'invalid';
  detail: string;
  /** Why it is over the size budget (shared/draft-schema.ts), or null when it is invalid otherwise. */
  tooLarge: string | null;
}

const draftRowSchema = z.object({
  version: z.number().int().positive(),
  parent_version: z.number().int().positive().nullable(),
  draft_json: z.string(),
});
const versionRowSchema = z.object({ version: z.number().int().nullable() });

/** A copy of a cached version, so what a caller does with it never reaches the cache. */
function copyOf(version: DraftVersion): DraftVersion {
  return { ...version, draft: structuredClone(version.draft) };
}

/** Reads and writes the draft versions of one session. */
export class DraftStore {
  readonly #storage: DurableObjectStorage;
  /**
   * Versions read (or stored) by this instance, checked against `draftSchema` once: a stored
   * version never changes, and every turn reads the whole undo chain (up to 20 versions), whose
   * parsing took ~10–16 ms per turn on a 2-core machine under load.
   */
  readonly #parsed = new Map<number, DraftVersion>();

  constructor(storage: DurableObjectStorage) {
    this.#storage = storage;
    storage.sql.exec(`
      CREATE TABLE IF NOT EXISTS drafts (
        version INTEGER PRIMARY KEY,
        parent_version INTEGER,
        draft_json TEXT NOT NULL,
        at_ms INTEGER NOT NULL
      );
    `);
  }

  /** The newest version, or null before the first draft. */
  current(): DraftVersion | null {
    const version = this.currentVersion();
    return version === 0 ? null : this.version(version);
  }

  /** The newest version number, or 0 before the first draft. */
  currentVersion(): number {
    const row = readOptionalRow(
      this.#storage.sql.exec('SELECT MAX(version) AS version FROM drafts'),
      versionRowSchema,
      'draft version',
    );
    return row?.version ?? 0;
  }

  /** The stored version `version`, or null (never made, or dropped beyond {@link MAX_KEPT_DRAFT_VERSIONS}). */
  version(version: number): DraftVersion | null {
    const cached = this.#parsed.get(version);
    if (cached !== undefined) return copyOf(cached);
    const row = readOptionalRow(
      this.#storage.sql.exec(
        'SELECT version, parent_version, draft_json FROM drafts WHERE version = ?',
        version,
      ),
      draftRowSchema,
      'draft version',
    );
    if (row === null) return null;
    const read: DraftVersion = {
      version: row.version,
      parentVersion: row.parent_version,
      draft: parseJsonColumn(row.draft_json, draftSchema, 'draft'),
    };
    this.#parsed.set(version, read);
    return copyOf(read);
  }

  /**
   * Earlier versions to undo to, newest first: the current version's parent, its parent, …,
   * at most `maxDepth`. Empty before the first draft.
   */
  undoChain(maxDepth: number): DraftVersion[] {
    const chain: DraftVersion[] = [];
    let next = this.current()?.parentVersion ?? null;
    while (next !== null && chain.length < maxDepth) {
      const version = this.version(next);
      if (version === null) break;
      chain.push(version);
      next = version.parentVersion;
    }
    return chain;
  }

  /**
   * Validates the engine's draft with `draftSchema` and stores it as a new version (dropping
   * versions beyond {@link MAX_KEPT_DRAFT_VERSIONS}); `previous` is the undo chain the turn
   * started with (to find the version an undo restores). Answers the `draft` stream event (its
   * changes from shared/draft-diff.ts), or {@link InvalidDraft} when the draft does not hold
   * together.
   */
  store(request: DraftRequest, previous: DraftVersion[], atMs: number): DraftEvent | InvalidDraft {
    const parsed = draftSchema.safeParse(request.draft);
    if (!parsed.success)
      return {
        type: 'invalid',
        detail: parsed.error.message,
        tooLarge: draftTooLargeMessage(parsed.error),
      };
    const draft = parsed.data;
    const before = this.current();
    let parentVersion = before?.version ?? null;
    if (request.undo === true) {
      const json = JSON.stringify(draft);
      const restored =
        previous.find((version) => JSON.stringify(version.draft) === json) ?? previous[0];
      parentVersion = restored?.parentVersion ?? null;
    }
    const version = (before?.version ?? 0) + 1;
    this.#storage.transactionSync(() => {
      this.#storage.sql.exec(
        'INSERT INTO drafts (version, parent_version, draft_json, at_ms) VALUES (?, ?, ?, ?)',
        version,
        parentVersion,
        JSON.stringify(draft),
        atMs,
      );
      this.#storage.sql.exec(
        'DELETE FROM drafts WHERE version <= ?',
        version - MAX_KEPT_DRAFT_VERSIONS,
      );
    });
    for (const kept of this.#parsed.keys())
      if (kept <= version - MAX_KEPT_DRAFT_VERSIONS) this.#parsed.delete(kept);
    this.#parsed.set(version, copyOf({ version, parentVersion, draft }));
    return {
      type: 'draft',
      version,
      summary: summarizeTimeline(draft),
      changes: diffDrafts(before?.draft ?? null, draft),
      draft,
    };
  }
}
