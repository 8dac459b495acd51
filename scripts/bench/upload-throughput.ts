/**
 * @module upload-throughput (bench)
 * Measures, in one run on this machine,
 * 1. a 200 MiB upload through the Worker under `wrangler dev` (create, 8 MiB parts streamed into
 *    local R2 multipart, complete): MB/s and workerd's RSS growth;
 * 2. the same bytes written straight to a local R2 bucket (Miniflare, multipart, same parts):
 *    MB/s, i.e. what the Worker's route adds;
 * and prints both with their ratio. Benchmarks measure; they never fail on a figure.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Miniflare } from 'miniflare';
import { UPLOAD_PART_BYTES, partCountFor } from '../../shared/media-schema';
import { sampleRss } from '../lib/process-memory';
import { startApp } from '../lib/start-app';
import { AppVisitor, syntheticPart, uploadSynthetic } from '../lib/upload-through-app';

/**
 * 200 MiB: the size the first streaming measurement used (docs/design-decisions.md#measurements),
 * comparable across runs.
 */
const SIZE_BYTES = 200 * 1024 * 1024;

const mbPerS = (bytes: number, ms: number): number => bytes / 1e6 / (ms / 1000);

async function throughWorker(): Promise<{ wallMs: number; rssGrowthBytes: number }> {
  const app = await startApp();
  try {
    const visitor = new AppVisitor(app.url);
    const sessionId = await visitor.createSession();
    const sampler = app.pid === undefined ? null : sampleRss(app.pid, 'workerd');
    const run = await uploadSynthetic(visitor, sessionId, SIZE_BYTES);
    const memory = sampler?.stop() ?? { baselineBytes: 0, peakBytes: 0 };
    return { wallMs: run.wallMs, rssGrowthBytes: memory.peakBytes - memory.baselineBytes };
  } finally {
    await app.stop();
  }
}

async function straightToR2(): Promise<{ wallMs: number }> {
  const persist = mkdtempSync(path.join(os.tmpdir(), 'reelwright-bench-r2-'));
  const mf = new Miniflare({
    modules: true,
    script: 'export default { fetch() { return new Response("ok"); } };',
    r2Buckets: ['MEDIA'],
    r2Persist: persist,
  });
  try {
    const bucket = await mf.getR2Bucket('MEDIA');
    const startedAt = performance.now();
    const upload = await bucket.createMultipartUpload('bench/straight');
    const parts = [];
    for (let n = 1; n <= partCountFor(SIZE_BYTES); n++)
      parts.push(await upload.uploadPart(n, syntheticPart(SIZE_BYTES, UPLOAD_PART_BYTES, n)));
    await upload.complete(parts);
    return { wallMs: performance.now() - startedAt };
  } finally {
    await mf.dispose();
    rmSync(persist, { recursive: true, force: true });
  }
}

/** Runs the upload benchmark and prints its figures. */
export async function benchUploadThroughput(): Promise<void> {
  console.log(
    `bench: ${SIZE_BYTES / 2 ** 20} MiB in ${UPLOAD_PART_BYTES / 2 ** 20} MiB parts through the Worker (wrangler dev, local R2)…`,
  );
  const worker = await throughWorker();
  console.log('bench: the same parts straight into a local R2 bucket (Miniflare)…');
  const direct = await straightToR2();
  const rows = [
    ['through the Worker (stream, count, sniff, multipart)', worker.wallMs],
    ['straight to local R2 (multipart)', direct.wallMs],
  ] as const;
  for (const [name, wallMs] of rows) {
    console.log(
      `${name.padEnd(56)} ${(wallMs / 1000).toFixed(2).padStart(7)} s  ${mbPerS(SIZE_BYTES, wallMs).toFixed(1).padStart(6)} MB/s`,
    );
  }
  console.log(`ratio worker/direct wall time: ${(worker.wallMs / direct.wallMs).toFixed(2)}`);
  console.log(
    `workerd RSS growth during the upload: ${(worker.rssGrowthBytes / 2 ** 20).toFixed(0)} MiB`,
  );
}
