/**
 * The session's Durable Object is reset (evicted, restarted) in the middle of a turn: every
 * event stored before is still there, the cut-off turn is closed with `turn_interrupted` and
 * `done` (no client waits forever), and the session takes the next message.
 */
import { abortAllDurableObjects } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { sessionStateSchema } from '../../shared/api-schema';
import { Visitor } from './visitor-client';
import { SseFollower } from './sse-follower';

describe('a room reset mid-turn', () => {
  it('loses nothing stored and closes the interrupted turn', async () => {
    const visitor = new Visitor();
    const session = await visitor.createSession();
    const tab = new SseFollower(await visitor.fetch(`/api/sessions/${session.id}/events?live=1`));
    const turn = new SseFollower(
      await visitor.post(`/api/sessions/${session.id}/messages`, { text: 'help' }),
    );
    const seen = await turn.untilCount(5);
    await tab.untilCount(5);

    await abortAllDurableObjects();
    await turn.leave();
    await tab.leave();

    const log = await new SseFollower(
      await visitor.fetch(`/api/sessions/${session.id}/events`),
    ).toEnd();
    expect(log.slice(0, seen.length)).toEqual(seen);
    const tail = log.slice(-2).map((entry) => entry.event);
    expect(tail[0]).toMatchObject({ type: 'error', code: 'turn_interrupted' });
    expect(tail[1]).toEqual({ type: 'done' });
    expect(log.filter((entry) => entry.event.type === 'done')).toHaveLength(1);
    const seqs = log.map((entry) => entry.seq);
    expect(new Set(seqs).size).toBe(seqs.length);

    const restored = sessionStateSchema.parse(
      await (await visitor.fetch(`/api/sessions/${session.id}`)).json(),
    );
    expect(restored.runningTurn).toBeNull();
    expect(restored.messages[0]).toMatchObject({ role: 'user', text: 'help' });

    const next = await visitor.chat(session.id, 'make a 15-second video about tea');
    expect(next.events.at(-1)?.type).toBe('done');
  });
});
