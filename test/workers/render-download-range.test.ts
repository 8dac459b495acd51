/**
 * A render moves queued → rendering (progress) → completed (MP4 upload, streamed into R2);
 * non-MP4 uploads are refused; the file downloads as an attachment and honours `Range`.
 */
import { parse as parseDisposition } from 'content-disposition';
import { describe, expect, it } from 'vitest';
import { renderJobInfoSchema } from '../../shared/api-schema';
import type { RenderProgressEvent } from '../../shared/events-schema';
import { Visitor, downloadLinkPattern, readError, readSse, renderMp4 } from './visitor-client';

async function putFile(
  visitor: Visitor,
  renderId: string,
  body: Uint8Array<ArrayBuffer>,
): Promise<Response> {
  return visitor.fetch(`/api/renders/${renderId}/file`, {
    method: 'PUT',
    headers: { 'Content-Type': 'video/mp4' },
    body,
  });
}

describe('render upload and download', () => {
  it('progress moves the job to rendering', async () => {
    const visitor = new Visitor();
    const job = await visitor.startExport((await visitor.sessionWithDraft()).id);
    const response = await visitor.post(`/api/renders/${job.id}/progress`, {
      framesDone: 30,
      totalFrames: 120,
      fps: 45.5,
    });
    expect(response.status).toBe(200);
    const info = renderJobInfoSchema.parse(await response.json());
    expect(info).toMatchObject({
      status: 'rendering',
      framesDone: 30,
      totalFrames: 120,
      fps: 45.5,
      progress: 0.25,
    });
  });

  it('refuses an upload that is not an MP4 (400 invalid_media) and leaves the job as it was', async () => {
    const visitor = new Visitor();
    const job = await visitor.startExport((await visitor.sessionWithDraft()).id);
    const response = await putFile(
      visitor,
      job.id,
      new TextEncoder().encode('<html>definitely not a video</html>'),
    );
    expect(response.status).toBe(400);
    const error = await readError(response);
    expect(error.code).toBe('invalid_media');
    expect(error.message).toMatch(/ftyp/);
    const info = renderJobInfoSchema.parse(
      await (await visitor.fetch(`/api/renders/${job.id}`)).json(),
    );
    expect(info.status).toBe('queued');

    const early = await visitor.fetch(`/api/renders/${job.id}/file`);
    expect(early.status).toBe(409);
    expect((await readError(early)).code).toBe('render_not_ready');
  });

  it('stores the MP4, completes the job, and serves it whole and by Range', async () => {
    const visitor = new Visitor();
    const session = await visitor.sessionWithDraft();
    const job = await visitor.startExport(session.id);
    const bytes = renderMp4(job.draft.durationMs, 1_000);

    const put = await putFile(visitor, job.id, bytes);
    expect(put.status).toBe(200);
    const done = renderJobInfoSchema.parse(await put.json());
    expect(done.status).toBe('completed');
    expect(done.progress).toBe(1);
    expect(done.sizeBytes).toBe(bytes.byteLength);
    expect(done.downloadUrl).toMatch(downloadLinkPattern(job.id));

    const whole = await visitor.fetch(done.downloadUrl ?? '');
    expect(whole.status).toBe(200);
    expect(whole.headers.get('Content-Type')).toBe('video/mp4');
    expect(whole.headers.get('Accept-Ranges')).toBe('bytes');
    expect(parseDisposition(whole.headers.get('Content-Disposition') ?? '')).toMatchObject({
      type: 'attachment',
      parameters: { filename: expect.stringMatching(/^[a-z0-9-]+\.mp4$/) },
    });
    expect(new Uint8Array(await whole.arrayBuffer())).toEqual(bytes);

    const part = await visitor.fetch(done.downloadUrl ?? '', {
      headers: { Range: 'bytes=100-199' },
    });
    expect(part.status).toBe(206);
    expect(part.headers.get('Content-Range')).toBe(`bytes 100-199/${bytes.byteLength}`);
    expect(part.headers.get('Content-Length')).toBe('100');
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(bytes.slice(100, 200));

    const tail = await visitor.fetch(done.downloadUrl ?? '', { headers: { Range: 'bytes=-16' } });
    expect(tail.status).toBe(206);
    expect(new Uint8Array(await tail.arrayBuffer())).toEqual(bytes.slice(-16));

    const open = await visitor.fetch(done.downloadUrl ?? '', { headers: { Range: 'bytes=1000-' } });
    expect(open.status).toBe(206);
    expect(new Uint8Array(await open.arrayBuffer())).toEqual(bytes.slice(1000));

    for (const range of [`bytes=${bytes.byteLength}-`, 'bytes=50-10', 'pages=1-2']) {
      const bad = await visitor.fetch(done.downloadUrl ?? '', { headers: { Range: range } });
      expect(bad.status).toBe(416);
      expect(bad.headers.get('Content-Range')).toBe(`bytes */${bytes.byteLength}`);
    }

    const again = await putFile(visitor, job.id, bytes);
    expect(again.status).toBe(409);
    expect((await readError(again)).code).toBe('render_finished');
  });

  it('a body too short to be an MP4 is 400 invalid_media', async () => {
    const visitor = new Visitor();
    const job = await visitor.startExport((await visitor.sessionWithDraft()).id);
    const short = await putFile(visitor, job.id, new Uint8Array([0, 0, 0]));
    expect(short.status).toBe(400);
    expect((await readError(short)).code).toBe('invalid_media');
  });

  it('render events stream progress until the job completes, then end', async () => {
    const visitor = new Visitor();
    const job = await visitor.startExport((await visitor.sessionWithDraft()).id);
    const stream = await visitor.fetch(`/api/renders/${job.id}/events`);
    expect(stream.status).toBe(200);
    expect(stream.headers.get('Content-Type')).toMatch(/^text\/event-stream/);
    const reading = readSse(stream);

    await visitor.post(`/api/renders/${job.id}/progress`, {
      framesDone: 10,
      totalFrames: 100,
      fps: 40,
    });
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect((await putFile(visitor, job.id, renderMp4(job.draft.durationMs))).status).toBe(200);

    const transcript = await reading;
    expect(transcript.retry).toBe(3000);
    const events = transcript.events.filter(
      (event): event is RenderProgressEvent => event.type === 'render-progress',
    );
    expect(events.map((event) => event.status)).toEqual(['queued', 'rendering', 'completed']);
    expect(events.every((event) => event.renderId === job.id)).toBe(true);
    expect(events.at(-1)?.progress).toBe(1);
  });
});
