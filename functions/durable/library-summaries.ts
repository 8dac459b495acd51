/**
 * @module library-summaries
 * The visitor's library as the list routes answer it, kept in the `VisitorAccount`'s SQLite
 * (`library_summaries` table): one summary per session (`SessionInfo`) and per render
 * (`RenderSummary`), pushed by its `SessionRoom` / `RenderJob` whenever it changes, so
 * `GET /api/sessions` and `GET /api/renders` are one Durable Object call each instead of one per
 * listed item. A summary never pushed (an account from before summaries were kept, or a push
 * still on its way) is filled once from its room or job ({@link LibrarySummaries.complete}); an
 * item that answers "not found" is stored as a null summary, so it is not asked again (a later
 * push still replaces it).
 */
import { z } from 'zod';
import type { DurableResult } from './durable-result';
import { parseJsonColumn, readRows } from './sql-rows';

/** What a summary is of: a session or a render. */
export type LibraryKind = 'session' | 'render';

/** One listed id with its stored summary: JSON, `null` (not found when filled) or never stored. */
const libraryRowSchema = z.object({
  item_id: z.string(),
  summary_json: z.string().nullable(),
  /** 1 when a row exists in `library_summaries` (SQLite has no boolean). */
  known: z.number().int(),
});
/** A row of the list queries (see {@link LibrarySummaries.complete}). */
export type LibraryRow = z.infer<typeof libraryRowSchema>;

/**
 * `SELECT` columns and join that list ids of `kind` from `table` (its id in `idColumn`) with
 * their summaries; the caller adds `WHERE`, `ORDER BY` and `LIMIT`.
 */
export function libraryJoin(
  kind: LibraryKind,
  table: 'sessions' | 'renders',
  idColumn: 'session_id' | 'render_id',
): string {
  return `SELECT t.${idColumn} AS item_id, l.summary_json AS summary_json, (l.item_id IS NOT NULL) AS known
    FROM ${table} t LEFT JOIN library_summaries l ON l.kind = '${kind}' AND l.item_id = t.${idColumn}`;
}

/** Stores and reads the summaries of one visitor's sessions and renders. */
export class LibrarySummaries {
  readonly #storage: DurableObjectStorage;

  constructor(storage: DurableObjectStorage) {
    this.#storage = storage;
    storage.sql.exec(`
      CREATE TABLE IF NOT EXISTS library_summaries (
        kind TEXT NOT NULL,
        item_id TEXT NOT NULL,
        summary_json TEXT,
        PRIMARY KEY (kind, item_id)
      );
    `);
  }

  /** Stores the newest summary of item `id` (a push from its room or job replaces what was there). */
  save(kind: LibraryKind, id: string, summary: object): void {
    this.#storage.sql.exec(
      `INSERT INTO library_summaries (kind, item_id, summary_json) VALUES (?, ?, ?)
       ON CONFLICT (kind, item_id) DO UPDATE SET summary_json = excluded.summary_json`,
      kind,
      id,
      JSON.stringify(summary),
    );
  }

  /**
   * The summaries of the listed rows (the result of a {@link libraryJoin} query), in their order,
   * leaving out items that do not exist. A row never stored is filled once by `fill` (asking
   * its room or job) and kept, unless a push arrived meanwhile (that one wins).
   */
  async complete<T extends object>(
    kind: LibraryKind,
    cursor: SqlStorageCursor<Record<string, SqlStorageValue>>,
    schema: z.core.$ZodType<T>,
    fill: (id: string) => Promise<DurableResult<T>>,
  ): Promise<T[]> {
    const rows = readRows(cursor, libraryRowSchema, 'library summary');
    const summaries = await Promise.all(
      rows.map(async (row): Promise<T | null> => {
        if (row.known !== 0)
          return row.summary_json === null
            ? null
            : parseJsonColumn(row.summary_json, schema, `${kind} summary`);
        let answer: DurableResult<T>;
        try {
          answer = await fill(row.item_id);
        } catch (error) {
          console.error(
            `filling a ${kind} summary failed; it is left out and asked again next time`,
            error,
          );
          return null;
        }
        // A summary that does not parse is left out like a missing one, not a failed list.
        const parsed = answer.ok ? z.safeParse(schema, answer.value) : null;
        const filled = parsed?.success === true ? parsed.data : null;
        this.#storage.sql.exec(
          'INSERT INTO library_summaries (kind, item_id, summary_json) VALUES (?, ?, ?) ON CONFLICT (kind, item_id) DO NOTHING',
          kind,
          row.item_id,
          filled === null ? null : JSON.stringify(filled),
        );
        return filled;
      }),
    );
    return summaries.filter((summary) => summary !== null);
  }
}
