/**
 * @module sse-channel
 * One server-sent-events stream that works anywhere, including inside a Durable Object (where
 * no hono `Context` exists for `streamSSE`). It writes `retry:` first, a `: keepalive` comment
 * every {@link SSE_KEEPALIVE_MS} while open, and each event as soon as it is sent. Writes are
 * queued in order and never block the sender: a slow or gone client must not stall a chat turn.
 *
 * The body handed out is the readable half of workerd's native `IdentityTransformStream`, so the
 * runtime pipes it without JavaScript in between (also across Durable Object RPC), and a client
 * that leaves simply makes later writes fail, which are dropped. (With a JS `TransformStream`,
 * a visitor leaving mid-turn surfaced as an unhandled "Network connection lost" in the room.)
 *
 * A write resolves only once the client read it, so the bytes of unresolved writes are what
 * this stream holds in memory for its reader. A reader that stops reading while events keep
 * coming is dropped once they pass {@link SSE_MAX_QUEUED_BYTES}: its stream is aborted (it ends
 * for the client) and the held bytes are let go; the client reconnects with `Last-Event-ID` and
 * replays what it missed from the event log.
 */
import type { StreamEvent } from '../../shared/events-schema';

/** How long a browser waits to reconnect a stream, ms (docs/design-decisions.md#live-events). */
export const SSE_RETRY_MS = 3_000;
/**
 * Interval between `: keepalive` comments, ms (docs/design-decisions.md#live-events). Proxies and
 * Cloudflare close idle HTTP streams after about 100 s; 15 s stays far below that.
 */
export const SSE_KEEPALIVE_MS = 15_000;

/**
 * Most bytes of events one stream holds for a reader that has not read them yet. Beyond it the
 * reader is dropped (it reconnects with `Last-Event-ID`). 1 MiB is hundreds of turns' worth of
 * text deltas, far more than a live reader ever lags, yet with `MAX_OPEN_STREAMS` (32) streams
 * per session it keeps a room's stream buffers to 32 MiB of a 128 MB isolate. A replay sends at
 * most half of it at once ({@link SSE_REPLAY_MAX_BYTES}).
 */
export const SSE_MAX_QUEUED_BYTES = 1024 * 1024;
/**
 * Most bytes of stored events one SSE replay writes at once, so a replay alone never passes
 * {@link SSE_MAX_QUEUED_BYTES}; a longer replay ends the stream and the client reconnects with
 * `Last-Event-ID` for the rest.
 */
export const SSE_REPLAY_MAX_BYTES = SSE_MAX_QUEUED_BYTES / 2;

/** Response headers of every SSE answer. `no-transform` stops proxies from buffering or gzipping. */
export const SSE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache, no-transform',
  'X-Accel-Buffering': 'no',
};

/**
 * Formats one SSE frame: `event:`, `id:` (when given) and one `data:` line per line of `data`.
 *
 * @example formatSseFrame('done', '{"type":"done"}', 7) // 'event: done\nid: 7\ndata: {"type":"done"}\n\n'
 */
export function formatSseFrame(event: string, data: string, id?: number): string {
  const lines = [`event: ${event.replace(/[\r\n]/g, '')}`];
  if (id !== undefined) lines.push(`id: ${id}`);
  for (const line of data.split(/\r\n|\r|\n/)) lines.push(`data: ${line}`);
  return `${lines.join('\n')}\n\n`;
}

/** A server-sent stream: create it, {@link SseChannel.open}, send events, {@link SseChannel.close}. */
export class SseChannel {
  /** The bytes to answer with (`new Response(channel.body, {headers: SSE_HEADERS})`). */
  readonly body: ReadableStream<Uint8Array>;
  readonly #writer: WritableStreamDefaultWriter<Uint8Array>;
  readonly #encoder = new TextEncoder();
  #queue: Promise<void> = Promise.resolve();
  #keepalive: ReturnType<typeof setInterval> | undefined;
  #closed = false;
  #aborted = false;
  /** Bytes written but not yet read by the client. */
  #queuedBytes = 0;
  readonly #maxQueuedBytes: number;

  /** @param maxQueuedBytes see {@link SSE_MAX_QUEUED_BYTES} (tests pass less). */
  constructor(maxQueuedBytes: number = SSE_MAX_QUEUED_BYTES) {
    this.#maxQueuedBytes = maxQueuedBytes;
    const { readable, writable } = new IdentityTransformStream();
    this.body = readable;
    this.#writer = writable.getWriter();
    this.#writer.closed.catch(() => this.#markAborted());
  }

  /** True once the client went away (a write failed) or was dropped for not reading. */
  get aborted(): boolean {
    return this.#aborted;
  }

  /** Writes `retry:` and starts the keepalive comments. */
  open(keepaliveMs: number = SSE_KEEPALIVE_MS): void {
    this.#write(`retry: ${SSE_RETRY_MS}\n\n`);
    this.#keepalive = setInterval(() => this.#write(': keepalive\n\n'), keepaliveMs);
  }

  /**
   * Sends one {@link StreamEvent}: `event:` is its `type`, `data:` its JSON, `id:` the given
   * sequence number (omitted when undefined). Never throws; a gone client is ignored.
   */
  send(event: StreamEvent, id?: number): void {
    this.#write(formatSseFrame(event.type, JSON.stringify(event), id));
  }

  /** Stops the keepalive, waits for queued writes, and ends the stream. */
  async close(): Promise<void> {
    if (this.#closed) return this.#queue;
    this.#closed = true;
    this.#stopKeepalive();
    this.#queue = this.#queue
      .then(() => (this.#aborted ? undefined : this.#writer.close()))
      .catch(() => this.#markAborted());
    return this.#queue;
  }

  /** Bytes written but not yet read by the client (at most {@link SSE_MAX_QUEUED_BYTES} plus one event). */
  get queuedBytes(): number {
    return this.#queuedBytes;
  }

  #write(text: string): void {
    if (this.#closed || this.#aborted) return;
    const bytes = this.#encoder.encode(text);
    // Only a backlog already past the bound drops the reader: one big event (a whole draft) may
    // still go out to a reader that keeps up, so the most held is the bound plus one event.
    if (this.#queuedBytes > this.#maxQueuedBytes) {
      this.#drop();
      return;
    }
    this.#queuedBytes += bytes.byteLength;
    this.#queue = this.#queue
      .then(() => (this.#aborted ? undefined : this.#writer.write(bytes)))
      .catch(() => this.#markAborted())
      .finally(() => {
        this.#queuedBytes -= bytes.byteLength;
      });
  }

  /** Ends the stream of a reader that stopped reading: aborting lets go of every queued write. */
  #drop(): void {
    this.#markAborted();
    void this.#writer.abort(new Error('the reader fell too far behind')).catch(() => undefined);
  }

  #markAborted(): void {
    this.#aborted = true;
    this.#stopKeepalive();
  }

  #stopKeepalive(): void {
    if (this.#keepalive !== undefined) clearInterval(this.#keepalive);
    this.#keepalive = undefined;
  }
}
