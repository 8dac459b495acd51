/**
 * An upload that saw no part for `ABANDONED_UPLOAD_GRACE_MS` is removed by the visitor
 * account's alarm (multipart upload aborted, records deleted) and its quota released; one that
 * is younger, or received a part within the grace, or was completed, stays.
 */
import { env } from 'cloudflare:workers';
import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { uploadStatusSchema } from '../../shared/media-schema';
import { ABANDONED_UPLOAD_GRACE_MS } from '../../functions/media/abandoned-upload';
import { mediaRecordSchema, recordKey } from '../../functions/media/media-store';
import { visitorAccount } from '../../functions/durable/durable-stubs';
import { LimitedVisitor } from './limits';

/** Creates an upload of 64 bytes (one part) and returns its id. */
async function startUpload(visitor: LimitedVisitor, sessionId: string): Promise<string> {
  const created = await visitor.post(`/api/sessions/${sessionId}/media`, {
    name: 'clip.mp4',
    sizeBytes: 64,
  });
  expect(created.status).toBe(201);
  return uploadStatusSchema.parse(await created.json()).media.id;
}

/** Makes the upload look `ageMs` older: its record in R2 and its row in the account. */
async function age(
  visitor: LimitedVisitor,
  sessionId: string,
  mediaId: string,
  ageMs: number,
): Promise<void> {
  const key = recordKey(sessionId, mediaId);
  const stored = await env.MEDIA.get(key);
  if (stored === null) throw new Error(`no media record at ${key}`);
  const record = mediaRecordSchema.parse(await stored.json());
  await env.MEDIA.put(key, JSON.stringify({ ...record, createdAtMs: record.createdAtMs - ageMs }));
  await runInDurableObject(visitorAccount(env, visitor.id), (_instance, state) => {
    state.storage.sql.exec(
      'UPDATE visitor_upload SET created_at_ms = created_at_ms - ? WHERE media_id = ?',
      ageMs,
      mediaId,
    );
  });
}

function mp4Part(): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(64);
  bytes.set([0, 0, 0, 24, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d], 0);
  return bytes;
}

describe('abandoned uploads', () => {
  it('are aborted, deleted and released after the grace, not before', async () => {
    const visitor = new LimitedVisitor({ UPLOADS_PER_VISITOR: '1' });
    const session = await visitor.createSession();
    const mediaId = await startUpload(visitor, session.id);
    const account = visitorAccount(env, visitor.id);

    expect(await runDurableObjectAlarm(account)).toBe(true);
    expect((await visitor.fetch(`/api/sessions/${session.id}/media/${mediaId}`)).status).toBe(200);
    expect(
      (await visitor.post(`/api/sessions/${session.id}/media`, { name: 'b.mp4', sizeBytes: 64 }))
        .status,
    ).toBe(403);

    await age(visitor, session.id, mediaId, ABANDONED_UPLOAD_GRACE_MS - 60_000);
    expect(await runDurableObjectAlarm(account)).toBe(true);
    expect((await visitor.fetch(`/api/sessions/${session.id}/media/${mediaId}`)).status).toBe(200);

    await age(visitor, session.id, mediaId, 60_000);
    expect(await runDurableObjectAlarm(account)).toBe(true);
    expect((await visitor.fetch(`/api/sessions/${session.id}/media/${mediaId}`)).status).toBe(404);
    expect((await env.MEDIA.list({ prefix: `media-records/${session.id}/` })).objects).toHaveLength(
      0,
    );
    expect(await startUpload(visitor, session.id)).toMatch(/[0-9a-f-]{36}/);
  });

  it('one that received a part within the grace stays, and a completed one is never removed', async () => {
    const visitor = new LimitedVisitor({});
    const session = await visitor.createSession();
    const partial = await startUpload(visitor, session.id);
    const completed = await startUpload(visitor, session.id);
    for (const id of [partial, completed]) {
      expect(
        (
          await visitor.fetch(`/api/sessions/${session.id}/media/${id}/parts/1`, {
            method: 'PUT',
            body: mp4Part(),
          })
        ).status,
      ).toBe(200);
    }
    expect(
      (
        await visitor.fetch(`/api/sessions/${session.id}/media/${completed}/complete`, {
          method: 'POST',
        })
      ).status,
    ).toBe(200);
    await age(visitor, session.id, partial, ABANDONED_UPLOAD_GRACE_MS * 2);
    await age(visitor, session.id, completed, ABANDONED_UPLOAD_GRACE_MS * 2);

    expect(await runDurableObjectAlarm(visitorAccount(env, visitor.id))).toBe(true);
    expect((await visitor.fetch(`/api/sessions/${session.id}/media/${partial}`)).status).toBe(200);
    expect((await visitor.fetch(`/api/sessions/${session.id}/media/${completed}`)).status).toBe(
      200,
    );
  });
});
