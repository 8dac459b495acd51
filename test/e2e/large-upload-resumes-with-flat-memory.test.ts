/**
 * A 300 MB upload through `wrangler dev` (workerd + local R2): the connection is cut halfway
 * through the part at ~50 %, the upload resumes by asking which parts exist (it does not
 * restart), completes, and the stored file is whole; workerd's resident memory stays flat
 * (parts stream through, nothing is buffered whole).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../scripts/lib/start-app';
import { rssOf, sampleRss } from '../../scripts/lib/process-memory';
import { AppVisitor, syntheticPart, uploadSynthetic } from '../../scripts/lib/upload-through-app';

const SIZE_BYTES = 300 * 1024 * 1024;
/**
 * Allowed growth of workerd's RSS over the whole upload: three quarters of the file. Measured
 * here: +110–160 MiB in the first parts (workerd and its local R2 warming up their heaps; the
 * upper figure since the Worker bundle grew to ~4 MB with the illustration set), then a plateau;
 * a buffering implementation would grow by the file's 300 MB on top of that warm-up.
 */
const MAX_RSS_GROWTH_BYTES = (SIZE_BYTES * 3) / 4;
/**
 * Allowed growth over the second half (after the cut, resuming): 64 MiB, against the 150 MB that
 * pass in that half (measured: +25–46 MiB, the heap's slow creep after warming up).
 */
const MAX_SECOND_HALF_GROWTH_BYTES = 64 * 1024 * 1024;

let app: RunningApp;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.stop();
});

describe('a 300 MB upload', () => {
  it('resumes after the connection is cut at ~50 % and keeps workerd memory flat', async () => {
    const visitor = new AppVisitor(app.url);
    const sessionId = await visitor.createSession();
    if (app.pid === undefined) throw new Error('no wrangler pid');
    const sampler = sampleRss(app.pid, 'workerd');
    let atCutBytes = 0;
    const run = await uploadSynthetic(visitor, sessionId, SIZE_BYTES, 0.5, () => {
      atCutBytes = rssOf(app.pid ?? 0, 'workerd');
    });
    const memory = sampler.stop();
    console.info(
      `300 MB upload: ${(run.wallMs / 1000).toFixed(1)} s (${(SIZE_BYTES / 1e6 / (run.wallMs / 1000)).toFixed(0)} MB/s), ` +
        `workerd RSS ${(memory.baselineBytes / 2 ** 20).toFixed(0)} → ${(atCutBytes / 2 ** 20).toFixed(0)} at 50 % → peak ${(memory.peakBytes / 2 ** 20).toFixed(0)} MiB, ` +
        `${run.partsKeptAtCut} parts kept at the cut, re-sent ${run.resentParts.join(',')}`,
    );
    expect(run.media).toMatchObject({ status: 'stored', sizeBytes: SIZE_BYTES, format: 'mp4' });
    // Only the cut part (and nothing before it) had to be sent again.
    expect(run.resentParts).toHaveLength(run.media.partCount - run.partsKeptAtCut);
    expect(run.partsKeptAtCut).toBeGreaterThanOrEqual(Math.floor(run.media.partCount / 2) - 1);
    expect(memory.peakBytes - memory.baselineBytes).toBeLessThan(MAX_RSS_GROWTH_BYTES);
    expect(memory.peakBytes - atCutBytes).toBeLessThan(MAX_SECOND_HALF_GROWTH_BYTES);

    // The stored file is whole: its last bytes are the last part's last bytes.
    const tail = await visitor.fetch(`/api/sessions/${sessionId}/media/${run.media.id}/file`, {
      headers: { Range: 'bytes=-16' },
    });
    expect(tail.status).toBe(206);
    const last = syntheticPart(SIZE_BYTES, run.media.partSizeBytes, run.media.partCount);
    expect([...new Uint8Array(await tail.arrayBuffer())]).toEqual([
      ...last.subarray(last.length - 16),
    ]);
  }, 300_000);
});
