/**
 * @module sql-rows
 * Reading Durable Object SQLite rows back through zod: a row is a trust boundary too (an old
 * schema, a manual edit or a bug can leave anything in storage), so every read parses.
 */
import { z } from 'zod';

/** A stored row or JSON column did not match its schema. */
export class CorruptRowError extends Error {
  override readonly name = 'CorruptRowError';
  constructor(what: string, detail: string) {
    super(`stored ${what} is corrupt: ${detail}`);
  }
}

/**
 * Parses every row of `cursor` with `schema`.
 *
 * @throws {CorruptRowError} when a row does not match.
 */
export function readRows<S extends z.core.$ZodType>(
  cursor: SqlStorageCursor<Record<string, SqlStorageValue>>,
  schema: S,
  what: string,
): z.output<S>[] {
  return cursor.toArray().map((row) => {
    const parsed = z.safeParse(schema, row);
    if (!parsed.success) throw new CorruptRowError(what, parsed.error.message);
    return parsed.data;
  });
}

/** Like {@link readRows} for at most one row; `null` when there is none. */
export function readOptionalRow<S extends z.core.$ZodType>(
  cursor: SqlStorageCursor<Record<string, SqlStorageValue>>,
  schema: S,
  what: string,
): z.output<S> | null {
  return readRows(cursor, schema, what)[0] ?? null;
}

/**
 * Parses a JSON text column with `schema`.
 *
 * @throws {CorruptRowError} when the text is not JSON or does not match.
 */
export function parseJsonColumn<S extends z.core.$ZodType>(
  text: string,
  schema: S,
  what: string,
): z.output<S> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CorruptRowError(what, error instanceof Error ? error.message : 'not JSON');
  }
  const parsed = z.safeParse(schema, value);
  if (!parsed.success) throw new CorruptRowError(what, parsed.error.message);
  return parsed.data;
}
