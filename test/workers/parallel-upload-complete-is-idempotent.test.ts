/**
 * Races on one upload answer clearly (issue 10, item 4): parallel `complete` calls all get the
 * one stored record (or a 409 asking to retry), never a 5xx; a part sent during or after the
 * complete is refused with 409 `upload_finished` or stored, and never turns the completed
 * upload back into `uploading`.
 */
import { describe, expect, it } from 'vitest';
import { mediaItemSchema, uploadStatusSchema } from '../../shared/media-schema';
import type { MediaItem } from '../../shared/media-schema';
import { Visitor, readError } from './visitor-client';

/** Rounds of each race: the interleaving differs from round to round, so one round may miss it. */
const ROUNDS = 8;

/** A one-part file that starts like an MP4 (so the format is sniffed). */
function file(): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(4_000);
  for (let i = 0; i < bytes.byteLength; i++) bytes[i] = i % 249;
  bytes.set([0, 0, 0, 0x18, ...new TextEncoder().encode('ftypisom')], 0);
  return bytes;
}

async function uploadedButNotCompleted(
  visitor: Visitor,
  sessionId: string,
  bytes: Uint8Array<ArrayBuffer>,
): Promise<MediaItem> {
  const created = await visitor.post(`/api/sessions/${sessionId}/media`, {
    name: 'clip.mp4',
    sizeBytes: bytes.byteLength,
  });
  expect(created.status).toBe(201);
  const { media } = uploadStatusSchema.parse(await created.json());
  expect(media.partCount).toBe(1);
  expect((await putPart(visitor, sessionId, media.id, 1, bytes)).status).toBe(200);
  return media;
}

function putPart(
  visitor: Visitor,
  sessionId: string,
  mediaId: string,
  part: number,
  body: Uint8Array<ArrayBuffer>,
): Promise<Response> {
  return visitor.fetch(`/api/sessions/${sessionId}/media/${mediaId}/parts/${part}`, {
    method: 'PUT',
    body,
  });
}

function complete(visitor: Visitor, sessionId: string, mediaId: string): Promise<Response> {
  return visitor.fetch(`/api/sessions/${sessionId}/media/${mediaId}/complete`, { method: 'POST' });
}

async function statusOf(visitor: Visitor, sessionId: string, mediaId: string): Promise<string> {
  return uploadStatusSchema.parse(
    await (await visitor.fetch(`/api/sessions/${sessionId}/media/${mediaId}`)).json(),
  ).media.status;
}

/** Runs `race` {@link ROUNDS} times, each on a new upload (all parts sent, not completed) of one session. */
async function eachRound(
  race: (
    visitor: Visitor,
    sessionId: string,
    media: MediaItem,
    bytes: Uint8Array<ArrayBuffer>,
  ) => Promise<void>,
): Promise<void> {
  const visitor = new Visitor();
  const session = await visitor.createSession();
  const bytes = file();
  for (let round = 0; round < ROUNDS; round++)
    await race(
      visitor,
      session.id,
      await uploadedButNotCompleted(visitor, session.id, bytes),
      bytes,
    );
}

describe('racing on one upload', () => {
  it('four parallel completes all answer the one stored record, never a 5xx', async () => {
    await eachRound(async (visitor, sessionId, media, bytes) => {
      const answers = await Promise.all(
        Array.from({ length: 4 }, () => complete(visitor, sessionId, media.id)),
      );
      const records: MediaItem[] = [];
      for (const answer of answers) {
        expect(answer.status, `statuses: ${answers.map((a) => a.status).join(' ')}`).toBeLessThan(
          500,
        );
        if (answer.status === 409) expect((await readError(answer)).code).toBe('upload_completing');
        else {
          expect(answer.status).toBe(200);
          records.push(mediaItemSchema.parse(((await answer.json()) as { media: unknown }).media));
        }
      }
      expect(records.length).toBeGreaterThan(0);
      for (const record of records)
        expect(record).toEqual({ ...media, status: 'stored', format: 'mp4', kind: 'video' });
      const stored = await visitor.fetch(`/api/sessions/${sessionId}/media/${media.id}/file`);
      expect(stored.status).toBe(200);
      expect(new Uint8Array(await stored.arrayBuffer())).toEqual(bytes);
      // A later complete gets the stored record too.
      const later = await complete(visitor, sessionId, media.id);
      expect(later.status).toBe(200);
      expect(mediaItemSchema.parse(((await later.json()) as { media: unknown }).media).status).toBe(
        'stored',
      );
    });
  }, 30_000);

  it('a part sent during or after complete never turns the upload back into uploading', async () => {
    await eachRound(async (visitor, sessionId, media, bytes) => {
      const [completed, during] = await Promise.all([
        complete(visitor, sessionId, media.id),
        putPart(visitor, sessionId, media.id, 1, bytes),
      ]);
      if (completed.status === 409) {
        // The part replaced part 1 (a new R2 etag) under the complete: the upload stays open, the
        // part is kept, and completing again stores it.
        expect((await readError(completed)).code).toBe('upload_completing');
        expect(during.status).toBe(200);
        expect(await statusOf(visitor, sessionId, media.id)).toBe('uploading');
        expect((await complete(visitor, sessionId, media.id)).status).toBe(200);
      } else {
        expect(completed.status).toBe(200);
        expect([200, 409], `part during complete: ${during.status}`).toContain(during.status);
        if (during.status === 409) expect((await readError(during)).code).toBe('upload_finished');
      }
      expect(await statusOf(visitor, sessionId, media.id)).toBe('stored');

      const after = await putPart(visitor, sessionId, media.id, 1, bytes);
      expect(after.status).toBe(409);
      const error = await readError(after);
      expect(error.code).toBe('upload_finished');
      expect(error.message).toBe('This upload is already complete.');
      expect(await statusOf(visitor, sessionId, media.id)).toBe('stored');
    });
  }, 30_000);
});
