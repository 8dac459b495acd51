/**
 * Resumable uploads through the Worker into R2 multipart: parts in any order, resume by asking
 * which parts exist, 4001 for bytes that are no accepted format, 4002 for a file over 500 MB
 * (refused before anything is stored), and uploads visible only through their own session.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import {
  UPLOAD_PART_BYTES,
  mediaItemSchema,
  mediaListSchema,
  uploadStatusSchema,
} from '../../shared/media-schema';
import type { MediaItem } from '../../shared/media-schema';
import { Visitor, readError } from './visitor-client';

/** An MP4-looking file of `size` bytes: an `ftyp` box, then a counting pattern. */
function fakeMp4(size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = i % 251;
  bytes.set([0, 0, 0, 0x18, ...new TextEncoder().encode('ftypisom')], 0);
  return bytes;
}

/** Byte-for-byte equality (vitest's deep equality is far too slow for 8 MiB). */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}

async function createUpload(
  visitor: Visitor,
  sessionId: string,
  name: string,
  sizeBytes: number,
): Promise<Response> {
  return visitor.fetch(`/api/sessions/${sessionId}/media`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name, sizeBytes }),
  });
}

async function putPart(
  visitor: Visitor,
  sessionId: string,
  mediaId: string,
  part: number,
  bytes: Uint8Array<ArrayBuffer>,
): Promise<Response> {
  return visitor.fetch(`/api/sessions/${sessionId}/media/${mediaId}/parts/${part}`, {
    method: 'PUT',
    body: bytes,
  });
}

async function started(
  visitor: Visitor,
  sessionId: string,
  name: string,
  sizeBytes: number,
): Promise<MediaItem> {
  const response = await createUpload(visitor, sessionId, name, sizeBytes);
  expect(response.status).toBe(201);
  return uploadStatusSchema.parse(await response.json()).media;
}

describe('resumable upload', () => {
  it('stores parts in any order, tells which exist, completes and serves the file with Range', async () => {
    const visitor = new Visitor();
    const session = await visitor.createSession();
    const file = fakeMp4(UPLOAD_PART_BYTES + 1_000);
    const media = await started(visitor, session.id, 'clip.mp4', file.byteLength);
    expect(media.partCount).toBe(2);

    expect(
      (await putPart(visitor, session.id, media.id, 2, file.slice(UPLOAD_PART_BYTES))).status,
    ).toBe(200);
    // The connection "dropped" after part 2: ask what is there, send only what is missing.
    const status = uploadStatusSchema.parse(
      await (await visitor.fetch(`/api/sessions/${session.id}/media/${media.id}`)).json(),
    );
    expect(status.uploadedParts).toEqual([2]);
    const early = await visitor.fetch(`/api/sessions/${session.id}/media/${media.id}/complete`, {
      method: 'POST',
    });
    expect(early.status).toBe(409);
    expect((await readError(early)).message).toContain('Parts 1');

    expect(
      (await putPart(visitor, session.id, media.id, 1, file.slice(0, UPLOAD_PART_BYTES))).status,
    ).toBe(200);
    const done = await visitor.fetch(`/api/sessions/${session.id}/media/${media.id}/complete`, {
      method: 'POST',
    });
    expect(done.status).toBe(200);
    const stored = mediaItemSchema.parse(((await done.json()) as { media: unknown }).media);
    expect(stored).toMatchObject({
      status: 'stored',
      format: 'mp4',
      kind: 'video',
      sizeBytes: file.byteLength,
    });

    const whole = await visitor.fetch(`/api/sessions/${session.id}/media/${media.id}/file`);
    expect(whole.status).toBe(200);
    expect(sameBytes(new Uint8Array(await whole.arrayBuffer()), file)).toBe(true);
    const tail = await visitor.fetch(`/api/sessions/${session.id}/media/${media.id}/file`, {
      headers: { Range: 'bytes=-10' },
    });
    expect(tail.status).toBe(206);
    expect(new Uint8Array(await tail.arrayBuffer())).toEqual(file.slice(-10));

    const info = await visitor.fetch(`/api/sessions/${session.id}/media/${media.id}/info`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        info: {
          kind: 'video',
          durationMs: 6000,
          width: 1920,
          height: 1080,
          fps: 30,
          videoCodec: 'avc',
          audioCodec: null,
          hasAudio: false,
        },
        thumbnail: null,
      }),
    });
    expect(info.status).toBe(200);
    const list = mediaListSchema.parse(
      await (await visitor.fetch(`/api/sessions/${session.id}/media`)).json(),
    );
    expect(list.media.map((item) => [item.id, item.status])).toEqual([[media.id, 'ready']]);
    // The part records are gone once the file is whole.
    expect((await env.MEDIA.list({ prefix: `media-parts/${session.id}/` })).objects).toHaveLength(
      0,
    );
  }, 30_000);

  it('refuses a part of the wrong size with a clear message and keeps the upload resumable', async () => {
    const visitor = new Visitor();
    const session = await visitor.createSession();
    const media = await started(visitor, session.id, 'clip.mp4', 5_000);
    const short = await putPart(visitor, session.id, media.id, 1, fakeMp4(4_000));
    expect(short.status).toBe(400);
    expect((await readError(short)).code).toBe('upload_incomplete');
    expect((await putPart(visitor, session.id, media.id, 1, fakeMp4(5_000))).status).toBe(200);
    expect(
      (
        await visitor.fetch(`/api/sessions/${session.id}/media/${media.id}/complete`, {
          method: 'POST',
        })
      ).status,
    ).toBe(200);
  });
});

describe('refusals use the contract codes', () => {
  it('4001: text named .mp4 is refused by its bytes, with the accepted formats listed, and nothing is kept', async () => {
    const visitor = new Visitor();
    const session = await visitor.createSession();
    const text = new TextEncoder().encode('this is not a video\n');
    const media = await started(visitor, session.id, 'bad-not-a-video.mp4', text.byteLength);
    const response = await putPart(visitor, session.id, media.id, 1, text);
    expect(response.status).toBe(415);
    const error = await readError(response);
    expect(error.contractCode).toBe(4001);
    expect(error.message).toContain(
      'MP4, MOV, AVI, WebM, MKV, JPG, PNG, GIF, WebP, MP3, WAV, M4A, AAC or Ogg',
    );
    const list = mediaListSchema.parse(
      await (await visitor.fetch(`/api/sessions/${session.id}/media`)).json(),
    );
    expect(list.media).toHaveLength(0);
    // The session is unharmed.
    expect((await visitor.fetch(`/api/sessions/${session.id}`)).status).toBe(200);
  });

  it('4002: a 501 MB file is refused before any byte is stored, suggesting trimming or compressing', async () => {
    const visitor = new Visitor();
    const session = await visitor.createSession();
    const response = await createUpload(visitor, session.id, 'huge.mp4', 501_000_000);
    expect(response.status).toBe(413);
    const error = await readError(response);
    expect(error.contractCode).toBe(4002);
    expect(error.message).toMatch(/trim/i);
    expect(error.message).toMatch(/compress/i);
    expect((await env.MEDIA.list({ prefix: `media-records/${session.id}/` })).objects).toHaveLength(
      0,
    );
  });

  it('4002: a part longer than announced is cut off and refused (the size is counted, not trusted)', async () => {
    const visitor = new Visitor();
    const session = await visitor.createSession();
    const media = await started(visitor, session.id, 'liar.mp4', 1_000);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(fakeMp4(800));
        controller.enqueue(fakeMp4(800));
        controller.close();
      },
    });
    const response = await visitor.fetch(`/api/sessions/${session.id}/media/${media.id}/parts/1`, {
      method: 'PUT',
      body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect((await readError(response)).contractCode).toBe(4002);
  });
});

describe('uploads belong to their session', () => {
  it('another visitor, or another session of the same visitor, gets 404', async () => {
    const owner = new Visitor();
    const session = await owner.createSession();
    const other = await owner.createSession();
    const media = await started(owner, session.id, 'clip.mp4', 100);
    expect((await putPart(owner, session.id, media.id, 1, fakeMp4(100))).status).toBe(200);
    expect(
      (
        await owner.fetch(`/api/sessions/${session.id}/media/${media.id}/complete`, {
          method: 'POST',
        })
      ).status,
    ).toBe(200);

    const stranger = new Visitor();
    await stranger.createSession();
    for (const path of [
      `/api/sessions/${session.id}/media`,
      `/api/sessions/${session.id}/media/${media.id}`,
      `/api/sessions/${session.id}/media/${media.id}/file`,
    ]) {
      const response = await stranger.fetch(path);
      expect(response.status, path).toBe(404);
    }
    expect((await putPart(stranger, session.id, media.id, 1, fakeMp4(100))).status).toBe(404);
    expect(
      (await stranger.fetch(`/api/sessions/${session.id}/media/${media.id}`, { method: 'DELETE' }))
        .status,
    ).toBe(404);
    expect((await owner.fetch(`/api/sessions/${other.id}/media/${media.id}/file`)).status).toBe(
      404,
    );
    expect((await owner.fetch(`/api/sessions/${session.id}/media/${media.id}/file`)).status).toBe(
      200,
    );
  });
});
