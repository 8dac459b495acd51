/**
 * A remote (nemo) render whose RenderJob Durable Object is evicted between two polls picks up
 * where it was: the alarm fires again, polling goes on against the same upstream render (it is
 * not started a second time), and the job completes with the file in R2.
 */
import { abortAllDurableObjects } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { renderJobInfoSchema } from '../../../shared/api-schema';
import { visitorWithDraft } from './visitor-with-draft';
import { routeUpstream } from './route-upstream';

/** Polls the fake needs before it says `completed`. */
const UPSTREAM_POLLS = 6;
/** Longer than the project's 20-ms poll interval × polls, with room for a slow machine. */
const SETTLE_TIMEOUT_MS = 10_000;

async function until<T>(check: () => Promise<T | null> | T | null, what: string): Promise<T> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  for (;;) {
    const value = await check();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('remote render evicted mid-poll', () => {
  it('resumes polling the same upstream render and completes', async () => {
    const { fake } = routeUpstream({ renderPolls: UPSTREAM_POLLS });
    const { visitor, sessionId } = await visitorWithDraft();
    const job = await visitor.startExport(sessionId);

    const render = await until(() => {
      const [started] = [...fake.renders.values()];
      return started !== undefined && started.polls >= 1 && started.polls < UPSTREAM_POLLS
        ? started
        : null;
    }, 'the first poll');
    await abortAllDurableObjects();

    const done = await until(async () => {
      const info = renderJobInfoSchema.parse(
        await (await visitor.fetch(`/api/renders/${job.id}`)).json(),
      );
      return info.status === 'completed' || info.status === 'failed' ? info : null;
    }, 'the job to settle');
    expect(done.status).toBe('completed');
    expect(fake.renders.size).toBe(1);
    expect(render.polls).toBe(UPSTREAM_POLLS);
    const file = await visitor.fetch(`/api/renders/${job.id}/file`);
    expect(file.status).toBe(200);
  });
});
