/**
 * @module session-room
 * `SessionRoom`: one Durable Object per chat session (named by the session id). It owns, in
 * SQLite: who the session belongs to and its title (`meta`), the running-turn record and the
 * remote API's session id; and, each in its own store over the same SQLite, the chat messages
 * (message-store.ts), every draft version (draft-store.ts), every batch version
 * (batch-store.ts) and the event log that SSE reconnects replay from (event-log.ts). The open
 * SSE streams are held in memory (live-streams.ts).
 *
 * A chat turn runs here, not in the Worker: the room stores the visitor's message, runs the
 * engine, turns each {@link EngineEvent} into a {@link StreamEvent}, appends it to the log and
 * writes it to the SSE stream it handed back. If the visitor disconnects, the turn still runs
 * to the end (writes to the gone stream are dropped; the log keeps everything).
 *
 * Every event of a turn goes to every open stream of the session at the moment it is logged:
 * the turn's own answer, and the streams of `GET …/events` ({@link SessionRoom.subscribe}),
 * which first replay the log after the client's `Last-Event-ID` and then stay open for the live
 * events. Replay and joining happen in one synchronous step, so a reconnecting client gets every
 * event exactly once: no gap, no duplicate. A turn cut off by a restart (eviction, deploy) is
 * closed on the next start with an `error` (`turn_interrupted`) and `done`, so no client waits
 * forever. Old events are swept by alarm (event-log.ts).
 */
import { DurableObject } from 'cloudflare:workers';
import { z } from 'zod';
import type { Env } from '../env';
import {
  MAX_RENDER_TITLE_CHARS,
  createExportBodySchema,
  postMessageBodySchema,
} from '../../shared/api-schema';
import type { ChatMessage, RunningTurn, SessionInfo, SessionState } from '../../shared/api-schema';
import type { Draft } from '../../shared/draft-schema';
import type { MediaSummary } from '../../shared/media-schema';
import { streamEventSchema } from '../../shared/events-schema';
import type { LoggedEvent, StreamEvent } from '../../shared/events-schema';
import { summarizeTimeline } from '../../shared/timeline-summary';
import { readToolCall } from '../engine/director-tools';
import type { ChatTurnInput, Engine, EngineEvent } from '../engine/engine';
import { selectEngine } from '../engine/select-engine';
import { toolCallEngine, toolCallLine } from '../engine/tool-call-engine';
import { importedDraftEngine } from '../engine/imported-draft-engine';
import { listReadyMedia } from '../media/media-store';
import { SSE_REPLAY_MAX_BYTES, SseChannel } from '../sse/sse-channel';
import { accepted, notFound, refused } from './durable-result';
import type { DurableResult, Refusal } from './durable-result';
import { readOptionalRow } from './sql-rows';
import { BatchStore, batchItemTitle } from './batch-store';
import type { StoredBatch } from './batch-store';
import { DraftStore } from './draft-store';
import type { DraftVersion } from './draft-store';
import { EventLog } from './event-log';
import { LiveStreams } from './live-streams';
import {
  DEFAULT_SESSION_TITLE,
  MAX_STORED_MESSAGES,
  MessageStore,
  makeTitle,
} from './message-store';
import { visitorAccount, visitorBrandKitStore, visitorIdentityStore } from './durable-stubs';

/** Most earlier drafts handed to the engine for "undo" (no one undoes further by chat). */
export const MAX_UNDO_DEPTH = 20;
/** Earlier messages given to the engine as history: enough context, bounded prompt size. */
export const MAX_HISTORY_MESSAGES = 40;
/**
 * Longest a turn runs, ms. A remote chat stream lasts up to 15 min (docs/remote-api.md); one more
 * minute of slack. After it the turn ends with an `error` event and the session is free again.
 */
export const TURN_MAX_MS = 16 * 60_000;
/**
 * Longest one `GET …/events?live=1` stream stays open, ms. Then it ends and the client
 * reconnects with `Last-Event-ID` (losing nothing); bounds how long one stream pins the room.
 */
export const LIVE_STREAM_MAX_OPEN_MS = 10 * 60_000;

const idSchema = z.uuid();
const createArgsSchema = z.object({
  sessionId: idSchema,
  owner: idSchema,
  atMs: z.number().int().nonnegative(),
});
/** Arguments of {@link SessionRoom.create}. */
export type CreateSessionArgs = z.infer<typeof createArgsSchema>;

const metaRowSchema = z.object({
  session_id: z.string(),
  owner: z.string(),
  title: z.string(),
  created_at_ms: z.number().int(),
  updated_at_ms: z.number().int(),
});
type MetaRow = z.infer<typeof metaRowSchema>;
const runningTurnRowSchema = z.object({
  first_seq: z.number().int().positive(),
  started_at_ms: z.number().int(),
});
const clientMessageRowSchema = z.object({ first_seq: z.number().int().positive() });
const liveFlagSchema = z.boolean();
const batchItemIdSchema = createExportBodySchema.shape.batchItemId;

/** What an export needs from the session: the current draft (or a batch item's), its version and a title. */
export interface ExportSnapshot {
  draft: Draft;
  /** The draft version, or for a batch item the batch version. */
  version: number;
  /** The draft's title, or the session's when the draft has none (names the downloaded file). */
  title: string;
  /** The batch item exported, or null for the session's own draft. */
  batchItemId: string | null;
}

/** The engine did not finish within {@link TURN_MAX_MS}. */
class TurnTimeoutError extends Error {
  override readonly name = 'TurnTimeoutError';
  constructor() {
    super(`the engine did not finish within ${TURN_MAX_MS / 60_000} minutes`);
  }
}

/**
 * Most client message ids remembered (newest first) to answer a re-sent message with its turn
 * instead of running it again. A client re-sends within seconds (web/app/net/retry-when-busy.ts); 20
 * covers every message a visitor can send in that time.
 */
export const MAX_REMEMBERED_CLIENT_MESSAGES = 20;

/** Storage key of the remote API's session id for this session (nemo engine). */
const UPSTREAM_SESSION_KEY = 'upstream-session-id';

/** One chat session: owner, title, the running turn and the wiring of its stores and streams. */
export class SessionRoom extends DurableObject<Env> {
  /** True while a chat turn runs; a second one is refused (409 `turn_in_progress`). */
  #turnRunning = false;
  /** The session's open SSE streams; each logged event is sent to all of them (live-streams.ts). */
  readonly #streams = new LiveStreams();
  /** The session's chat messages (message-store.ts). */
  readonly #messages: MessageStore;
  /** The session's draft versions (draft-store.ts). */
  readonly #drafts: DraftStore;
  /** The session's batch versions (batch-store.ts). */
  readonly #batches: BatchStore;
  /** The session's replayable event log (event-log.ts). */
  readonly #events: EventLog;
  /**
   * The session's ready uploads as the last turn listed them (null before the first turn of
   * this instance): what an engine that checks them starts from (engine.ts `mediaNow`).
   */
  #lastMedia: MediaSummary[] | null = null;
  /** The last push of the session's list entry to the owner's account; pushes run one after another, in order. */
  #summaryPush: Promise<void> = Promise.resolve();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#messages = new MessageStore(ctx.storage);
    this.#drafts = new DraftStore(ctx.storage);
    this.#batches = new BatchStore(ctx.storage);
    this.#events = new EventLog(ctx.storage);
    ctx.storage.sql.exec(`
      CREATE TABLE IF NOT EXISTS meta (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        session_id TEXT NOT NULL,
        owner TEXT NOT NULL,
        title TEXT NOT NULL,
        created_at_ms INTEGER NOT NULL,
        updated_at_ms INTEGER NOT NULL
      );
      CREATE TABLE IF NOT EXISTS running_turn (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        first_seq INTEGER NOT NULL,
        started_at_ms INTEGER NOT NULL
      );
      CREATE TABLE IF NOT EXISTS client_messages (
        client_message_id TEXT PRIMARY KEY,
        first_seq INTEGER NOT NULL
      );
    `);
    this.#closeInterruptedTurn();
  }

  /** Creates the session for `owner` (idempotent for the same id and owner) and lists it in the owner's account. */
  async create(args: CreateSessionArgs): Promise<DurableResult<SessionInfo>> {
    const { sessionId, owner, atMs } = createArgsSchema.parse(args);
    this.ctx.storage.sql.exec(
      `INSERT OR IGNORE INTO meta (id, session_id, owner, title, created_at_ms, updated_at_ms)
       VALUES (1, ?, ?, ?, ?, ?)`,
      sessionId,
      owner,
      DEFAULT_SESSION_TITLE,
      atMs,
      atMs,
    );
    const meta = this.#ownedBy(owner);
    if (meta === null) return notFound('session');
    await this.#pushSummary();
    return accepted(this.#info(meta));
  }

  /** The session's list entry, if `visitorId` owns it. */
  info(visitorId: string): DurableResult<SessionInfo> {
    const meta = this.#ownedBy(visitorId);
    return meta === null ? notFound('session') : accepted(this.#info(meta));
  }

  /** Everything the SPA needs to restore the session, if `visitorId` owns it. */
  state(visitorId: string): DurableResult<SessionState> {
    const meta = this.#ownedBy(visitorId);
    if (meta === null) return notFound('session');
    const current = this.#drafts.current();
    const batch = this.#batches.current();
    return accepted({
      session: this.#info(meta),
      draft: current?.draft ?? null,
      summary: summarizeTimeline(current?.draft ?? null),
      messages: this.#messages.newest(MAX_STORED_MESSAGES),
      lastEventSeq: this.#events.lastSeq(),
      runningTurn: this.#runningTurn(),
      batch: batch?.batch ?? null,
      batchVersion: batch?.version ?? 0,
    });
  }

  /**
   * What an export renders. Without `batchItemId`: the current draft, refused with 409
   * `no_draft` before the first draft. With it: that item of the current batch (its draft, the
   * batch version, its title), refused with 404 `batch_item_not_found` when no batch is current
   * or the batch has no such item.
   */
  exportSnapshot(visitorId: string, batchItemId?: string): DurableResult<ExportSnapshot> {
    const meta = this.#ownedBy(visitorId);
    if (meta === null) return notFound('session');
    const itemId = batchItemIdSchema.parse(batchItemId);
    if (itemId !== undefined) {
      const found = this.#batches.currentItem(itemId);
      if (found === null) {
        return refused(
          404,
          'batch_item_not_found',
          'That video is no longer in this batch; ask for the batch again or export the one shown.',
        );
      }
      const title = batchItemTitle(found.item, MAX_RENDER_TITLE_CHARS);
      return accepted({
        draft: found.item.draft,
        version: found.version,
        title,
        batchItemId: found.item.id,
      });
    }
    const current = this.#drafts.current();
    if (current === null) {
      return refused(
        409,
        'no_draft',
        'There is no video to export yet: describe the video you want in the chat first.',
      );
    }
    const title = current.draft.title.trim() !== '' ? current.draft.title : meta.title;
    return accepted({ draft: current.draft, version: current.version, title, batchItemId: null });
  }

  /**
   * The remote API's session id of this session (nemo engine), if one was made; for the
   * render job, which exports in that session. Stays at the edge.
   */
  async upstreamSessionId(visitorId: string): Promise<DurableResult<string | null>> {
    if (this.#ownedBy(visitorId) === null) return notFound('session');
    return accepted(await this.#upstreamSession.load());
  }

  /** Where the engine keeps the remote API's session id of this session. */
  readonly #upstreamSession = {
    load: async (): Promise<string | null> => {
      const stored = z
        .string()
        .min(1)
        .safeParse(await this.ctx.storage.get(UPSTREAM_SESSION_KEY));
      return stored.success ? stored.data : null;
    },
    save: async (id: string): Promise<void> => {
      await this.ctx.storage.put(UPSTREAM_SESSION_KEY, z.string().min(1).parse(id));
    },
  };

  /**
   * Stored events with a sequence number above `afterSeq`, oldest first, for an SSE replay:
   * at most `MAX_REPLAY_BYTES` of JSON (event-log.ts; always at least one event when there is one).
   */
  eventsAfter(visitorId: string, afterSeq: number): DurableResult<LoggedEvent[]> {
    if (this.#ownedBy(visitorId) === null) return notFound('session');
    return accepted(this.#events.after(afterSeq));
  }

  /**
   * An SSE stream of the session's events after `afterSeq` (`GET …/events`): the stored ones
   * first (`retry:`, then each with `id:` = seq), then the live ones as they are logged, with
   * `: keepalive` every 15 s. Without `live` the stream ends after the replay when no turn runs,
   * or after the running turn's `done`; with `live` it stays open for every later turn, up to
   * {@link LIVE_STREAM_MAX_OPEN_MS}. A replay cut at `SSE_REPLAY_MAX_BYTES` (sse-channel.ts) ends
   * the stream (the client reconnects with `Last-Event-ID` for the rest), so that a replay never
   * fills the stream's bounded write queue. Refused with 404 (not the owner).
   */
  subscribe(
    visitorId: string,
    afterSeq: number,
    live: boolean,
  ): DurableResult<ReadableStream<Uint8Array>> {
    if (this.#ownedBy(visitorId) === null) return notFound('session');
    const stored = this.#events.after(afterSeq, SSE_REPLAY_MAX_BYTES);
    const follow = liveFlagSchema.parse(live);
    const channel = new SseChannel();
    channel.open();
    for (const logged of stored) channel.send(logged.event, logged.seq);
    // Nothing is awaited between reading the log and joining: no event can fall in between.
    const cut = stored.length > 0 && (stored.at(-1)?.seq ?? 0) < this.#events.lastSeq();
    if (cut || (!follow && !this.#turnRunning)) {
      void channel.close();
    } else {
      this.#streams.add(channel, !follow, LIVE_STREAM_MAX_OPEN_MS);
    }
    return accepted(channel.body);
  }

  /** Sweeps events older than `EVENT_MAX_AGE_MS` (never the newest; event-log.ts), and runs again later while any are left. */
  override async alarm(): Promise<void> {
    await this.#events.sweep();
  }

  /**
   * Starts a chat turn and answers at once with its SSE byte stream (`retry:`, then each event
   * with `id:` = its log seq and `event:` = its type, `: keepalive` every 15 s, and `done` last);
   * the Worker answers the visitor with it as it is. A `clientMessageId` already received (the
   * client re-sent the message) is not run again: the answer replays that turn's events from its
   * `user-message` (then the live rest, while it runs).
   * Refused with 404 (not the owner), 400 `invalid_body` (empty or too long text, an id that is
   * not a UUID) or 409 `turn_in_progress` (another turn is running in this session).
   */
  async turn(
    visitorId: string,
    text: string,
    clientMessageId?: string,
  ): Promise<DurableResult<ReadableStream<Uint8Array>>> {
    const meta = this.#ownedBy(visitorId);
    if (meta === null) return notFound('session');
    const body = postMessageBodySchema.safeParse({ text, clientMessageId });
    if (!body.success) {
      return refused(
        400,
        'invalid_body',
        body.error.issues.map((issue) => issue.message).join('; '),
      );
    }
    const received =
      body.data.clientMessageId === undefined
        ? null
        : this.#receivedFirstSeq(body.data.clientMessageId);
    if (received !== null) return this.subscribe(visitorId, received - 1, false);
    if (this.#turnRunning) return turnInProgress('send');
    this.#turnRunning = true;
    const channel = new SseChannel();
    channel.open();
    this.#streams.add(channel, true, undefined);
    const engine = (): Engine => this.#sessionEngine(meta);
    const run = this.#runTurn(body.data.text, meta, body.data.clientMessageId, engine)
      .catch((error: unknown) => console.error('session turn failed', error))
      .finally(() => {
        this.#turnRunning = false;
      });
    this.ctx.waitUntil(run);
    return accepted(channel.body);
  }

  /**
   * One director tool call made from outside the chat (an agent over `/mcp`), run as a turn of
   * this session: validated by `readToolCall` (director-tools.ts), applied by
   * tool-call-engine.ts, stored and streamed like a chat turn (an open tab sees it live), and
   * answered once it is over with the events it logged.
   * Refused with 404 (not the owner), 400 `invalid_tool_call` (no such tool, or arguments the
   * tool's schema refuses: the message says what was wrong) or 409 `turn_in_progress`.
   */
  async toolTurn(
    visitorId: string,
    name: string,
    args: unknown,
  ): Promise<DurableResult<StreamEvent[]>> {
    const meta = this.#ownedBy(visitorId);
    if (meta === null) return notFound('session');
    const read = readToolCall(z.string().parse(name), args);
    if (!read.ok) return refused(400, 'invalid_tool_call', read.error);
    if (this.#turnRunning) return turnInProgress('call');
    this.#turnRunning = true;
    try {
      const line = toolCallLine(name, read.call);
      const engine = (): Engine => toolCallEngine(read.call);
      return accepted(await this.#runTurn(line, meta, undefined, engine));
    } finally {
      this.#turnRunning = false;
    }
  }

  /**
   * One turn from the render API (`POST /api/renders`, functions/routes/api-renders.ts): a
   * prompt for the session's director, or a draft handed in whole, stored as the session's next
   * version with `line` as the visitor's message (imported-draft-engine.ts). Stored and streamed
   * like a chat turn; answered once it is over with the events it logged.
   * Refused with 404 (not the owner) or 409 `turn_in_progress`.
   */
  async apiTurn(
    visitorId: string,
    turn: { prompt: string } | { line: string; draft: Draft; note: string },
  ): Promise<DurableResult<StreamEvent[]>> {
    const meta = this.#ownedBy(visitorId);
    if (meta === null) return notFound('session');
    if (this.#turnRunning) return turnInProgress('send');
    this.#turnRunning = true;
    try {
      if ('prompt' in turn) {
        const prompt = postMessageBodySchema.parse({ text: turn.prompt }).text;
        return accepted(
          await this.#runTurn(prompt, meta, undefined, () => this.#sessionEngine(meta)),
        );
      }
      const { line, draft, note } = turn;
      return accepted(
        await this.#runTurn(line, meta, undefined, () => importedDraftEngine(draft, note)),
      );
    } finally {
      this.#turnRunning = false;
    }
  }

  /** The engine of this session's chat turns (`ENGINE`, with the session's ports). */
  #sessionEngine(meta: MetaRow): Engine {
    return selectEngine(this.env.ENGINE, {
      vars: { ...this.env },
      identity: visitorIdentityStore(this.env, meta.owner),
      brandKit: visitorBrandKitStore(this.env, meta.owner),
      upstreamSession: this.#upstreamSession,
      media: { bucket: this.env.MEDIA, sessionId: meta.session_id },
    });
  }

  /**
   * Runs one turn of the engine `engine()` makes (made inside the turn, so a configuration error
   * ends it with an `error` event) on `text` (see {@link SessionRoom.turn}); resolves with the
   * events it logged.
   */
  async #runTurn(
    text: string,
    meta: MetaRow,
    clientMessageId: string | undefined,
    engine: () => Engine,
  ): Promise<StreamEvent[]> {
    const logged: StreamEvent[] = [];
    const emit = (event: StreamEvent): void => {
      logged.push(event);
      this.#emit(event);
    };
    let finalText: string | null = null;
    let deltas = '';
    const changes: string[] = [];
    try {
      const history = this.#messages.newest(MAX_HISTORY_MESSAGES);
      this.#storeMessage(
        'user',
        text,
        history.length === 0 && meta.title === DEFAULT_SESSION_TITLE,
      );
      this.#beginTurn(text, clientMessageId);
      // Chosen first, so a language-model director's module loads while storage is read. The
      // uploads are listed (R2, ~10–80 ms) while an engine that checks them starts from the
      // previous turn's list (engine.ts); the others wait for the list.
      const chosen = engine();
      const armed = this.#events.armSweep();
      // Awaited after the engine (a failure still fails the turn); until then not "unhandled".
      armed.catch(() => undefined);
      const listing = listReadyMedia(this.env.MEDIA, meta.session_id).then((listed) => {
        this.#lastMedia = listed;
        return listed;
      });
      // An engine handed it as `mediaNow` may fail before reading it: not "unhandled" then.
      listing.catch(() => undefined);
      const guess = chosen.checksMedia === true ? this.#lastMedia : null;
      const media = guess ?? (await listing);
      const current = this.#drafts.current();
      const previous = this.#drafts.undoChain(MAX_UNDO_DEPTH);
      const previousBatches = this.#batches.undoChain(MAX_UNDO_DEPTH);
      const input: ChatTurnInput = {
        text,
        draft: current?.draft ?? null,
        history,
        previousDrafts: previous.map((version) => version.draft),
        media,
        ...(guess === null ? {} : { mediaNow: listing }),
        batch: this.#batches.current()?.batch ?? null,
        previousBatches: previousBatches.map((version) => version.batch),
      };
      try {
        for await (const engineEvent of withDeadline(chosen.chat(input), TURN_MAX_MS)) {
          if (engineEvent.type === 'draft') {
            const event = this.#storeDraft(engineEvent, previous);
            if (event.type === 'draft') changes.push(...event.changes);
            emit(event);
            continue;
          }
          if (engineEvent.type === 'batch') {
            const event = this.#storeBatch(engineEvent, previousBatches);
            if (event?.type === 'batch') changes.push(...event.changes);
            if (event !== null) emit(event);
            continue;
          }
          const event = toStreamEvent(engineEvent);
          if (event.type === 'text') finalText = event.text;
          if (event.type === 'text-delta') deltas += event.delta;
          emit(event);
        }
      } catch (error) {
        console.error('engine failed during a chat turn', error);
        emit({
          type: 'error',
          code: error instanceof TurnTimeoutError ? 'turn_timeout' : 'engine_failed',
          message:
            error instanceof TurnTimeoutError
              ? 'The video director took too long and was stopped. Your draft is as shown; please try again.'
              : 'The video director hit a problem and stopped. Your draft is as shown; please try again.',
        });
      }
      const reply = finalText ?? (deltas !== '' ? deltas : changes.join('\n'));
      if (reply.trim() !== '') this.#storeMessage('assistant', reply, false);
      await Promise.all([armed, listing]);
    } catch (error) {
      console.error('session turn failed', error);
      emit({
        type: 'error',
        code: 'engine_failed',
        message: 'The answer failed before it finished; please try again.',
      });
    } finally {
      // The library lists the turn's outcome by the time the client reads `done`.
      await this.#summaryPush;
      this.#endTurn();
    }
    return logged;
  }

  /**
   * Logs the turn's `user-message`, records the turn as running (so a restart can close it) and
   * remembers its `clientMessageId` (the newest {@link MAX_REMEMBERED_CLIENT_MESSAGES}).
   */
  #beginTurn(text: string, clientMessageId: string | undefined): void {
    const firstSeq = this.#emit({ type: 'user-message', text });
    this.ctx.storage.sql.exec(
      'INSERT OR REPLACE INTO running_turn (id, first_seq, started_at_ms) VALUES (1, ?, ?)',
      firstSeq,
      Date.now(),
    );
    if (clientMessageId === undefined) return;
    this.ctx.storage.sql.exec(
      'INSERT OR REPLACE INTO client_messages (client_message_id, first_seq) VALUES (?, ?)',
      clientMessageId,
      firstSeq,
    );
    this.ctx.storage.sql.exec(
      'DELETE FROM client_messages WHERE first_seq NOT IN (SELECT first_seq FROM client_messages ORDER BY first_seq DESC LIMIT ?)',
      MAX_REMEMBERED_CLIENT_MESSAGES,
    );
  }

  /** The first seq of the turn started by `clientMessageId`, or null when it was never received. */
  #receivedFirstSeq(clientMessageId: string): number | null {
    const row = readOptionalRow(
      this.ctx.storage.sql.exec(
        'SELECT first_seq FROM client_messages WHERE client_message_id = ?',
        clientMessageId,
      ),
      clientMessageRowSchema,
      'client message',
    );
    return row?.first_seq ?? null;
  }

  /** Logs `done` and marks the turn over, in one synchronous step (a replay then sees both or neither). */
  #endTurn(): void {
    this.ctx.storage.sql.exec('DELETE FROM running_turn');
    this.#turnRunning = false;
    this.#emit({ type: 'done' });
  }

  /** A turn recorded as running when this instance starts was cut off by a restart: close it in the log. */
  #closeInterruptedTurn(): void {
    if (this.#runningTurn() === null) return;
    this.#emit({
      type: 'error',
      code: 'turn_interrupted',
      message:
        'The answer was interrupted when the server restarted. Your draft is as shown; please send your message again.',
    });
    this.#endTurn();
  }

  /** The running turn as recorded in storage, or null. */
  #runningTurn(): RunningTurn | null {
    const row = readOptionalRow(
      this.ctx.storage.sql.exec('SELECT first_seq, started_at_ms FROM running_turn WHERE id = 1'),
      runningTurnRowSchema,
      'running turn',
    );
    return row === null ? null : { firstSeq: row.first_seq, startedAtMs: row.started_at_ms };
  }

  /** Logs `event` and sends it to every open stream; ends the streams that wait for `done`. Returns its seq. */
  #emit(event: StreamEvent): number {
    const seq = this.#events.append(event);
    this.#streams.send(event, seq);
    return seq;
  }

  /**
   * Stores the engine's draft as a new version (draft-store.ts) and builds its `draft` stream
   * event, or an `error` (`invalid_draft`) when it does not hold together.
   */
  #storeDraft(
    engineEvent: Extract<EngineEvent, { type: 'draft' }>,
    previous: DraftVersion[],
  ): StreamEvent {
    const atMs = Date.now();
    const stored = this.ctx.storage.transactionSync(() => {
      const result = this.#drafts.store(engineEvent, previous, atMs);
      if (result.type === 'draft') this.#touch(atMs);
      return result;
    });
    if (stored.type === 'invalid') {
      console.error('engine produced an invalid draft', stored.detail);
      if (stored.tooLarge !== null) return tooLargeEvent(stored.tooLarge);
      return {
        type: 'error',
        code: 'invalid_draft',
        message:
          'The video director produced a timeline that does not hold together, so it was not applied.',
      };
    }
    return stored;
  }

  /**
   * Stores the engine's batch as a new version (batch-store.ts) and builds its `batch` stream
   * event: an `error` (`invalid_batch`) when it does not hold together, null when there was
   * nothing to store (`batch: null` while no batch is current).
   */
  #storeBatch(
    engineEvent: Extract<EngineEvent, { type: 'batch' }>,
    previous: StoredBatch[],
  ): StreamEvent | null {
    const atMs = Date.now();
    const stored = this.#batches.store(engineEvent, previous, atMs);
    if (stored?.type === 'invalid') {
      console.error('engine produced an invalid batch', stored.detail);
      if (stored.tooLarge !== null) return tooLargeEvent(stored.tooLarge);
      return {
        type: 'error',
        code: 'invalid_batch',
        message:
          'The video director produced a batch of videos that does not hold together, so it was not applied.',
      };
    }
    if (stored !== null) this.#touch(atMs);
    return stored;
  }

  /** Stores a chat message (message-store.ts); with `setTitle` its text becomes the session title. */
  #storeMessage(role: ChatMessage['role'], text: string, setTitle: boolean): void {
    const atMs = Date.now();
    this.ctx.storage.transactionSync(() => {
      this.#messages.add(role, text, atMs);
      if (setTitle)
        this.ctx.storage.sql.exec('UPDATE meta SET title = ? WHERE id = 1', makeTitle(text));
      this.#touch(atMs);
    });
  }

  /** Records that the session changed at `atMs` (epoch ms): its `updatedAtMs`; its list entry follows. */
  #touch(atMs: number): void {
    this.ctx.storage.sql.exec('UPDATE meta SET updated_at_ms = ? WHERE id = 1', atMs);
    void this.#pushSummary();
  }

  /**
   * Pushes the session's list entry, as it is when the push runs, to the owner's
   * `VisitorAccount` (library-summaries.ts), after the pushes before it. A failed push is logged;
   * the next change pushes again.
   */
  #pushSummary(): Promise<void> {
    this.#summaryPush = this.#summaryPush
      .then(async () => {
        const meta = this.#meta();
        if (meta !== null)
          await visitorAccount(this.env, meta.owner).saveSessionSummary(this.#info(meta));
      })
      .catch((error: unknown) =>
        console.error('pushing the session summary to the visitor account failed', error),
      );
    this.ctx.waitUntil(this.#summaryPush);
    return this.#summaryPush;
  }

  /** The session's meta row if it exists and belongs to `visitorId`, else null. */
  #ownedBy(visitorId: string): MetaRow | null {
    if (!idSchema.safeParse(visitorId).success) return null;
    const meta = this.#meta();
    return meta !== null && meta.owner === visitorId ? meta : null;
  }

  /** The session's meta row, or null before {@link SessionRoom.create}. */
  #meta(): MetaRow | null {
    return readOptionalRow(
      this.ctx.storage.sql.exec(
        'SELECT session_id, owner, title, created_at_ms, updated_at_ms FROM meta WHERE id = 1',
      ),
      metaRowSchema,
      'session meta',
    );
  }

  #info(meta: MetaRow): SessionInfo {
    return {
      id: meta.session_id,
      title: meta.title,
      createdAtMs: meta.created_at_ms,
      updatedAtMs: meta.updated_at_ms,
      version: this.#drafts.currentVersion(),
      summary: summarizeTimeline(this.#drafts.current()?.draft ?? null),
    };
  }
}

/** 409 `turn_in_progress`: another turn of the session runs; `then` is what to do again (send a message, call a tool). */
function turnInProgress(then: 'send' | 'call'): Refusal {
  return refused(
    409,
    'turn_in_progress',
    `This session is still answering the previous message; wait for it to finish, then ${then} again.`,
  );
}

/** The `error` event for a draft or batch over the size budget (shared/draft-schema.ts); `reason` says which bound. */
function tooLargeEvent(reason: string): StreamEvent {
  return {
    type: 'error',
    code: 'draft_too_large',
    message: `That timeline is too big to keep (${reason}), so it was not applied. Remove some texts or scenes first, or make a shorter video.`,
  };
}

/** Maps an engine event other than a draft or batch to the stream protocol (validated, so a bad engine event cannot leak). */
function toStreamEvent(event: Exclude<EngineEvent, { type: 'draft' | 'batch' }>): StreamEvent {
  const parsed = streamEventSchema.safeParse(event);
  if (parsed.success) return parsed.data;
  console.error('engine produced an invalid event', parsed.error.message);
  return {
    type: 'error',
    code: 'invalid_event',
    message: 'The video director sent something this app cannot show.',
  };
}

/**
 * Iterates `source`, throwing {@link TurnTimeoutError} if it has not finished `limitMs` after
 * the first call (and asking the source to stop).
 */
async function* withDeadline<T>(source: AsyncIterable<T>, limitMs: number): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  const deadline = Date.now() + limitMs;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    for (;;) {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new TurnTimeoutError()),
          Math.max(0, deadline - Date.now()),
        );
      });
      const next = await Promise.race([iterator.next(), timeout]);
      if (timer !== undefined) clearTimeout(timer);
      if (next.done === true) return;
      yield next.value;
    }
  } catch (error) {
    if (error instanceof TurnTimeoutError) void iterator.return?.();
    throw error;
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}
