/**
 * @module read-timed-sse
 * Reads a server-sent events body to its end for the benches, timing each event from when the
 * request was sent.
 */
import { createParser } from 'eventsource-parser';

/**
 * Reads an SSE body, calling `onData(data, event, elapsedMs)` per event.
 * @param started `performance.now()` when the request was sent
 * @returns ms from `started` to the body's end
 * @throws Error when the response has no body
 */
export async function readTimed(
  response: Response,
  started: number,
  onData: (data: string, event: string | undefined, at: number) => void,
): Promise<number> {
  const parser = createParser({
    onEvent: (message) => onData(message.data, message.event, performance.now() - started),
  });
  if (response.body === null) throw new Error('no body');
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parser.feed(decoder.decode(value, { stream: true }));
  }
  return performance.now() - started;
}
