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
 */
import type { StreamEvent } from '../../shared/events-schema';

/** How long a browser waits before reconnecting a dropped stream, ms (DESIGN.md: "`retry:` set"). */
export const SSE_RETRY_MS = 3_000;
/**
 * Interval between `: keepalive` comments, ms (DESIGN.md: every 15 s). Proxies and Cloudflare
 * close idle HTTP streams after about 100 s; 15 s stays far below that.
 */
export const SSE_KEEPALIVE_MS = 15_000;

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

  constructor() {
    const { readable, writable } = new IdentityTransformStream();
    this.body = readable;
    this.#writer = writable.getWriter();
    this.#writer.closed.catch(() => this.#markAborted());
  }

  /** True once the client went away (a write failed because nobody reads any more). */
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
    this.#queue = this.#queue.then(() => this.#aborted ? undefined : this.#writer.close()).catch(() => this.#markAborted());
    return this.#queue;
  }

  #write(text: string): void {
    if (this.#closed || this.#aborted) return;
    const bytes = this.#encoder.encode(text);
    this.#queue = this.#queue
      .then(() => (this.#aborted ? undefined : this.#writer.write(bytes)))
      .catch(() => this.#markAborted());
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
