/**
 * A remote (nemo) render's file is not taken on faith either (issue 10, item 5): after the copy
 * into R2 it is checked like a browser render's upload (check-mp4-file.ts). A file that is not
 * an H.264 MP4 as long as the job — 76 bytes of HTML whose bytes 4–8 read `ftyp`, or a real MP4
 * of another length — is deleted and the job fails with a plain message; no download link is
 * ever issued (not by the job, not by the library), and our ledger charges nothing. A real MP4
 * as long as the draft completes the job. The fake serves the file a `[render-file:…]` keyword
 * asks for (test/fake-upstream/fake-render-file.ts).
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { creditsSchema, renderListSchema } from '../../../shared/api-schema';
import type { RenderJobInfo } from '../../../shared/api-schema';
import { htmlWithFtyp } from '../../fake-upstream/fake-render-file';
import { FAKE_EXPORT_COST, FAKE_STARTING_CREDITS } from '../../fake-upstream/fake-upstream';
import { downloadLinkPattern, renderMp4 } from '../visitor-client';
import type { Visitor } from '../visitor-client';
import { routeUpstream } from './route-upstream';
import { settleRender } from './settle-render';
import { DRAFT_PROMPT, visitorWithDraft } from './visitor-with-draft';

/** Exports the draft of `prompt` upstream and follows the job until it settles. */
async function exportRemotely(
  prompt: string,
): Promise<{ visitor: Visitor; renderId: string; seen: RenderJobInfo[] }> {
  const { visitor, sessionId } = await visitorWithDraft(prompt);
  const job = await visitor.startExport(sessionId);
  expect(job.renderer).toBe('remote');
  expect(job.draft.durationMs).toBe(10_000);
  return { visitor, renderId: job.id, seen: await settleRender(visitor, job.id) };
}

/** The job failed, never showed a link, keeps nothing in R2, and its file is not served. */
async function refused(visitor: Visitor, renderId: string, seen: RenderJobInfo[]): Promise<string> {
  const last = seen.at(-1);
  expect(last?.status).toBe('failed');
  expect(seen.map((info) => info.downloadUrl)).toEqual(seen.map(() => null));
  const library = renderListSchema.parse(
    await (await visitor.fetch('/api/renders')).json(),
  ).renders;
  expect(library.find((render) => render.id === renderId)).toMatchObject({
    status: 'failed',
    downloadUrl: null,
  });
  expect((await env.MEDIA.list({ prefix: `renders/${renderId}` })).objects).toHaveLength(0);
  expect((await visitor.fetch(`/api/renders/${renderId}/file`)).status).toBe(409);
  // The remote API charged its own credits; our ledger charged nothing.
  expect(last?.costCredits).toBe(0);
  expect(creditsSchema.parse(await (await visitor.fetch('/api/credits')).json())).toMatchObject({
    available: FAKE_STARTING_CREDITS - FAKE_EXPORT_COST,
    frozen: 0,
  });
  return last?.error ?? '';
}

describe('the file of a remote render', () => {
  it('is refused when the upstream sends 76 bytes of HTML that start like an MP4', async () => {
    const { fake } = routeUpstream({ renderPolls: 2 });
    const { visitor, renderId, seen } = await exportRemotely(`${DRAFT_PROMPT} [render-file:html]`);
    expect(fake.requests.some((request) => request.path.startsWith('/files/'))).toBe(true);
    const bogus = htmlWithFtyp();
    expect([bogus.byteLength, new TextDecoder().decode(bogus.subarray(4, 8))]).toEqual([
      76,
      'ftyp',
    ]);
    expect(await refused(visitor, renderId, seen)).toMatch(
      /^The video service sent a file that is not the video of this export \(.+\), so it was not kept\. Please export again\.$/,
    );
  });

  it('is refused when the upstream sends a real MP4 of another length, naming both', async () => {
    routeUpstream({ renderPolls: 2 });
    const { visitor, renderId, seen } = await exportRemotely(`${DRAFT_PROMPT} [render-file:4s]`);
    expect(await refused(visitor, renderId, seen)).toMatch(/4\.00 s, not the 10\.00 s/);
  });

  it('completes the job when the upstream sends a real H.264 MP4 as long as the draft', async () => {
    routeUpstream({ renderPolls: 2 });
    const { visitor, renderId, seen } = await exportRemotely(DRAFT_PROMPT);
    const last = seen.at(-1);
    expect(last?.status).toBe('completed');
    expect(last?.downloadUrl).toMatch(downloadLinkPattern(renderId));
    const file = await visitor.fetch(`/api/renders/${renderId}/file`);
    expect(file.status).toBe(200);
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(renderMp4(10_000));
  });
});
