/**
 * @module live-streams
 * The open SSE streams of one session, held in the `SessionRoom`'s memory (not stored): a turn's
 * own answer and the streams of `GET …/events`. Every logged event is sent to all of them; a
 * stream that waits for `done` ends after it, a gone client's stream (or one whose reader fell
 * more than `SSE_MAX_QUEUED_BYTES` behind, sse-channel.ts) is dropped at the next event, and at
 * most {@link MAX_OPEN_STREAMS} stay open (the oldest is ended first).
 */
import type { StreamEvent } from '../../shared/events-schema';
import type { SseChannel } from '../sse/sse-channel';

/**
 * Most streams open on one session at once (tabs, devices, a turn's own answer). Beyond it
 * the oldest is ended (its client reconnects); bounds the room's memory.
 */
export const MAX_OPEN_STREAMS = 32;

/** One open SSE stream of the session. */
interface OpenStream {
  channel: SseChannel;
  /** Ends after the next `done` (a turn's own answer; a replay without `?live=1`). */
  untilDone: boolean;
  /** Ends it after its `maxOpenMs`, if set. */
  timer: ReturnType<typeof setTimeout> | undefined;
}

/** The session's open SSE streams, oldest first. */
export class LiveStreams {
  readonly #streams = new Set<OpenStream>();

  /**
   * Adds an open stream (ending the oldest beyond {@link MAX_OPEN_STREAMS}). With `untilDone`
   * it ends after the next `done` event; with `maxOpenMs` (ms) it ends that long after now.
   */
  add(channel: SseChannel, untilDone: boolean, maxOpenMs: number | undefined): void {
    for (const stream of this.#streams) {
      if (this.#streams.size < MAX_OPEN_STREAMS) break;
      this.#drop(stream);
    }
    const stream: OpenStream = { channel, untilDone, timer: undefined };
    if (maxOpenMs !== undefined) stream.timer = setTimeout(() => this.#drop(stream), maxOpenMs);
    this.#streams.add(stream);
  }

  /** Sends the logged `event` (SSE `id:` = `seq`) to every open stream; ends the streams that wait for `done`. */
  send(event: StreamEvent, seq: number): void {
    for (const stream of this.#streams) {
      if (stream.channel.aborted) {
        this.#drop(stream);
        continue;
      }
      stream.channel.send(event, seq);
      if (event.type === 'done' && stream.untilDone) this.#drop(stream);
    }
  }

  /** Removes a stream and ends it (after its queued writes). */
  #drop(stream: OpenStream): void {
    this.#streams.delete(stream);
    if (stream.timer !== undefined) clearTimeout(stream.timer);
    void stream.channel.close();
  }
}
