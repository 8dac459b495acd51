/**
 * A session holds at most MAX_MEDIA_PER_SESSION uploads: the next one is refused with 403
 * `session_media_limit` before anything is stored, so no stored file goes unlisted (the list
 * shows that many); another session of the same visitor still takes uploads.
 */
import { describe, expect, it } from 'vitest';
import { MAX_MEDIA_PER_SESSION } from '../../functions/media/media-store';
import { Visitor, readError } from './visitor-client';

/** Uploads started at once: enough to be quick, few enough for the local runtime. */
const PARALLEL_CREATES = 20;

async function createUpload(visitor: Visitor, sessionId: string, name: string): Promise<Response> {
  return visitor.post(`/api/sessions/${sessionId}/media`, { name, sizeBytes: 64 });
}

describe('media per session', () => {
  it(`refuses upload ${MAX_MEDIA_PER_SESSION + 1} of one session with 403 session_media_limit`, async () => {
    const visitor = new Visitor();
    const session = await visitor.createSession();
    for (let start = 0; start < MAX_MEDIA_PER_SESSION; start += PARALLEL_CREATES) {
      const batch = Array.from(
        { length: Math.min(PARALLEL_CREATES, MAX_MEDIA_PER_SESSION - start) },
        (_, i) => createUpload(visitor, session.id, `clip-${start + i}.mp4`),
      );
      expect((await Promise.all(batch)).map((response) => response.status)).toEqual(
        batch.map(() => 201),
      );
    }
    const refused = await createUpload(visitor, session.id, 'one-too-many.mp4');
    expect(refused.status).toBe(403);
    const error = await readError(refused);
    expect(error.code).toBe('session_media_limit');
    expect(error.message).toMatch(/200 files/);
    const listed = (await (await visitor.fetch(`/api/sessions/${session.id}/media`)).json()) as {
      media: { name: string }[];
    };
    expect(listed.media).toHaveLength(MAX_MEDIA_PER_SESSION);
    expect(listed.media.map((item) => item.name)).not.toContain('one-too-many.mp4');

    const other = await visitor.createSession();
    expect((await createUpload(visitor, other.id, 'fresh.mp4')).status).toBe(201);
  }, 60_000);
});
