/**
 * Each per-visitor limit refuses once it is reached, with its own status and code and a plain
 * message: sessions (403 `session_limit`), uploads held and their bytes (403
 * `upload_quota_exceeded`, released when an upload is deleted) and exports per hour (429
 * `export_rate_limited` with `Retry-After`). Small limits are set per test (limits.ts).
 */
import { describe, expect, it } from 'vitest';
import { uploadStatusSchema } from '../../shared/media-schema';
import { EXPORT_RATE_WINDOW_MS } from '../../functions/durable/export-rate';
import { LimitedVisitor } from './limits';
import { readError } from './visitor-client';

async function createUpload(
  visitor: LimitedVisitor,
  sessionId: string,
  sizeBytes: number,
): Promise<Response> {
  return visitor.post(`/api/sessions/${sessionId}/media`, { name: 'clip.mp4', sizeBytes });
}

describe('per-visitor limits', () => {
  it('a visitor past SESSIONS_PER_VISITOR gets 403 session_limit', async () => {
    const visitor = new LimitedVisitor({ SESSIONS_PER_VISITOR: '2' });
    await visitor.createSession();
    await visitor.createSession();
    const third = await visitor.fetch('/api/sessions', { method: 'POST' });
    expect(third.status).toBe(403);
    const error = await readError(third);
    expect(error.code).toBe('session_limit');
    expect(error.message).toMatch(/2 sessions/);
    const listed = (await (await visitor.fetch('/api/sessions')).json()) as { sessions: unknown[] };
    expect(listed.sessions).toHaveLength(2);
  });

  it('uploads past UPLOADS_PER_VISITOR, across sessions, get 403 upload_quota_exceeded until one is deleted', async () => {
    const visitor = new LimitedVisitor({ UPLOADS_PER_VISITOR: '2' });
    const one = await visitor.createSession();
    const two = await visitor.createSession();
    const first = await createUpload(visitor, one.id, 64);
    expect(first.status).toBe(201);
    expect((await createUpload(visitor, two.id, 64)).status).toBe(201);
    const refused = await createUpload(visitor, two.id, 64);
    expect(refused.status).toBe(403);
    expect((await readError(refused)).code).toBe('upload_quota_exceeded');

    const { media } = uploadStatusSchema.parse(await first.json());
    expect(
      (await visitor.fetch(`/api/sessions/${one.id}/media/${media.id}`, { method: 'DELETE' }))
        .status,
    ).toBe(204);
    expect((await createUpload(visitor, two.id, 64)).status).toBe(201);
  });

  it('uploads past UPLOAD_BYTES_PER_VISITOR get 403 upload_quota_exceeded', async () => {
    const visitor = new LimitedVisitor({ UPLOAD_BYTES_PER_VISITOR: '100' });
    const session = await visitor.createSession();
    expect((await createUpload(visitor, session.id, 64)).status).toBe(201);
    const refused = await createUpload(visitor, session.id, 64);
    expect(refused.status).toBe(403);
    const error = await readError(refused);
    expect(error.code).toBe('upload_quota_exceeded');
    expect(error.message).toMatch(/GB/);
    expect((await createUpload(visitor, session.id, 36)).status).toBe(201);
  });

  it('exports past EXPORTS_PER_VISITOR_PER_HOUR get 429 export_rate_limited with Retry-After', async () => {
    const visitor = new LimitedVisitor({ EXPORTS_PER_VISITOR_PER_HOUR: '1' });
    const session = await visitor.sessionWithDraft();
    const job = await visitor.startExport(session.id);
    const refused = await visitor.fetch(`/api/sessions/${session.id}/exports`, { method: 'POST' });
    expect(refused.status).toBe(429);
    const retryAfterS = Number(refused.headers.get('Retry-After'));
    expect(retryAfterS).toBeGreaterThan(0);
    expect(retryAfterS).toBeLessThanOrEqual(EXPORT_RATE_WINDOW_MS / 1_000);
    expect((await readError(refused)).code).toBe('export_rate_limited');
    const credits = (await (await visitor.fetch('/api/credits')).json()) as { frozen: number };
    expect(credits.frozen).toBe(job.costCredits);
  });
});
