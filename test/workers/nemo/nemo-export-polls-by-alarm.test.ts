/**
 * An export with ENGINE=nemo is rendered upstream: the render job's alarm starts it at
 * `/api/render/proxy/lambda`, polls until `completed` (several polls), copies the file into R2
 * and completes, so the usual download route serves it; the remote API charges its credits (our
 * ledger charges nothing). Upstream refusals fail the job with a plain message and charge nothing.
 * Poll interval 20 ms and deadline 6 s in the `workers-nemo` project.
 */
import { describe, expect, it } from 'vitest';
import { creditsSchema } from '../../../shared/api-schema';
import { downloadLinkPattern, renderMp4 } from '../visitor-client';
import type { Visitor } from '../visitor-client';
import { visitorWithDraft } from './visitor-with-draft';
import { routeUpstream } from './route-upstream';
import { settleRender as settle } from './settle-render';
import { FAKE_EXPORT_COST, FAKE_STARTING_CREDITS } from '../../fake-upstream/fake-upstream';

async function credits(visitor: Visitor): Promise<{ available: number; frozen: number }> {
  return creditsSchema.parse(await (await visitor.fetch('/api/credits')).json());
}

describe('nemo export', () => {
  it('is rendered upstream, polled by alarm until completed, copied into R2 and downloadable', async () => {
    const { fake } = routeUpstream({ renderPolls: 3 });
    const { visitor, sessionId } = await visitorWithDraft();
    const job = await visitor.startExport(sessionId);
    expect(job.renderer).toBe('remote');
    const seen = await settle(visitor, job.id);
    const last = seen.at(-1);
    expect(last?.status).toBe('completed');
    expect(last?.downloadUrl).toMatch(downloadLinkPattern(job.id));

    const [render] = [...fake.renders.values()];
    expect(render?.polls).toBe(3);
    // The export ran in the session's own upstream session, with the short-key draft.
    expect(fake.sessions.has(render?.sessionId ?? '')).toBe(true);
    expect(render?.draft).toMatchObject({ d: 10_000, t: [{ tt: 0 }, { tt: 1 }, { tt: 7 }] });

    const file = await visitor.fetch(`/api/renders/${job.id}/file`);
    expect(file.status).toBe(200);
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(renderMp4(10_000));
    expect(job.costCredits).toBe(0);
    expect(await credits(visitor)).toMatchObject({
      available: FAKE_STARTING_CREDITS - FAKE_EXPORT_COST,
      frozen: 0,
    });
  });

  it('402 (free plan) fails the job with the plan message and charges nothing', async () => {
    const { fake } = routeUpstream();
    fake.failNext('render-start', 402);
    const { visitor, sessionId } = await visitorWithDraft();
    const job = await visitor.startExport(sessionId);
    const last = (await settle(visitor, job.id)).at(-1);
    expect(last?.status).toBe('failed');
    expect(last?.error).toMatch(/free plan\. This is the plan, not your credits/);
    expect(await credits(visitor)).toMatchObject({ available: FAKE_STARTING_CREDITS, frozen: 0 });
  });

  it('2001 (upstream credits used up) fails with the registration link', async () => {
    const { fake } = routeUpstream();
    fake.failNext('render-start', 2001);
    const { visitor, sessionId } = await visitorWithDraft();
    const job = await visitor.startExport(sessionId);
    const last = (await settle(visitor, job.id)).at(-1);
    expect(last?.status).toBe('failed');
    expect(last?.error).toMatch(/Register to keep going: .*\?bind=/);
  });

  it('poll faults back off and recover; a 1001 while polling renews the token', async () => {
    const { fake } = routeUpstream({ renderPolls: 2 });
    const { visitor, sessionId } = await visitorWithDraft();
    fake.failNext('render-poll', 500, 2);
    fake.failNext('render-poll', 1001, 1);
    const job = await visitor.startExport(sessionId);
    const last = (await settle(visitor, job.id)).at(-1);
    expect(last?.status).toBe('completed');
    expect(fake.tokens.size).toBe(2);
  });

  it('an upstream that keeps failing is given up with a plain message (our ledger charges nothing; the remote API keeps its charge)', async () => {
    const { fake } = routeUpstream();
    fake.failNext('render-poll', 500, 100);
    const { visitor, sessionId } = await visitorWithDraft();
    const job = await visitor.startExport(sessionId);
    const last = (await settle(visitor, job.id)).at(-1);
    expect(last?.status).toBe('failed');
    expect(last?.error).toMatch(/could not be reached|did not finish this export within/);
    expect(await credits(visitor)).toMatchObject({
      available: FAKE_STARTING_CREDITS - FAKE_EXPORT_COST,
      frozen: 0,
    });
  });
});
