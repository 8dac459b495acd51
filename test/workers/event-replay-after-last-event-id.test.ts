/**
 * `GET /api/sessions/:id/events` replays the stored log: everything, or only what came after
 * `Last-Event-ID` / `?after=`, then ends.
 */
import { describe, expect, it } from 'vitest';
import { Visitor, readError, readSse } from './visitor-client';

describe('event replay', () => {
  it('replays the whole log, then only events after Last-Event-ID or ?after=', async () => {
    const visitor = new Visitor();
    const session = await visitor.createSession();
    const live = await visitor.chat(
      session.id,
      'Generate a 30-second explainer video about composting',
    );
    await visitor.chat(session.id, 'make the title red');
    const liveIds = live.frames.map((frame) => Number(frame.id));

    const all = await readSse(await visitor.fetch(`/api/sessions/${session.id}/events`));
    expect(all.retry).toBe(3000);
    const allIds = all.frames.map((frame) => Number(frame.id));
    expect(allIds.slice(0, liveIds.length)).toEqual(liveIds);
    expect(all.events.slice(0, live.events.length)).toEqual(live.events);
    expect(all.events.filter((event) => event.type === 'done')).toHaveLength(2);

    const cut = liveIds.at(-1) ?? 0;
    const later = await readSse(
      await visitor.fetch(`/api/sessions/${session.id}/events`, {
        headers: { 'Last-Event-ID': String(cut) },
      }),
    );
    const laterIds = later.frames.map((frame) => Number(frame.id));
    expect(laterIds.length).toBeGreaterThan(0);
    expect(laterIds.every((id) => id > cut)).toBe(true);
    expect(laterIds).toEqual(allIds.filter((id) => id > cut));

    const viaQuery = await readSse(
      await visitor.fetch(`/api/sessions/${session.id}/events?after=${cut}`),
    );
    expect(viaQuery.frames.map((frame) => Number(frame.id))).toEqual(laterIds);

    const none = await readSse(
      await visitor.fetch(`/api/sessions/${session.id}/events?after=${allIds.at(-1) ?? 0}`),
    );
    expect(none.frames).toHaveLength(0);
  });

  it('refuses a Last-Event-ID that is not a number with 400', async () => {
    const visitor = new Visitor();
    const session = await visitor.createSession();
    const response = await visitor.fetch(`/api/sessions/${session.id}/events`, {
      headers: { 'Last-Event-ID': 'abc' },
    });
    expect(response.status).toBe(400);
    expect((await readError(response)).code).toBe('invalid_query');
  });
});
