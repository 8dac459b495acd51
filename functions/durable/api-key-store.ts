/**
 * @module api-key-store
 * A visitor's API keys, kept in their `VisitorAccount`'s SQLite (table `api_keys`): for each key
 * its id, name, first characters and the SHA-256 of the whole key — never the key, which is shown
 * once when it is made (signing/api-key.ts). A key authenticates the render API
 * (middleware/api-key-visitor.ts); revoking deletes its row, so it stops working at once.
 */
import { z } from 'zod';
import type { ApiKeyInfo } from '../../shared/render-api-schema';
import { accepted, refused } from './durable-result';
import type { DurableResult } from './durable-result';
import { readOptionalRow, readRows } from './sql-rows';

/** Most API keys one visitor may hold: one per script or server, with room to rotate. */
export const MAX_API_KEYS_PER_VISITOR = 10;

const keyRowSchema = z.object({
  key_id: z.string(),
  name: z.string(),
  prefix: z.string(),
  created_at_ms: z.number().int(),
  last_used_at_ms: z.number().int().nullable(),
});
const countRowSchema = z.object({ count: z.number().int() });
const idRowSchema = z.object({ key_id: z.string() });

/** What {@link ApiKeyStore.add} stores. */
export interface NewApiKey {
  keyId: string;
  name: string;
  prefix: string;
  /** Lower-case hex SHA-256 of the whole key. */
  keyHash: string;
  atMs: number;
}

/** The `api_keys` table of one visitor. */
export class ApiKeyStore {
  constructor(private readonly storage: DurableObjectStorage) {
    storage.sql.exec(`
      CREATE TABLE IF NOT EXISTS api_keys (
        key_id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        prefix TEXT NOT NULL,
        key_hash TEXT NOT NULL UNIQUE,
        created_at_ms INTEGER NOT NULL,
        last_used_at_ms INTEGER
      )
    `);
  }

  /** Stores a new key; refused with 403 `api_key_limit` past {@link MAX_API_KEYS_PER_VISITOR}. */
  add(key: NewApiKey): DurableResult<ApiKeyInfo> {
    const count =
      readOptionalRow(
        this.storage.sql.exec('SELECT COUNT(*) AS count FROM api_keys'),
        countRowSchema,
        'api key count',
      )?.count ?? 0;
    if (count >= MAX_API_KEYS_PER_VISITOR) {
      return refused(
        403,
        'api_key_limit',
        `You have ${count} API keys, the most one visitor may hold. Revoke one you no longer use first.`,
      );
    }
    this.storage.sql.exec(
      'INSERT INTO api_keys (key_id, name, prefix, key_hash, created_at_ms, last_used_at_ms) VALUES (?, ?, ?, ?, ?, NULL)',
      key.keyId,
      key.name,
      key.prefix,
      key.keyHash,
      key.atMs,
    );
    return accepted({
      id: key.keyId,
      name: key.name,
      prefix: key.prefix,
      createdAtMs: key.atMs,
      lastUsedAtMs: null,
    });
  }

  /** Every key, newest first. */
  list(): ApiKeyInfo[] {
    return readRows(
      this.storage.sql.exec(
        'SELECT key_id, name, prefix, created_at_ms, last_used_at_ms FROM api_keys ORDER BY created_at_ms DESC, rowid DESC',
      ),
      keyRowSchema,
      'api key',
    ).map((row) => ({
      id: row.key_id,
      name: row.name,
      prefix: row.prefix,
      createdAtMs: row.created_at_ms,
      lastUsedAtMs: row.last_used_at_ms,
    }));
  }

  /** Deletes key `keyId`; whether there was one. */
  revoke(keyId: string): boolean {
    return this.storage.sql.exec('DELETE FROM api_keys WHERE key_id = ?', keyId).rowsWritten > 0;
  }

  /** The id of the key whose SHA-256 is `keyHash`, marked used at `atMs`; null when none (never made, or revoked). */
  use(keyHash: string, atMs: number): string | null {
    const row = readOptionalRow(
      this.storage.sql.exec('SELECT key_id FROM api_keys WHERE key_hash = ?', keyHash),
      idRowSchema,
      'api key',
    );
    if (row === null) return null;
    this.storage.sql.exec(
      'UPDATE api_keys SET last_used_at_ms = ? WHERE key_id = ?',
      atMs,
      row.key_id,
    );
    return row.key_id;
  }
}
