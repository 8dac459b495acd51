import { describe, expect, it, vi } from 'vitest';
import { createApiClient } from '../api-client';
import { ApiError } from '../api-error';
import { MAX_BUSY_TRIES, retryWhenBusy } from './retry-when-busy';

/** A turn's SSE answer: the user message and `done`. */
const TURN_BODY =
  'retry: 3000\n\nevent: user-message\nid: 1\ndata: {"type":"user-message","text":"hi"}\n\nevent: done\nid: 2\ndata: {"type":"done"}\n\n';

function busy(retryAfter: string | null): Response {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (retryAfter !== null) headers['Retry-After'] = retryAfter;
  return new Response(JSON.stringify({ error: { code: 'busy', message: 'The server is busy.' } }), {
    status: 503,
    headers,
  });
}

describe('sending a chat message while the server is busy', () => {
  it('waits out 503 + Retry-After and sends the same message again with the same clientMessageId', async () => {
    const bodies: Array<{ text: string; clientMessageId: string }> = [];
    const answers = [
      busy('0'),
      busy('0'),
      new Response(TURN_BODY, { headers: { 'Content-Type': 'text/event-stream' } }),
    ];
    const api = createApiClient({
      fetchImpl: async (_url, init) => {
        bodies.push(JSON.parse(String(init?.body)) as { text: string; clientMessageId: string });
        const answer = answers.shift();
        if (answer === undefined) throw new Error('sent more often than expected');
        return answer;
      },
    });
    const events: string[] = [];
    await api.streamMessage('s1', 'hi', (received) => events.push(received.event.type));
    expect(events).toEqual(['user-message', 'done']);
    expect(bodies).toHaveLength(3);
    expect(new Set(bodies.map((body) => body.clientMessageId)).size).toBe(1);
    expect(bodies[0]?.clientMessageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(bodies.every((body) => body.text === 'hi')).toBe(true);
  });

  it('does not send again on a 503 without Retry-After (it may have run)', async () => {
    let sends = 0;
    const api = createApiClient({
      fetchImpl: async () => {
        sends += 1;
        return busy(null);
      },
    });
    await expect(api.streamMessage('s1', 'hi', () => undefined)).rejects.toMatchObject({
      status: 503,
      code: 'busy',
    });
    expect(sends).toBe(1);
  });

  it('gives up after MAX_BUSY_TRIES sends, with the busy error', async () => {
    let sends = 0;
    const send = async (): Promise<never> => {
      sends += 1;
      throw new ApiError(503, 'busy', 'The server is busy.', undefined, 0);
    };
    vi.useFakeTimers();
    try {
      const outcome = retryWhenBusy(send).catch((error: unknown) => error);
      await vi.runAllTimersAsync();
      await expect(outcome).resolves.toMatchObject({ code: 'busy' });
    } finally {
      vi.useRealTimers();
    }
    expect(sends).toBe(MAX_BUSY_TRIES);
  });

  it('stops waiting when cancelled', async () => {
    const controller = new AbortController();
    const outcome = retryWhenBusy(async () => {
      throw new ApiError(503, 'busy', 'The server is busy.', undefined, 60_000);
    }, controller.signal);
    controller.abort();
    await expect(outcome).rejects.toMatchObject({ name: 'AbortError' });
  });
});
