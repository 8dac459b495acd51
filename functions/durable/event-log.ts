/**
 * @module event-log
 * The replayable event log of one session, in the `SessionRoom`'s SQLite (`events` table): every
 * {@link StreamEvent} a turn sent, numbered by `seq` (the SSE `id:`), so a reconnecting client
 * replays what it missed after its `Last-Event-ID`. The log keeps the newest
 * {@link MAX_LOGGED_EVENTS}; a replay returns at most {@link MAX_REPLAY_BYTES}; events older than
 * {@link EVENT_MAX_AGE_MS} are swept by the Durable Object's alarm.
 */
import { z } from 'zod';
import { streamEventSchema } from '../../shared/events-schema';
import type { LoggedEvent, StreamEvent } from '../../shared/events-schema';
import { parseJsonColumn, readOptionalRow, readRows } from './sql-rows';
import { formatSseFrame } from '../sse/sse-channel';

const utf8 = new TextEncoder();

/** Events kept in the log (newest first); older ones are deleted. A long session stays small. */
export const MAX_LOGGED_EVENTS = 2_000;
/**
 * Most bytes of event JSON one replay returns. Workers RPC messages are capped at 32 MiB and a
 * draft event carries a whole draft; the rest follows on the client's next reconnect
 * (`Last-Event-ID` = the last seq it got).
 */
export const MAX_REPLAY_BYTES = 8 * 1024 * 1024;
/**
 * Stored events older than this are deleted by the sweep alarm, ms: 7 days. The log only
 * serves reconnects (seconds to hours later); messages and drafts are kept apart, not swept.
 */
export const EVENT_MAX_AGE_MS = 7 * 24 * 60 * 60_000;
/** How often the sweep alarm runs while the log holds events, ms: daily is plenty for a 7-day age. */
export const EVENT_SWEEP_INTERVAL_MS = 24 * 60 * 60_000;

const seqSchema = z.number().int().nonnegative();
const eventRowSchema = z.object({ seq: z.number().int().positive(), event_json: z.string() });
const seqRowSchema = z.object({ seq: z.number().int().nullable() });

/** Appends, replays and sweeps the logged events of one session. */
export class EventLog {
  readonly #storage: DurableObjectStorage;

  constructor(storage: DurableObjectStorage) {
    this.#storage = storage;
    storage.sql.exec(`
      CREATE TABLE IF NOT EXISTS events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        event_json TEXT NOT NULL,
        at_ms INTEGER NOT NULL
      );
    `);
  }

  /**
   * Appends `event` (dropping the oldest beyond {@link MAX_LOGGED_EVENTS}); returns its seq.
   *
   * @throws {Error} when the insert answers no seq (a storage fault).
   */
  append(event: StreamEvent): number {
    const row = readOptionalRow(
      this.#storage.sql.exec(
        'INSERT INTO events (event_json, at_ms) VALUES (?, ?) RETURNING seq',
        JSON.stringify(event),
        Date.now(),
      ),
      eventRowSchema.pick({ seq: true }),
      'session event seq',
    );
    if (row === null) throw new Error('inserting a session event returned no seq');
    this.#storage.sql.exec('DELETE FROM events WHERE seq <= ?', row.seq - MAX_LOGGED_EVENTS);
    return row.seq;
  }

  /**
   * Logged events with a seq above `afterSeq`, oldest first, for an SSE replay: at most
   * `maxBytes` (default {@link MAX_REPLAY_BYTES}) of SSE frames as they go on the wire (UTF-8,
   * framing included: what sse-channel.ts counts against a reader's bound), always at least one
   * event when there is one.
   */
  after(afterSeq: number, maxBytes: number = MAX_REPLAY_BYTES): LoggedEvent[] {
    const after = seqSchema.parse(afterSeq);
    const rows = readRows(
      this.#storage.sql.exec(
        'SELECT seq, event_json FROM events WHERE seq > ? ORDER BY seq LIMIT ?',
        after,
        MAX_LOGGED_EVENTS,
      ),
      eventRowSchema,
      'session event',
    );
    const events: LoggedEvent[] = [];
    let bytes = 0;
    for (const row of rows) {
      const event = parseJsonColumn(row.event_json, streamEventSchema, 'session event');
      bytes += utf8.encode(formatSseFrame(event.type, row.event_json, row.seq)).byteLength;
      if (bytes > maxBytes && events.length > 0) break;
      events.push({ seq: row.seq, event });
    }
    return events;
  }

  /** The seq of the newest logged event, or 0 when the log is empty. */
  lastSeq(): number {
    const row = readOptionalRow(
      this.#storage.sql.exec('SELECT MAX(seq) AS seq FROM events'),
      seqRowSchema,
      'event seq',
    );
    return row?.seq ?? 0;
  }

  /** Schedules the sweep alarm {@link EVENT_SWEEP_INTERVAL_MS} from now, if no alarm is set. */
  async armSweep(): Promise<void> {
    if ((await this.#storage.getAlarm()) === null)
      await this.#storage.setAlarm(Date.now() + EVENT_SWEEP_INTERVAL_MS);
  }

  /**
   * Deletes events older than {@link EVENT_MAX_AGE_MS} (never the newest, so {@link EventLog.lastSeq}
   * stays known), and sets the alarm to run again after {@link EVENT_SWEEP_INTERVAL_MS} while any
   * are left. Called by the Durable Object's `alarm()`.
   */
  async sweep(): Promise<void> {
    const now = Date.now();
    this.#storage.sql.exec(
      'DELETE FROM events WHERE at_ms < ? AND seq < (SELECT MAX(seq) FROM events)',
      now - EVENT_MAX_AGE_MS,
    );
    if (this.lastSeq() > 0) await this.#storage.setAlarm(now + EVENT_SWEEP_INTERVAL_MS);
  }
}
