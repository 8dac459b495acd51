/**
 * A client whose stream drops mid-turn reconnects with `Last-Event-ID` and gets exactly the
 * events it missed, then the live rest of the turn: no gap, no duplicate. Two tabs following
 * the session (`?live=1`) both see a turn live, and their streams stay open for the next turn.
 */
import { describe, expect, it } from 'vitest';
import { sessionStateSchema } from '../../shared/api-schema';
import type { SessionState } from '../../shared/api-schema';
import { Visitor, readError } from './visitor-client';
import { SseFollower, seqsOf } from './sse-follower';
import type { FollowedEvent } from './sse-follower';

/** "help" answers with a long reply (30+ deltas), so the paced turn runs for a few seconds. */
const LONG_REPLY_PROMPT = 'help';

async function state(visitor: Visitor, sessionId: string): Promise<SessionState> {
  return sessionStateSchema.parse(await (await visitor.fetch(`/api/sessions/${sessionId}`)).json());
}

/** Seqs must climb by exactly one: nothing missing, nothing twice. */
function expectContiguous(events: readonly FollowedEvent[]): void {
  const seqs = seqsOf(events);
  const first = seqs[0] ?? 0;
  expect(seqs).toEqual(seqs.map((_, index) => first + index));
}

describe('resumable chat streams', () => {
  it('a reconnect with Last-Event-ID mid-turn gets every missed event once, then the live rest', async () => {
    const visitor = new Visitor();
    const session = await visitor.createSession();
    const turn = new SseFollower(
      await visitor.post(`/api/sessions/${session.id}/messages`, { text: LONG_REPLY_PROMPT }),
    );
    const before = await turn.untilCount(4);
    await turn.leave();
    const lastSeen = before.at(-1)?.seq ?? 0;
    expect(before[0]?.event).toEqual({ type: 'user-message', text: LONG_REPLY_PROMPT });

    const running = await state(visitor, session.id);
    expect(running.runningTurn).toEqual({
      firstSeq: before[0]?.seq,
      startedAtMs: expect.any(Number),
    });
    expect(running.messages.map((message) => message.role)).toEqual(['user']);

    const resumed = new SseFollower(
      await visitor.fetch(`/api/sessions/${session.id}/events`, {
        headers: { 'Last-Event-ID': String(lastSeen) },
      }),
    );
    const rest = await resumed.toEnd();
    expect(rest[0]?.seq).toBe(lastSeen + 1);
    const whole = [...before, ...rest];
    expectContiguous(whole);
    expect(whole.filter((entry) => entry.event.type === 'done')).toHaveLength(1);
    expect(whole.at(-1)?.event.type).toBe('done');
    // Most of the turn arrived live: it was still running when the client came back.
    expect(rest.filter((entry) => entry.event.type === 'text-delta').length).toBeGreaterThan(10);

    const log = await new SseFollower(
      await visitor.fetch(`/api/sessions/${session.id}/events`),
    ).toEnd();
    expect(log).toEqual(whole);
    const after = await state(visitor, session.id);
    expect(after.runningTurn).toBeNull();
    expect(after.messages.map((message) => message.role)).toEqual(['user', 'assistant']);
    const text = whole.find((entry) => entry.event.type === 'text')?.event;
    expect(text?.type === 'text' ? text.text : null).toBe(after.messages[1]?.text);
  });

  it('two tabs following the session both see the turn live and stay open for the next one', async () => {
    const visitor = new Visitor();
    const session = await visitor.createSession();
    const tabA = new SseFollower(await visitor.fetch(`/api/sessions/${session.id}/events?live=1`));
    const tabB = new SseFollower(
      await visitor.fetch(`/api/sessions/${session.id}/events?live=1`, {
        headers: { 'Last-Event-ID': '0' },
      }),
    );

    const own = await new SseFollower(
      await visitor.post(`/api/sessions/${session.id}/messages`, {
        text: 'Generate a 20-second promo video for a bakery',
      }),
    ).toEnd();
    expect(own.at(-1)?.event.type).toBe('done');
    expect(await tabA.untilDone()).toEqual(own);
    expect(await tabB.untilDone()).toEqual(own);
    expect(tabA.ended || tabB.ended).toBe(false);

    const second = await new SseFollower(
      await visitor.post(`/api/sessions/${session.id}/messages`, { text: 'make it vertical' }),
    ).toEnd();
    expect((await tabA.untilDone(own.length)).slice(own.length)).toEqual(second);
    expect((await tabB.untilDone(own.length)).slice(own.length)).toEqual(second);
    expectContiguous(tabA.received);
    await tabA.leave();
    await tabB.leave();
  });

  it('without a running turn, a plain replay ends; another visitor gets 404', async () => {
    const visitor = new Visitor();
    const session = await visitor.createSession();
    await visitor.chat(session.id, 'make a 15-second video about tea');
    const replay = new SseFollower(await visitor.fetch(`/api/sessions/${session.id}/events`));
    await replay.toEnd();
    expect(replay.ended).toBe(true);

    const stranger = new Visitor();
    await stranger.fetch('/api/credits');
    for (const path of [
      `/api/sessions/${session.id}/events`,
      `/api/sessions/${session.id}/events?live=1`,
    ]) {
      const response = await stranger.fetch(path);
      expect(response.status).toBe(404);
      expect((await readError(response)).code).toBe('not_found');
    }
    const bad = await visitor.fetch(`/api/sessions/${session.id}/events?live=yes`);
    expect(bad.status).toBe(400);
    expect((await readError(bad)).code).toBe('invalid_query');
  });
});
