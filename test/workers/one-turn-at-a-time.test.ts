/**
 * A session runs one chat turn at a time: a second message while one runs is refused with
 * 409 `turn_in_progress`, and the session takes messages again once the turn is done.
 */
import { env } from 'cloudflare:workers';
import { runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { Visitor, readSse } from './visitor-client';

describe('one turn at a time', () => {
  it('refuses a second turn while the first runs, then accepts again', async () => {
    const visitor = new Visitor();
    const session = await visitor.createSession();
    const room = env.SESSION_ROOM.get(env.SESSION_ROOM.idFromName(session.id));

    const outcome = await runInDurableObject(room, async (instance) => {
      // Both calls start before the first turn can finish (the check is synchronous).
      const a = instance.turn(visitor.id, 'Generate a 30-second explainer video about tides');
      const b = instance.turn(visitor.id, 'make it vertical');
      const [first, second] = await Promise.all([a, b]);
      // Streams belong to the room: read the first turn to its end here.
      const lastType = first.ok
        ? (await readSse(new Response(first.value))).events.at(-1)?.type
        : undefined;
      return {
        firstOk: first.ok,
        second: second.ok ? null : { status: second.status, code: second.code },
        lastType,
      };
    });
    expect(outcome).toEqual({
      firstOk: true,
      second: { status: 409, code: 'turn_in_progress' },
      lastType: 'done',
    });

    const after = await visitor.post(`/api/sessions/${session.id}/messages`, {
      text: 'make it vertical',
    });
    expect(after.status).toBe(200);
    expect((await readSse(after)).events.at(-1)?.type).toBe('done');
  });
});
