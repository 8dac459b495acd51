/**
 * A message re-sent with the same `clientMessageId` (the SPA re-sends after a 503, which the
 * local runtime may answer after the turn already started) is never run twice: the answer
 * replays that turn's events from its `user-message`, then its live rest, and the session
 * holds one user message and one reply.
 */
import { describe, expect, it } from 'vitest';
import { sessionStateSchema } from '../../shared/api-schema';
import type { SessionState } from '../../shared/api-schema';
import { Visitor, readError, readSse } from './visitor-client';
import { SseFollower, seqsOf } from './sse-follower';

async function state(visitor: Visitor, sessionId: string): Promise<SessionState> {
  return sessionStateSchema.parse(await (await visitor.fetch(`/api/sessions/${sessionId}`)).json());
}

describe('a re-sent message', () => {
  it('while its turn runs: the re-send joins that turn, gets every event once, and no second turn runs', async () => {
    const visitor = new Visitor();
    const session = await visitor.createSession();
    const message = { text: 'help', clientMessageId: crypto.randomUUID() };
    const first = new SseFollower(
      await visitor.post(`/api/sessions/${session.id}/messages`, message),
    );
    await first.untilCount(3);
    await first.leave();

    const again = await visitor.post(`/api/sessions/${session.id}/messages`, message);
    expect(again.status).toBe(200);
    const replayed = await new SseFollower(again).toEnd();
    expect(replayed[0]?.event).toEqual({ type: 'user-message', text: 'help' });
    expect(replayed[0]?.seq).toBe(first.received[0]?.seq);
    const seqs = seqsOf(replayed);
    expect(seqs).toEqual(seqs.map((_, index) => (seqs[0] ?? 0) + index));
    expect(replayed.filter((entry) => entry.event.type === 'user-message')).toHaveLength(1);
    expect(replayed.at(-1)?.event.type).toBe('done');

    const after = await state(visitor, session.id);
    expect(after.messages.map((entry) => entry.role)).toEqual(['user', 'assistant']);
    expect(after.lastEventSeq).toBe(replayed.at(-1)?.seq);
  }, 30_000);

  it('after its turn ended: the re-send replays that turn; a new id runs a new turn', async () => {
    const visitor = new Visitor();
    const session = await visitor.createSession();
    const message = {
      text: 'make a 20-second video about tea',
      clientMessageId: crypto.randomUUID(),
    };
    const original = await readSse(
      await visitor.post(`/api/sessions/${session.id}/messages`, message),
    );
    const again = await readSse(
      await visitor.post(`/api/sessions/${session.id}/messages`, message),
    );
    expect(again.frames.map((frame) => frame.id)).toEqual(original.frames.map((frame) => frame.id));
    expect((await state(visitor, session.id)).messages).toHaveLength(2);

    const next = await readSse(
      await visitor.post(`/api/sessions/${session.id}/messages`, {
        ...message,
        clientMessageId: crypto.randomUUID(),
      }),
    );
    expect(next.events[0]?.type).toBe('user-message');
    expect(Number(next.frames[0]?.id)).toBeGreaterThan(Number(original.frames.at(-1)?.id));
    expect((await state(visitor, session.id)).messages).toHaveLength(4);
  }, 30_000);

  it('refuses a clientMessageId that is not a UUID', async () => {
    const visitor = new Visitor();
    const session = await visitor.createSession();
    const refused = await visitor.post(`/api/sessions/${session.id}/messages`, {
      text: 'hi',
      clientMessageId: '1',
    });
    expect(refused.status).toBe(400);
    expect((await readError(refused)).message).toContain('clientMessageId must be a UUID');
  });
});
