/**
 * A finished video titled in Chinese downloads under that title (functions/media/download-name.ts):
 * `Content-Disposition` carries the RFC 6266 `filename*=UTF-8''…` name and an ASCII `filename=`
 * fallback for clients that cannot read it, whether fetched by its owner or by its signed link.
 */
import { parse as parseDisposition } from 'content-disposition';
import { env } from 'cloudflare:workers';
import { runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { renderJobInfoSchema } from '../../shared/api-schema';
import { Visitor, renderMp4 } from './visitor-client';

describe('the download name of a CJK-titled video', { timeout: 30_000 }, () => {
  it('is the UTF-8 title in filename*, with an ASCII fallback in filename', async () => {
    const visitor = new Visitor();
    const job = await visitor.startExport((await visitor.sessionWithDraft()).id);
    await runInDurableObject(env.RENDER_JOB.get(env.RENDER_JOB.idFromName(job.id)), (_, state) => {
      state.storage.sql.exec('UPDATE job SET title = ?', '日落 海边');
    });
    const put = await visitor.fetch(`/api/renders/${job.id}/file`, {
      method: 'PUT',
      headers: { 'Content-Type': 'video/mp4' },
      body: renderMp4(job.draft.durationMs),
    });
    expect(put.status).toBe(200);
    const done = renderJobInfoSchema.parse(await put.json());

    for (const file of [
      await visitor.fetch(`/api/renders/${job.id}/file`),
      await new Visitor().fetch(done.downloadUrl ?? ''),
    ]) {
      expect(file.status).toBe(200);
      await file.arrayBuffer();
      const header = file.headers.get('Content-Disposition') ?? '';
      expect(header).toContain(`filename*=UTF-8''${encodeURIComponent('日落-海边')}.mp4`);
      expect(parseDisposition(header)).toMatchObject({
        type: 'attachment',
        parameters: { filename: '日落-海边.mp4' },
      });
      expect(parseDisposition(header, { extended: false }).parameters.filename).toBe(
        'reelwright-video.mp4',
      );
    }
  });
});
