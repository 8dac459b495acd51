/**
 * @module message-store
 * The chat messages of one session, in the `SessionRoom`'s SQLite (`messages` table): the
 * visitor's messages and the assistant's replies, the newest {@link MAX_STORED_MESSAGES} kept.
 * Also the title rule: a session is called {@link DEFAULT_SESSION_TITLE} until its first
 * message, whose text becomes the title ({@link makeTitle}).
 */
import { z } from 'zod';
import type { ChatMessage } from '../../shared/api-schema';
import { readRows } from './sql-rows';

/** Messages kept per session and shown on reload (newest); bounds the state answer. */
export const MAX_STORED_MESSAGES = 500;
/** Session titles are the first prompt cut to about this many characters. */
export const TITLE_MAX_CHARS = 60;
/** Title of a session before its first prompt. */
export const DEFAULT_SESSION_TITLE = 'New video';

const messageRowSchema = z.object({
  role: z.enum(['user', 'assistant']),
  text: z.string(),
  at_ms: z.number().int(),
});

/**
 * Makes a session title from the first prompt: whitespace collapsed, cut at a word boundary
 * near {@link TITLE_MAX_CHARS} characters with an ellipsis.
 *
 * @example makeTitle('Generate a 30-second explainer about solar panels') // unchanged
 */
export function makeTitle(prompt: string): string {
  const flat = prompt.replace(/\s+/g, ' ').trim();
  if (flat.length <= TITLE_MAX_CHARS) return flat;
  const cut = flat.slice(0, TITLE_MAX_CHARS);
  const space = cut.lastIndexOf(' ');
  return `${(space >= TITLE_MAX_CHARS / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Reads and writes the chat messages of one session. */
export class MessageStore {
  readonly #storage: DurableObjectStorage;

  constructor(storage: DurableObjectStorage) {
    this.#storage = storage;
    storage.sql.exec(`
      CREATE TABLE IF NOT EXISTS messages (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        role TEXT NOT NULL,
        text TEXT NOT NULL,
        at_ms INTEGER NOT NULL
      );
    `);
  }

  /** Stores a message sent at `atMs` (epoch ms), dropping the oldest beyond {@link MAX_STORED_MESSAGES}. */
  add(role: ChatMessage['role'], text: string, atMs: number): void {
    this.#storage.transactionSync(() => {
      this.#storage.sql.exec(
        'INSERT INTO messages (role, text, at_ms) VALUES (?, ?, ?)',
        role,
        text,
        atMs,
      );
      this.#storage.sql.exec(
        'DELETE FROM messages WHERE id NOT IN (SELECT id FROM messages ORDER BY id DESC LIMIT ?)',
        MAX_STORED_MESSAGES,
      );
    });
  }

  /** The newest `limit` messages, oldest first. */
  newest(limit: number): ChatMessage[] {
    const rows = readRows(
      this.#storage.sql.exec(
        'SELECT role, text, at_ms FROM (SELECT id, role, text, at_ms FROM messages ORDER BY id DESC LIMIT ?) ORDER BY id',
        limit,
      ),
      messageRowSchema,
      'session message',
    );
    return rows.map((row) => ({ role: row.role, text: row.text, atMs: row.at_ms }));
  }
}
