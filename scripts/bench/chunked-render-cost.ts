/**
 * @module chunked-render-cost (bench)
 * The cost of resumable rendering (issue #4): the same 30-s 1080p explainer draft (made by the
 * embedded director through the real edge) rendered in headless Chromium
 * 1. chunked, as the product does it: 4-s GOP-aligned chunks, each flushed, stored in R2 and
 *    recorded in the `RenderJob` through the real edge before the next starts, then joined by
 *    remux; and
 * 2. single-pass: `renderVideo` with one chunk covering the whole video, kept in memory.
 * Both runs include the final remux; neither includes the final MP4 upload (the same for both).
 * Runs alternate (single, chunked, single, chunked) and the medians are compared. Prints wall
 * times, their ratio (target ≤ 1.10) and the file size difference. Benchmarks measure; they
 * never fail on a figure.
 */
import type { Page } from 'playwright-core';
import { launchChromium } from '../lib/launch-chromium';
import { startApp } from '../lib/start-app';
import { startViteDevServer } from '../../test/e2e/support/vite-dev-server';

const PROMPT = 'Generate a 30-second explainer video about solar panels for homeowners';
/** Runs of each kind; alternated so warm-up and thermal drift fall on both alike. */
const RUNS_PER_KIND = 2;
/** GOPs per chunk for the single-pass baseline: more than any draft has (10 min = 300 GOPs). */
const SINGLE_CHUNK_GOPS = 1_000;
/** The target for chunked / single-pass wall time. */
const TARGET_RATIO = 1.1;

interface RunFigures {
  wallMs: number;
  sizeBytes: number;
  chunkCount: number;
  saveChunksMs: number;
  assembleMs: number;
}

/** Makes the draft through the edge (session, chat turn) and returns the id of a session with it. */
export async function makeSession(page: Page): Promise<string> {
  return page.evaluate(`(async () => {
    const { createApiClient } = await import('/app/api-client.ts');
    const api = createApiClient();
    const session = await api.createSession();
    await api.streamMessage(session.id, ${JSON.stringify(PROMPT)}, () => undefined);
    return session.id;
  })()`) as Promise<string>;
}

/** One render of the session's draft: chunked through the edge (a new export job) or single-pass in memory. */
async function renderOnce(
  page: Page,
  sessionId: string,
  kind: 'chunked' | 'single',
): Promise<RunFigures> {
  return page.evaluate(`(async () => {
    const { createApiClient } = await import('/app/api-client.ts');
    const { createEdgeChunkStore } = await import('/app/models/edge-chunk-store.ts');
    const { renderVideo } = await import('/render/render-video.ts');
    const api = createApiClient();
    const job = await api.createExport(${JSON.stringify(sessionId)});
    const options = ${JSON.stringify(kind)} === 'chunked'
      ? { resume: { store: createEdgeChunkStore(api, job.id, crypto.randomUUID()), firstChunk: 0, audioStored: false } }
      : { chunkGops: ${SINGLE_CHUNK_GOPS} };
    const result = await renderVideo(job.draft, options);
    await api.failRender(job.id, 'bench run: the file is not uploaded');
    return {
      wallMs: result.wallMs,
      sizeBytes: result.blob.size,
      chunkCount: result.chunkCount,
      saveChunksMs: result.timings.saveChunksMs,
      assembleMs: result.timings.assembleMs,
    };
  })()`) as Promise<RunFigures>;
}

/** The median of `values` (0 when empty). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? 0)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Runs the chunked-render cost benchmark and prints its figures. */
export async function benchChunkedRenderCost(): Promise<void> {
  const app = await startApp();
  const vite = await startViteDevServer({ apiProxy: app.url });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(vite.blankPageUrl);
    console.log(
      'bench: 30-s 1080p30 explainer, chunked through the edge vs single-pass, alternating…',
    );
    const sessionId = await makeSession(page);
    const runs: Record<'chunked' | 'single', RunFigures[]> = { chunked: [], single: [] };
    for (let round = 0; round < RUNS_PER_KIND; round++) {
      for (const kind of ['single', 'chunked'] as const) {
        const figures = await renderOnce(page, sessionId, kind);
        runs[kind].push(figures);
        console.log(
          `  ${kind.padEnd(8)} ${(figures.wallMs / 1000).toFixed(2)} s, ${figures.chunkCount} chunk(s), ${(figures.sizeBytes / 1_048_576).toFixed(2)} MiB`,
        );
      }
    }
    const chunkedMs = median(runs.chunked.map((r) => r.wallMs));
    const singleMs = median(runs.single.map((r) => r.wallMs));
    const chunkedSize = median(runs.chunked.map((r) => r.sizeBytes));
    const singleSize = median(runs.single.map((r) => r.sizeBytes));
    const ratio = chunkedMs / singleMs;
    const chunks = runs.chunked[0]?.chunkCount ?? 0;
    console.log(
      `\nsingle-pass (1 chunk, in memory)            ${(singleMs / 1000).toFixed(2).padStart(7)} s  ${(singleSize / 1_048_576).toFixed(2)} MiB`,
    );
    console.log(
      `chunked (${chunks} chunks, stored + recorded at edge) ${(chunkedMs / 1000).toFixed(2).padStart(7)} s  ${(chunkedSize / 1_048_576).toFixed(2)} MiB`,
    );
    console.log(
      `  of which storing chunks (upload + record): ${(median(runs.chunked.map((r) => r.saveChunksMs)) / 1000).toFixed(2)} s; joining by remux: ${(median(runs.chunked.map((r) => r.assembleMs)) / 1000).toFixed(2)} s`,
    );
    console.log(
      `ratio chunked/single-pass wall time: ${ratio.toFixed(3)} (target ≤ ${TARGET_RATIO.toFixed(2)}: ${ratio <= TARGET_RATIO ? 'met' : 'missed'})`,
    );
    console.log(
      `file size difference: ${chunkedSize - singleSize >= 0 ? '+' : ''}${((chunkedSize - singleSize) / 1024).toFixed(1)} KiB (${(((chunkedSize - singleSize) / singleSize) * 100).toFixed(2)} %)`,
    );
  } finally {
    await browser.close();
    await vite.close();
    await app.stop();
  }
}
