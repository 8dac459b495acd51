/**
 * The event log is bounded by age too: a turn arms the sweep alarm, and the alarm deletes
 * events older than EVENT_MAX_AGE_MS (never the newest, so seq numbers keep counting on).
 */
import { env } from 'cloudflare:workers';
import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { EVENT_MAX_AGE_MS, EVENT_SWEEP_INTERVAL_MS } from '../../functions/durable/event-log';
import { sessionStateSchema } from '../../shared/api-schema';
import { Visitor } from './visitor-client';
import { SseFollower } from './sse-follower';

describe('event sweep', () => {
  it('deletes events older than the age limit by alarm and keeps the rest', async () => {
    const visitor = new Visitor();
    const session = await visitor.createSession();
    await visitor.chat(session.id, 'make a 15-second video about tea');
    const room = env.SESSION_ROOM.get(env.SESSION_ROOM.idFromName(session.id));

    const armed = await runInDurableObject(room, (_instance, state) => state.storage.getAlarm());
    expect(armed).not.toBeNull();
    expect((armed ?? 0) - Date.now()).toBeLessThanOrEqual(EVENT_SWEEP_INTERVAL_MS);

    const recent = await new SseFollower(
      await visitor.fetch(`/api/sessions/${session.id}/events`),
    ).toEnd();
    const oldSeqs = await runInDurableObject(room, (_instance, state) => {
      const old = Date.now() - EVENT_MAX_AGE_MS - 1;
      state.storage.sql.exec(
        'UPDATE events SET at_ms = ? WHERE seq <= ?',
        old,
        recent.at(-1)?.seq ?? 0,
      );
      return recent.length;
    });
    await visitor.chat(session.id, 'make it vertical');
    const before = await new SseFollower(
      await visitor.fetch(`/api/sessions/${session.id}/events`),
    ).toEnd();

    expect(await runDurableObjectAlarm(room)).toBe(true);
    const after = await new SseFollower(
      await visitor.fetch(`/api/sessions/${session.id}/events`),
    ).toEnd();
    expect(after).toEqual(before.slice(oldSeqs));
    const restored = sessionStateSchema.parse(
      await (await visitor.fetch(`/api/sessions/${session.id}`)).json(),
    );
    expect(restored.messages).toHaveLength(4);
    expect(restored.lastEventSeq).toBe(before.at(-1)?.seq);
    // Still events left: the sweep runs again later.
    expect(
      await runInDurableObject(room, (_instance, state) => state.storage.getAlarm()),
    ).not.toBeNull();

    // Everything old: only the newest event stays, so seq numbers carry on.
    await runInDurableObject(room, (_instance, state) => {
      state.storage.sql.exec('UPDATE events SET at_ms = 0');
    });
    expect(await runDurableObjectAlarm(room)).toBe(true);
    const last = await new SseFollower(
      await visitor.fetch(`/api/sessions/${session.id}/events`),
    ).toEnd();
    expect(last).toEqual(before.slice(-1));
  });
});
