/**
 * Each visitor is a signed cookie; a session or render of another visitor answers exactly
 * like an unknown one (404 `not_found`), on every route.
 */
import { env } from 'cloudflare:workers';
import { generateSignedCookie } from 'hono/cookie';
import { describe, expect, it } from 'vitest';
import { signFor } from '../../functions/signing/purpose-signature';
import { sessionListSchema } from '../../shared/api-schema';
import { Visitor, readError, renderMp4 } from './visitor-client';

describe('visitor cookie', () => {
  it('is set once on the first /api request that changes something: signed, HttpOnly, SameSite=Lax, Path=/, a year, Secure on https', async () => {
    const visitor = new Visitor();
    const first = await visitor.fetch('/api/sessions', { method: 'POST' });
    const cookie = first.headers.get('Set-Cookie') ?? '';
    expect(cookie).toMatch(/^rw_visitor=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).toMatch(/Max-Age=31536000/);
    expect(cookie).toMatch(/Secure/);
    expect(visitor.id).toMatch(/^[0-9a-f-]{36}$/);

    const second = await visitor.fetch('/api/credits');
    expect(second.headers.get('Set-Cookie')).toBeNull();
  });

  it('is set even when the first request is an error', async () => {
    const visitor = new Visitor();
    const response = await visitor.fetch('/api/nope', { method: 'POST' });
    expect(response.status).toBe(404);
    expect(response.headers.get('Set-Cookie')).toMatch(/^rw_visitor=/);
  });

  it('a tampered cookie is not trusted: the visitor gets a new id', async () => {
    const visitor = new Visitor();
    await visitor.fetch('/api/sessions', { method: 'POST' });
    const original = visitor.id;
    visitor.cookie = `rw_visitor=${encodeURIComponent(`${crypto.randomUUID()}.forged-signature`)}`;
    const response = await visitor.fetch('/api/sessions', { method: 'POST' });
    expect(response.headers.get('Set-Cookie')).toMatch(/^rw_visitor=/);
    expect(visitor.id).not.toBe(original);
  });

  it('a cookie signed for another purpose (a download link, a widget token) is not trusted', async () => {
    const visitor = new Visitor();
    await visitor.fetch('/api/sessions', { method: 'POST' });
    const original = visitor.id;
    for (const purpose of ['render-download', 'widget-token'] as const) {
      const signature = await signFor(purpose, original, env.VISITOR_SECRET);
      visitor.cookie = `rw_visitor=${encodeURIComponent(`${original}.${signature}`)}`;
      const listed = await visitor.fetch('/api/sessions');
      expect(sessionListSchema.parse(await listed.json()).sessions).toEqual([]);
    }
  });

  it('a cookie set before the purpose signatures (hono signed cookie) keeps its visitor and is set again in the current form', async () => {
    const visitor = new Visitor();
    await visitor.fetch('/api/sessions', { method: 'POST' });
    const original = visitor.id;
    const legacy = await generateSignedCookie('rw_visitor', original, env.VISITOR_SECRET);
    visitor.cookie = legacy.split(';')[0] ?? null;
    const listed = await visitor.fetch('/api/sessions');
    expect(sessionListSchema.parse(await listed.json()).sessions).toHaveLength(1);
    const renewed = listed.headers.get('Set-Cookie') ?? '';
    expect(renewed).toMatch(/^rw_visitor=/);
    expect(renewed).not.toContain(legacy.split(';')[0]);
    expect(visitor.id).toBe(original);
    const again = await visitor.fetch('/api/sessions');
    expect(again.headers.get('Set-Cookie')).toBeNull();
    expect(sessionListSchema.parse(await again.json()).sessions).toHaveLength(1);
  });
});

describe('another visitor', () => {
  it("cannot see, list, chat in, replay or export someone else's session", async () => {
    const owner = new Visitor();
    const session = await owner.sessionWithDraft();
    const stranger = new Visitor();

    for (const path of [`/api/sessions/${session.id}`, `/api/sessions/${session.id}/events`]) {
      const response = await stranger.fetch(path);
      expect(response.status).toBe(404);
      expect((await readError(response)).code).toBe('not_found');
    }
    const chat = await stranger.post(`/api/sessions/${session.id}/messages`, {
      text: 'make it vertical',
    });
    expect(chat.status).toBe(404);
    const exported = await stranger.fetch(`/api/sessions/${session.id}/exports`, {
      method: 'POST',
    });
    expect(exported.status).toBe(404);
    const list = (await (await stranger.fetch('/api/sessions')).json()) as { sessions: unknown[] };
    expect(list.sessions).toEqual([]);

    const ownerList = (await (await owner.fetch('/api/sessions')).json()) as {
      sessions: { id: string }[];
    };
    expect(ownerList.sessions.map((s) => s.id)).toEqual([session.id]);
  });

  it("cannot read, follow, report on, upload to or download someone else's render", async () => {
    const owner = new Visitor();
    const session = await owner.sessionWithDraft();
    const job = await owner.startExport(session.id);
    const stranger = new Visitor();

    const attempts: Response[] = [
      await stranger.fetch(`/api/renders/${job.id}`),
      await stranger.fetch(`/api/renders/${job.id}/events`),
      await stranger.post(`/api/renders/${job.id}/progress`, {
        framesDone: 1,
        totalFrames: 10,
        fps: 30,
      }),
      await stranger.post(`/api/renders/${job.id}/fail`, { message: 'nope' }),
      await stranger.fetch(`/api/renders/${job.id}/file`, {
        method: 'PUT',
        headers: { 'Content-Type': 'video/mp4' },
        body: renderMp4(job.draft.durationMs),
      }),
      await stranger.fetch(`/api/renders/${job.id}/file`),
    ];
    for (const response of attempts) {
      expect(response.status).toBe(404);
      expect((await readError(response)).code).toBe('not_found');
    }
    const mine = await owner.fetch(`/api/renders/${job.id}`);
    expect(mine.status).toBe(200);
    expect(((await mine.json()) as { status: string }).status).toBe('queued');
  });
});
