/**
 * A render is done only when its file is a real H.264 MP4 as long as the job (issue 10, item 5):
 * bytes that merely start like an MP4, a real MP4 of another length, or one with bytes beyond
 * its boxes are refused with 422 `render_file_invalid`, the job stays unfinished with no link,
 * and nothing is kept; a valid file completes the job and is served as a download that browsers
 * must not sniff.
 */
import { parse as parseDisposition } from 'content-disposition';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { renderJobInfoSchema } from '../../shared/api-schema';
import { Visitor, readError, renderMp4 } from './visitor-client';
import { htmlWithFtyp } from '../fake-upstream/fake-render-file';

function putFile(
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

async function refusedAndNotDone(
  visitor: Visitor,
  renderId: string,
  body: Uint8Array<ArrayBuffer>,
): Promise<string> {
  const response = await putFile(visitor, renderId, body);
  expect(response.status).toBe(422);
  const error = await readError(response);
  expect(error.code).toBe('render_file_invalid');
  const info = renderJobInfoSchema.parse(
    await (await visitor.fetch(`/api/renders/${renderId}`)).json(),
  );
  expect(info.status).not.toBe('completed');
  expect(info.downloadUrl).toBeNull();
  expect((await env.MEDIA.list({ prefix: `renders/${renderId}` })).objects).toHaveLength(0);
  expect((await visitor.fetch(`/api/renders/${renderId}/file`)).status).toBe(409);
  return error.message;
}

describe('the finished render file', { timeout: 30_000 }, () => {
  it('refuses 76 bytes of HTML that start like an MP4, and the job is not done', async () => {
    const visitor = new Visitor();
    const job = await visitor.startExport((await visitor.sessionWithDraft()).id);
    expect(await refusedAndNotDone(visitor, job.id, htmlWithFtyp())).toMatch(
      /not the video of this render/,
    );
  });

  it('refuses a real MP4 of another duration, naming both lengths', async () => {
    const visitor = new Visitor();
    const job = await visitor.startExport((await visitor.sessionWithDraft()).id);
    expect(job.draft.durationMs).toBe(30_000);
    expect(await refusedAndNotDone(visitor, job.id, renderMp4(4_000))).toMatch(
      /4\.00 s, not the 30\.00 s/,
    );
  });

  it('refuses a real MP4 followed by bytes outside its boxes', async () => {
    const visitor = new Visitor();
    const job = await visitor.startExport((await visitor.sessionWithDraft()).id);
    const valid = renderMp4(job.draft.durationMs);
    const smuggled = new Uint8Array(valid.byteLength + 5);
    smuggled.set(valid, 0);
    smuggled.set(new TextEncoder().encode('<b>x'), valid.byteLength);
    await refusedAndNotDone(visitor, job.id, smuggled);
  });

  it('accepts a real MP4 as long as the job and serves it as a download that is not sniffed', async () => {
    const visitor = new Visitor();
    const job = await visitor.startExport((await visitor.sessionWithDraft()).id);
    const response = await putFile(visitor, job.id, renderMp4(job.draft.durationMs));
    expect(response.status).toBe(200);
    const done = renderJobInfoSchema.parse(await response.json());
    expect(done.status).toBe('completed');
    expect(done.downloadUrl).not.toBeNull();
    const file = await visitor.fetch(`/api/renders/${job.id}/file`);
    expect(file.status).toBe(200);
    expect(file.headers.get('Content-Type')).toBe('video/mp4');
    expect(file.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(parseDisposition(file.headers.get('Content-Disposition') ?? '')).toMatchObject({
      type: 'attachment',
      parameters: { filename: expect.stringMatching(/^[a-z0-9-]+\.mp4$/) },
    });
    await file.arrayBuffer();
  });
});
