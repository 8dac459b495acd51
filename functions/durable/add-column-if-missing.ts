/**
 * @module add-column-if-missing
 * A column added to a Durable Object's table after objects were created: `CREATE TABLE IF NOT
 * EXISTS` leaves their old table as it was, so the constructor adds the column when missing.
 */
import { z } from 'zod';
import { readRows } from './sql-rows';

/** Table and column names this helper accepts: plain SQL identifiers (they are written into the SQL text). */
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
const columnRowSchema = z.object({ name: z.string() });

/**
 * Adds `column` (`definition`, e.g. `TEXT`) to `table` unless the table already has it.
 * Idempotent; the new column is NULL (or its default) in existing rows.
 *
 * @throws {TypeError} when `table` or `column` is not a plain lower-case identifier.
 * @example addColumnIfMissing(ctx.storage.sql, 'job', 'batch_item_id', 'TEXT')
 */
export function addColumnIfMissing(
  sql: SqlStorage,
  table: string,
  column: string,
  definition: string,
): void {
  if (!IDENTIFIER.test(table) || !IDENTIFIER.test(column)) {
    throw new TypeError(`not a plain SQL identifier: ${table}.${column}`);
  }
  const columns = readRows(
    sql.exec(`PRAGMA table_info(${table})`),
    columnRowSchema,
    `${table} column`,
  );
  if (columns.some((row) => row.name === column)) return;
  sql.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
}
