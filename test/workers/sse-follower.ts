/**
 * @module sse-follower
 * Reads an SSE answer frame by frame while it is still open (a live stream never ends by
 * itself): wait for the next frames, for a `done`, or stop reading (the client leaves).
 */
import { createParser } from 'eventsource-parser';
import { streamEventSchema } from '../../shared/events-schema';
import type { StreamEvent } from '../../shared/events-schema';

/** One received event with its `id:` as a number. */
export interface FollowedEvent {
  seq: number;
  event: StreamEvent;
}

/** How long a test waits for the next frame before failing, ms (a paced turn sends one every ~0.1 s). */
const NEXT_FRAME_TIMEOUT_MS = 10_000;

/** An open SSE answer being read as frames arrive. */
export class SseFollower {
  /** Every event read so far, in order. */
  readonly received: FollowedEvent[] = [];
  /** `: keepalive` comments seen. */
  comments = 0;
  #ended = false;
  readonly #reader: ReadableStreamDefaultReader<Uint8Array>;
  readonly #decoder = new TextDecoder();
  readonly #parser = createParser({
    onEvent: (message) => {
      this.received.push({
        seq: Number(message.id),
        event: streamEventSchema.parse(JSON.parse(message.data)),
      });
    },
    onComment: () => {
      this.comments += 1;
    },
  });

  constructor(response: Response) {
    if (response.body === null) throw new Error('an SSE answer without a body');
    this.#reader = response.body.getReader();
  }

  /** True once the server ended the stream. */
  get ended(): boolean {
    return this.#ended;
  }

  /** Reads until `count` events in all have arrived (or the stream ends). */
  async untilCount(count: number): Promise<FollowedEvent[]> {
    return this.until(() => this.received.length >= count);
  }

  /** Reads until a `done` event arrives after the first `skip` events (or the stream ends). */
  async untilDone(skip = 0): Promise<FollowedEvent[]> {
    return this.until(() => this.received.slice(skip).some((entry) => entry.event.type === 'done'));
  }

  /** Reads until the server ends the stream. */
  async toEnd(): Promise<FollowedEvent[]> {
    return this.until(() => false);
  }

  /** Reads until `enough()` holds or the stream ends; returns every event read so far. */
  async until(enough: () => boolean): Promise<FollowedEvent[]> {
    while (!enough() && !this.#ended) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no SSE frame within ${NEXT_FRAME_TIMEOUT_MS} ms`)),
          NEXT_FRAME_TIMEOUT_MS,
        );
      });
      const { done, value } = await Promise.race([this.#reader.read(), timeout]).finally(() =>
        clearTimeout(timer),
      );
      if (done) {
        this.#ended = true;
        this.#parser.feed(this.#decoder.decode());
      } else {
        this.#parser.feed(this.#decoder.decode(value, { stream: true }));
      }
    }
    return this.received;
  }

  /** Stops reading (the client goes away). */
  async leave(): Promise<void> {
    await this.#reader.cancel().catch(() => undefined);
  }
}

/** The seqs of `events`. */
export function seqsOf(events: readonly FollowedEvent[]): number[] {
  return events.map((entry) => entry.seq);
}
