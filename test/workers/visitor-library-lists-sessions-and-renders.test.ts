/**
 * The visitor's library: `GET /api/sessions` lists their videos with title, updated time,
 * version and draft summary; `GET /api/renders` lists their render jobs with status and the
 * download link once completed (all, or one session's with `?session=`), newest first. Another
 * visitor sees none of them and gets 404 for them.
 */
import { describe, expect, it } from 'vitest';
import { renderListSchema, sessionListSchema } from '../../shared/api-schema';
import type { RenderSummary } from '../../shared/api-schema';
import { Visitor, downloadLinkPattern, readError, renderMp4 } from './visitor-client';

async function renders(visitor: Visitor, query = ''): Promise<RenderSummary[]> {
  const response = await visitor.fetch(`/api/renders${query}`);
  expect(response.status).toBe(200);
  return renderListSchema.parse(await response.json()).renders;
}

describe("the visitor's library", () => {
  it('lists sessions with their summary and renders with their state, newest first', async () => {
    const visitor = new Visitor();
    const first = await visitor.sessionWithDraft('Generate a 20-second promo video for a bakery');
    const second = await visitor.sessionWithDraft('Generate a 15-second video about tea');
    const firstJob = await visitor.startExport(first.id);
    const upload = await visitor.fetch(`/api/renders/${firstJob.id}/file`, {
      method: 'PUT',
      headers: { 'Content-Type': 'video/mp4' },
      body: renderMp4(firstJob.draft.durationMs),
    });
    expect(upload.status).toBe(200);
    const secondJob = await visitor.startExport(second.id);
    const retry = await visitor.startExport(first.id);

    const sessions = sessionListSchema.parse(
      await (await visitor.fetch('/api/sessions')).json(),
    ).sessions;
    expect(sessions.map((s) => s.id)).toEqual([second.id, first.id]);
    expect(sessions[1]).toMatchObject({ version: 1, title: expect.stringMatching(/bakery/) });
    expect(sessions[1]?.summary).toMatch(/^Timeline \(\d+ tracks?\):/);

    const all = await renders(visitor);
    expect(all.map((r) => r.id)).toEqual([retry.id, secondJob.id, firstJob.id]);
    const done = all[2];
    expect(done).toMatchObject({
      sessionId: first.id,
      status: 'completed',
      downloadUrl: expect.stringMatching(downloadLinkPattern(firstJob.id)),
    });
    expect(done?.title).toMatch(/./);
    expect(done).not.toHaveProperty('draft');
    expect(all[1]).toMatchObject({ sessionId: second.id, status: 'queued', downloadUrl: null });

    expect((await renders(visitor, `?session=${first.id}`)).map((r) => r.id)).toEqual([
      retry.id,
      firstJob.id,
    ]);
    expect((await renders(visitor, `?session=${second.id}`)).map((r) => r.id)).toEqual([
      secondJob.id,
    ]);
  });

  it("another visitor's library is empty and their sessions and renders are 404", async () => {
    const owner = new Visitor();
    const session = await owner.sessionWithDraft();
    const job = await owner.startExport(session.id);

    const stranger = new Visitor();
    expect(await renders(stranger)).toEqual([]);
    expect(await renders(stranger, `?session=${session.id}`)).toEqual([]);
    const list = sessionListSchema.parse(await (await stranger.fetch('/api/sessions')).json());
    expect(list.sessions).toEqual([]);
    for (const path of [
      `/api/sessions/${session.id}`,
      `/api/sessions/${session.id}/events?live=1`,
      `/api/renders/${job.id}`,
    ]) {
      const response = await stranger.fetch(path);
      expect(response.status).toBe(404);
      expect((await readError(response)).code).toBe('not_found');
    }
    const malformed = await owner.fetch('/api/renders?session=not-an-id');
    expect(malformed.status).toBe(404);
  });
});
