/**
 * Exports cost credits (1 per started 5 s of video): frozen when the export starts, spent when
 * the MP4 is stored, refunded when the render fails; too few credits is 402 with contractCode 2001.
 */
import { env } from 'cloudflare:workers';
import { runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { creditsSchema, renderJobInfoSchema } from '../../shared/api-schema';
import type { Credits } from '../../shared/api-schema';
import { Visitor, readError, renderMp4 } from './visitor-client';

async function credits(visitor: Visitor): Promise<Credits> {
  return creditsSchema.parse(await (await visitor.fetch('/api/credits')).json());
}

describe('export credits', () => {
  it('a new visitor has 100 credits', async () => {
    expect(await credits(new Visitor())).toEqual({ available: 100, frozen: 0, total: 100 });
  });

  it('exporting before there is a draft is 409 no_draft', async () => {
    const visitor = new Visitor();
    const session = await visitor.createSession();
    const response = await visitor.fetch(`/api/sessions/${session.id}/exports`, { method: 'POST' });
    expect(response.status).toBe(409);
    expect((await readError(response)).code).toBe('no_draft');
  });

  it('freezes the cost on start and spends it when the MP4 is stored', async () => {
    const visitor = new Visitor();
    const session = await visitor.sessionWithDraft();
    const job = await visitor.startExport(session.id);
    expect(job.status).toBe('queued');
    expect(job.renderer).toBe('browser');
    expect(job.sessionId).toBe(session.id);
    expect(job.draftVersion).toBe(1);
    expect(job.costCredits).toBe(Math.ceil(job.draft.durationMs / 5_000));
    expect(await credits(visitor)).toEqual({
      available: 100 - job.costCredits,
      frozen: job.costCredits,
      total: 100,
    });

    const put = await visitor.fetch(`/api/renders/${job.id}/file`, {
      method: 'PUT',
      headers: { 'Content-Type': 'video/mp4' },
      body: renderMp4(job.draft.durationMs),
    });
    expect(put.status).toBe(200);
    expect(await credits(visitor)).toEqual({
      available: 100 - job.costCredits,
      frozen: 0,
      total: 100 - job.costCredits,
    });
  });

  it('refunds the cost when the render fails', async () => {
    const visitor = new Visitor();
    const session = await visitor.sessionWithDraft();
    const job = await visitor.startExport(session.id);
    const failed = await visitor.post(`/api/renders/${job.id}/fail`, {
      message: 'the encoder crashed',
    });
    expect(failed.status).toBe(200);
    const info = renderJobInfoSchema.parse(await failed.json());
    expect(info.status).toBe('failed');
    expect(info.error).toBe('the encoder crashed');
    expect(await credits(visitor)).toEqual({ available: 100, frozen: 0, total: 100 });

    const again = await visitor.post(`/api/renders/${job.id}/fail`, { message: 'again' });
    expect(again.status).toBe(200);
    expect(await credits(visitor)).toEqual({ available: 100, frozen: 0, total: 100 });
  });

  it('is 402 out_of_credits (contractCode 2001) saying what is needed and what is available', async () => {
    const visitor = new Visitor();
    const session = await visitor.sessionWithDraft();
    const account = env.VISITOR_ACCOUNT.get(env.VISITOR_ACCOUNT.idFromName(visitor.id));
    await runInDurableObject(account, (_instance, state) => {
      state.storage.sql.exec('UPDATE account SET available = 2 WHERE id = 1');
    });
    const response = await visitor.fetch(`/api/sessions/${session.id}/exports`, { method: 'POST' });
    expect(response.status).toBe(402);
    const error = await readError(response);
    expect(error.code).toBe('out_of_credits');
    expect(error.contractCode).toBe(2001);
    expect(error.message).toMatch(/needs \d+ credits/);
    expect(error.message).toMatch(/only 2 are available/);
    expect(await credits(visitor)).toEqual({ available: 2, frozen: 0, total: 2 });
  });

  it('several exports drain the credits until one is refused', async () => {
    const visitor = new Visitor();
    const session = await visitor.sessionWithDraft();
    let refused: Response | null = null;
    for (let i = 0; i < 100 && refused === null; i++) {
      const response = await visitor.fetch(`/api/sessions/${session.id}/exports`, {
        method: 'POST',
      });
      if (response.status !== 201) refused = response;
    }
    expect(refused?.status).toBe(402);
    const after = await credits(visitor);
    expect(after.available + after.frozen).toBe(100);
  });
});
