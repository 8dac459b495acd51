/**
 * `GET /api/renders/:id/subtitles.{srt,vtt}` (functions/routes/render-subtitles.ts): the owner
 * reads them; another visitor, a malformed id and an unknown format are refused (404, like a
 * render that does not exist); the visitor comes from the cookie, never from the URL.
 */
import { describe, expect, it } from 'vitest';
import { Visitor, readError } from './visitor-client';

describe('render subtitles', () => {
  it('answer the owner, refuse a stranger, a malformed id and another format', async () => {
    const owner = new Visitor();
    const job = await owner.startExport((await owner.sessionWithDraft()).id);

    const srt = await owner.fetch(`/api/renders/${job.id}/subtitles.srt`);
    expect(srt.status).toBe(200);
    expect(srt.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(srt.headers.get('x-content-type-options')).toBe('nosniff');
    await srt.arrayBuffer();

    const stranger = await new Visitor().fetch(`/api/renders/${job.id}/subtitles.vtt`);
    expect(stranger.status).toBe(404);
    expect(await stranger.text()).not.toContain('WEBVTT');

    const malformed = await owner.fetch('/api/renders/not-a-render-id/subtitles.srt');
    // A malformed id is answered like a missing one (http/route-helpers.ts parseId).
    expect(malformed.status).toBe(404);
    expect((await readError(malformed)).code).toBe('not_found');

    const otherFormat = await owner.fetch(`/api/renders/${job.id}/subtitles.ass`);
    expect(otherFormat.status).toBe(404);
    await otherFormat.arrayBuffer();
  });
});
