/**
 * @module nemo-adk-stream
 * Reads a `/run_sse` body (Google ADK api_server format: `data: <Event JSON>\n\n` frames only)
 * with eventsource-parser and yields typed frames as they arrive, without buffering: every
 * frame is yielded as soon as its chunk is read. Each `data:` is parsed with zod.
 * Stops with {@link StreamTimeoutError} when nothing at all arrives for the idle timeout or the
 * whole stream outlives its cap; reports a stream that ended inside a frame as `cut`. While the
 * caller says a tool is at work (ADK sends nothing during tool execution), silence is no
 * failure: the idle limit is suspended (the cap stays) and a `quiet` frame is yielded every
 * quiet tick instead, so the caller can say it is still working.
 */
import { createParser } from 'eventsource-parser';
import { adkErrorFrameSchema, adkEventSchema } from './nemo-schema';
import type { AdkEvent } from './nemo-schema';

/**
 * Largest single frame kept while parsing, characters. A final event repeats the whole reply
 * (a few KB) and a function response may carry a draft; 4 MiB bounds memory per stream.
 */
export const MAX_FRAME_CHARS = 4 * 1024 * 1024;

/** One frame of the chat stream. */
export type AdkFrame =
  /** A heartbeat: an empty `data:` line or a frame with nothing to show. */
  | { kind: 'heartbeat' }
  | { kind: 'event'; event: AdkEvent }
  /** `data: {"error": …}` (its text is for logs, not for the visitor). */
  | { kind: 'error'; detail: string }
  /** JSON that is not an ADK event (logged and skipped: a newer upstream may send more kinds). */
  | { kind: 'invalid'; detail: string }
  /**
   * A frame that is not JSON at all: ADK writes only JSON, except older versions' error frame
   * (`{"error": "…"}` built with an f-string, broken by a quote in the message).
   */
  | { kind: 'unreadable'; detail: string }
  /** Nothing arrived for a quiet tick while a tool was at work (see {@link AdkStreamLimits}). */
  | { kind: 'quiet' };

/** How the stream ended: normally, or cut off inside a frame (or by a network error). */
export type AdkStreamEnd = 'complete' | 'cut';

/** The stream went silent for too long, or ran past its cap. */
export class StreamTimeoutError extends Error {
  override readonly name = 'StreamTimeoutError';
  constructor(
    readonly reason: 'idle' | 'max',
    readonly limitMs: number,
  ) {
    super(
      reason === 'idle'
        ? `no data from the chat stream for ${limitMs} ms`
        : `the chat stream ran longer than ${limitMs} ms`,
    );
  }
}

/** Limits of one stream, ms. */
export interface AdkStreamLimits {
  idleTimeoutMs: number;
  maxMs: number;
  /** Whether a tool is at work now (asked before every wait); the idle limit is then suspended. */
  toolRunning?: () => boolean;
  /** How often a `quiet` frame comes while a tool is at work and nothing arrives, ms. */
  quietTickMs?: number;
}

/** Classifies one `data:` payload. */
export function classifyFrame(data: string): AdkFrame {
  if (data.trim() === '') return { kind: 'heartbeat' };
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return { kind: 'unreadable', detail: `not JSON: ${data.slice(0, 80)}` };
  }
  const error = adkErrorFrameSchema.safeParse(json);
  if (error.success) {
    return {
      kind: 'error',
      detail:
        typeof error.data.error === 'string'
          ? error.data.error
          : JSON.stringify(error.data.error).slice(0, 300),
    };
  }
  const event = adkEventSchema.safeParse(json);
  if (!event.success)
    return { kind: 'invalid', detail: event.error.issues[0]?.message ?? 'not an ADK event' };
  const e = event.data;
  const meaningful =
    (e.content?.parts?.length ?? 0) > 0 ||
    e.errorCode !== undefined ||
    e.errorMessage !== undefined ||
    e.turnComplete === true;
  return meaningful ? { kind: 'event', event: e } : { kind: 'heartbeat' };
}

/**
 * Yields the frames of `body` as they arrive; returns how the stream ended.
 * @throws {StreamTimeoutError} on silence longer than `limits.idleTimeoutMs` (unless
 *   `limits.toolRunning()`) or a stream longer than `limits.maxMs` (the body is cancelled first).
 */
export async function* readAdkStream(
  body: ReadableStream<Uint8Array>,
  limits: AdkStreamLimits,
): AsyncGenerator<AdkFrame, AdkStreamEnd> {
  const pending: AdkFrame[] = [];
  let tooLarge = false;
  const parser = createParser({
    onEvent: (message) => pending.push(classifyFrame(message.data)),
    onError: (error) => {
      if (error.type === 'max-buffer-size-exceeded') tooLarge = true;
    },
    maxBufferSize: MAX_FRAME_CHARS,
  });
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const deadline = Date.now() + limits.maxMs;
  // Text after the last blank line: non-blank at the end means a frame was cut off.
  let tail = '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  let released = false;
  // A read still in flight after a quiet tick: the next wait goes on with it (a second read
  // would queue behind it and its chunk would be lost).
  let reading: Promise<ReadableStreamReadResult<Uint8Array>> | null = null;
  try {
    for (;;) {
      const left = deadline - Date.now();
      const quiet = limits.toolRunning?.() === true;
      const idleMs = quiet ? (limits.quietTickMs ?? limits.idleTimeoutMs) : limits.idleTimeoutMs;
      const wait = Math.min(idleMs, Math.max(0, left));
      const reason: 'idle' | 'max' = left <= idleMs ? 'max' : 'idle';
      const timeout = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), wait);
      });
      let step: ReadableStreamReadResult<Uint8Array> | 'timeout';
      try {
        reading ??= reader.read();
        step = await Promise.race([reading, timeout]);
        if (step !== 'timeout') reading = null;
      } catch {
        released = true;
        return 'cut';
      } finally {
        if (timer !== undefined) clearTimeout(timer);
      }
      if (step === 'timeout' && quiet && reason === 'idle') {
        yield { kind: 'quiet' };
        continue;
      }
      if (step === 'timeout') {
        released = true;
        await reader.cancel().catch(() => undefined);
        throw new StreamTimeoutError(
          reason,
          reason === 'idle' ? limits.idleTimeoutMs : limits.maxMs,
        );
      }
      if (step.done) {
        released = true;
        break;
      }
      const text = decoder.decode(step.value, { stream: true });
      tail = lastFrameTail(tail + text);
      parser.feed(text);
      if (tooLarge) {
        released = true;
        await reader.cancel().catch(() => undefined);
        return 'cut';
      }
      while (pending.length > 0) {
        const frame = pending.shift();
        if (frame !== undefined) yield frame;
      }
    }
    const rest = decoder.decode();
    tail = lastFrameTail(tail + rest);
    parser.feed(rest);
    while (pending.length > 0) {
      const frame = pending.shift();
      if (frame !== undefined) yield frame;
    }
    return tail.trim() === '' ? 'complete' : 'cut';
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    // Stopped early by the consumer: cancel the body so the upstream connection closes.
    if (!released) void reader.cancel().catch(() => undefined);
  }
}

/** The text after the last frame separator (`\n\n`, `\r\n\r\n` or `\r\r`). */
function lastFrameTail(text: string): string {
  const normalised = text.replace(/\r\n?/g, '\n');
  const end = normalised.lastIndexOf('\n\n');
  return end < 0 ? normalised : normalised.slice(end + 2);
}
