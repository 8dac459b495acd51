/**
 * @module sse-reader
 * Reads a `text/event-stream` body (from a `fetch`, so it works for POST, which `EventSource`
 * cannot do) with eventsource-parser, and validates every `data:` payload with
 * {@link streamEventSchema}: the SSE stream is a trust boundary like any JSON body.
 */
import { createParser } from 'eventsource-parser';
import { streamEventSchema } from '../../shared/events-schema';
import type { StreamEvent } from '../../shared/events-schema';

/** One validated event and its `id:` (the session log sequence number), if the server sent one. */
export interface ReceivedEvent {
  event: StreamEvent;
  /** Parsed `id:` field; `null` when absent or not a number. */
  seq: number | null;
}

/** Why a stream ended: after a `done` event, or because the body simply closed. */
export interface StreamOutcome {
  sawDone: boolean;
  /** `id:` of the last event read, for a later `Last-Event-ID` replay. */
  lastSeq: number | null;
  /** How many frames were dropped because they did not match the schema. */
  invalidEvents: number;
}

/**
 * Feeds an SSE byte stream through the parser and calls `onEvent` for each valid event, in
 * order. Frames whose JSON does not match the schema are counted and skipped, never passed on.
 * Resolves when the body ends; rejects only if reading the body fails (network drop, abort).
 *
 * @example
 * const outcome = await readEventStream(response.body, ({ event }) => console.log(event.type));
 */
export async function readEventStream(
  body: ReadableStream<Uint8Array>,
  onEvent: (received: ReceivedEvent) => void,
): Promise<StreamOutcome> {
  const outcome: StreamOutcome = { sawDone: false, lastSeq: null, invalidEvents: 0 };
  const parser = createParser({
    onEvent(message) {
      const seq = message.id !== undefined && /^\d+$/.test(message.id) ? Number(message.id) : null;
      const parsed = streamEventSchema.safeParse(parseJson(message.data));
      if (!parsed.success) {
        outcome.invalidEvents += 1;
        return;
      }
      if (seq !== null) outcome.lastSeq = seq;
      if (parsed.data.type === 'done') outcome.sawDone = true;
      onEvent({ event: parsed.data, seq });
    },
  });
  const decoder = new TextDecoder();
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parser.feed(decoder.decode(value, { stream: true }));
    }
    parser.feed(decoder.decode());
  } finally {
    reader.releaseLock();
  }
  return outcome;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
