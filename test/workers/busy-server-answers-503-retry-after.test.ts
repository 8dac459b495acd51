/**
 * Beyond `MAX_TURNS_PER_ISOLATE` turns streaming at once, a chat message is refused at once with
 * 503 `busy` and `Retry-After`, before any work (no turn runs, nothing is logged); following a
 * session is not refused; once a turn's stream ends or its client leaves, the next one is let in.
 */
import { createExecutionContext, env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { sessionStateSchema } from '../../shared/api-schema';
import { createApp } from '../../functions/app';
import { BUSY_RETRY_AFTER_S } from '../../functions/middleware/turn-gate';
import { ORIGIN, Visitor, readError, readSse } from './visitor-client';
import { SseFollower } from './sse-follower';

/** The app with room for one turn at once. */
const gated = createApp();
const gatedEnv = { ...env, MAX_TURNS_PER_ISOLATE: '1' };

function callGated(visitor: Visitor, path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (visitor.cookie !== null) headers.set('Cookie', visitor.cookie);
  return Promise.resolve(
    gated.fetch(
      new Request(`${ORIGIN}${path}`, { ...init, headers }),
      gatedEnv,
      createExecutionContext(),
    ),
  );
}

function sendGated(visitor: Visitor, sessionId: string, text: string): Promise<Response> {
  return callGated(visitor, `/api/sessions/${sessionId}/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ text }),
  });
}

describe('turn gate', () => {
  it('answers 503 busy with Retry-After before running a turn, and lets the next one in once a stream ends', async () => {
    const visitor = new Visitor();
    const first = await visitor.createSession();
    const second = await visitor.createSession();

    const running = await sendGated(visitor, first.id, 'help');
    expect(running.status).toBe(200);
    const refused = await sendGated(visitor, second.id, 'make a 20-second video about tea');
    expect(refused.status).toBe(503);
    expect(refused.headers.get('Retry-After')).toBe(String(BUSY_RETRY_AFTER_S));
    expect((await readError(refused)).code).toBe('busy');
    // Following a session is not a turn: it is let in.
    const events = await callGated(visitor, `/api/sessions/${second.id}/events`);
    expect(events.status).toBe(200);
    await readSse(events);

    // Nothing ran in the refused session.
    const untouched = sessionStateSchema.parse(
      await (await visitor.fetch(`/api/sessions/${second.id}`)).json(),
    );
    expect(untouched.messages).toEqual([]);
    expect(untouched.lastEventSeq).toBe(0);

    const turn = await readSse(running);
    expect(turn.events.at(-1)?.type).toBe('done');
    const admitted = await sendGated(visitor, second.id, 'make a 20-second video about tea');
    expect(admitted.status).toBe(200);
    expect((await readSse(admitted)).events.at(-1)?.type).toBe('done');
  }, 30_000);

  it('frees the slot of a client that leaves mid-stream', async () => {
    const visitor = new Visitor();
    const first = await visitor.createSession();
    const second = await visitor.createSession();
    const leaving = new SseFollower(await sendGated(visitor, first.id, 'help'));
    await leaving.untilCount(2);
    await leaving.leave();
    const admitted = await sendGated(visitor, second.id, 'make a 20-second video about tea');
    expect(admitted.status).toBe(200);
    expect((await readSse(admitted)).events.at(-1)?.type).toBe('done');
  }, 30_000);
});
