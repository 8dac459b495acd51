/**
 * @module two-encoders (bench)
 * One encode worker vs two in one browser (issue 16 item 4): the same 30-s 1080p explainer
 * draft (made by the embedded director through the real edge) rendered in headless Chromium as
 * the product does it (the draft of the chunked-render-cost bench) — 4-s chunks stored at the edge in order, then joined by remux — once
 * with one encode worker and once with two, alternating, in one run. Prints each run's wall
 * time and frames/s, the medians' ratio (two / one, in fps), and `uptime`'s load average beside
 * them: the figures mean little on a box shared with other work. The final MP4 upload (the same
 * for both) is not included. Benchmarks measure; they never fail on a figure.
 */
import { execFileSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import { launchChromium } from '../lib/launch-chromium';
import { startApp } from '../lib/start-app';
import { startViteDevServer } from '../../test/e2e/support/vite-dev-server';
import { makeSession, median } from './chunked-render-cost';

/** Runs of each kind; alternated so warm-up and other load fall on both alike. */
const RUNS_PER_KIND = 2;

interface RunFigures {
  wallMs: number;
  frames: number;
  encoders: number;
  chunksByEncoder: number[];
}

/** The load average now, as `uptime` prints it. */
function loadAverage(): string {
  const line = execFileSync('uptime', { encoding: 'utf8' }).trim();
  return line.slice(line.indexOf('load average')).trim();
}

/** One chunked render of the session's draft through the edge with `encoders` workers. */
async function renderOnce(page: Page, sessionId: string, encoders: number): Promise<RunFigures> {
  return page.evaluate(`(async () => {
    const { createApiClient } = await import('/app/api-client.ts');
    const { createEdgeChunkStore } = await import('/app/models/edge-chunk-store.ts');
    const { renderVideo } = await import('/render/render-video.ts');
    const api = createApiClient();
    const job = await api.createExport(${JSON.stringify(sessionId)});
    const store = createEdgeChunkStore(api, job.id, crypto.randomUUID());
    const result = await renderVideo(job.draft, {
      encoders: ${encoders},
      resume: { store, firstChunk: 0, audioStored: false },
    });
    await store.drain();
    await api.failRender(job.id, 'bench run: the file is not uploaded');
    return {
      wallMs: result.wallMs,
      frames: result.framesEncoded,
      encoders: result.encoders,
      chunksByEncoder: result.chunksByEncoder,
    };
  })()`) as Promise<RunFigures>;
}

/** Runs the one-vs-two encoders benchmark and prints its figures. */
export async function benchTwoEncoders(): Promise<void> {
  const app = await startApp();
  const vite = await startViteDevServer({ apiProxy: app.url });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(vite.blankPageUrl);
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    console.log(
      `bench: 30-s 1080p30 explainer, chunked through the edge, one vs two encode workers (${cores} cores reported), alternating…`,
    );
    const sessionId = await makeSession(page);
    const fps: Record<1 | 2, number[]> = { 1: [], 2: [] };
    for (let round = 0; round < RUNS_PER_KIND; round++) {
      for (const encoders of [1, 2] as const) {
        const figures = await renderOnce(page, sessionId, encoders);
        const runFps = figures.frames / (figures.wallMs / 1000);
        fps[encoders].push(runFps);
        console.log(
          `  ${figures.encoders} encoder(s) ${(figures.wallMs / 1000).toFixed(2)} s, ${runFps.toFixed(1)} fps, chunks per worker [${figures.chunksByEncoder.join(', ')}]; ${loadAverage()}`,
        );
      }
    }
    const one = median(fps[1]);
    const two = median(fps[2]);
    console.log(`\none encoder   ${one.toFixed(1).padStart(6)} fps (median)`);
    console.log(`two encoders  ${two.toFixed(1).padStart(6)} fps (median)`);
    console.log(
      `ratio two/one: ${(two / one).toFixed(3)}; ${loadAverage()} (box shared: inflated)`,
    );
  } finally {
    await browser.close();
    await vite.close();
    await app.stop();
  }
}
