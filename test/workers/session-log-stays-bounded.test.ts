/**
 * A long session stays small: the event log keeps the newest 2,000 events and the draft
 * history the newest 50 versions, while seq and version numbers keep counting up.
 */
import { env } from 'cloudflare:workers';
import { runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { MAX_KEPT_DRAFT_VERSIONS } from '../../functions/durable/draft-store';
import { MAX_LOGGED_EVENTS } from '../../functions/durable/event-log';
import type { DraftEvent } from '../../shared/events-schema';
import { Visitor, readSse } from './visitor-client';

describe('session storage bounds', () => {
  it('drops the oldest events and draft versions beyond the limits', async () => {
    expect(MAX_LOGGED_EVENTS).toBe(2_000);
    expect(MAX_KEPT_DRAFT_VERSIONS).toBeGreaterThanOrEqual(50);
    const visitor = new Visitor();
    const session = await visitor.sessionWithDraft();
    const room = env.SESSION_ROOM.get(env.SESSION_ROOM.idFromName(session.id));

    await runInDurableObject(room, (_instance, state) => {
      const sql = state.storage.sql;
      const status = JSON.stringify({ type: 'status', message: 'filler' });
      for (let i = 0; i < MAX_LOGGED_EVENTS; i++)
        sql.exec('INSERT INTO events (event_json, at_ms) VALUES (?, 0)', status);
      const row = sql
        .exec<{ draft_json: string }>('SELECT draft_json FROM drafts WHERE version = 1')
        .one();
      for (let v = 2; v <= MAX_KEPT_DRAFT_VERSIONS + 10; v++) {
        sql.exec(
          'INSERT INTO drafts (version, parent_version, draft_json, at_ms) VALUES (?, ?, ?, 0)',
          v,
          v - 1,
          row.draft_json,
        );
      }
    });

    const edit = await visitor.chat(session.id, 'make it vertical');
    const draft = edit.events.find((event): event is DraftEvent => event.type === 'draft');
    expect(draft?.version).toBe(MAX_KEPT_DRAFT_VERSIONS + 11);

    const counts = await runInDurableObject(room, (_instance, state) => {
      const sql = state.storage.sql;
      return {
        events: sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM events').one().n,
        maxSeq: sql.exec<{ n: number }>('SELECT MAX(seq) AS n FROM events').one().n,
        drafts: sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM drafts').one().n,
      };
    });
    expect(counts.events).toBe(MAX_LOGGED_EVENTS);
    expect(counts.maxSeq).toBe(Number(edit.frames.at(-1)?.id));
    expect(counts.drafts).toBe(MAX_KEPT_DRAFT_VERSIONS);

    const replay = await readSse(await visitor.fetch(`/api/sessions/${session.id}/events`));
    expect(replay.frames).toHaveLength(MAX_LOGGED_EVENTS);
    expect(replay.events.at(-1)?.type).toBe('done');
  });
});
