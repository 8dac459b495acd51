/**
 * @module render-fleet (bench)
 * Measures, in one run on this machine, the 30-s 1080p explainer (900 frames, 8 chunks)
 * 1. exported by the visitor's tab alone (wall time from pressing Export to the download link);
 * 2. rendered by one render worker, then by two (`npm run render-worker` processes, each its own
 *    headless Chromium, started and ready before the job): wall time from the job's first lease
 *    to its `completed` MP4, chunks stored per second per worker;
 * 3. native ffmpeg (libx264 `veryfast`) encoding the same frame count from a synthetic source;
 * 4. the render API with two workers: the same 30-s draft sent by a script to `POST /api/renders`
 *    with a `callbackUrl`, time until the signed webhook arrives;
 * with the load average (`uptime`) beside each figure, as other agents share this machine.
 * Issue 16's goal: two workers ≥ 1.2× one tab. Benchmarks measure; they never fail on a figure.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../lib/launch-chromium';
import { startApp } from '../lib/start-app';
import type { RunningApp } from '../lib/start-app';
import { exportAndDownload } from '../lib/drive-app';
import { countFrames } from '../lib/count-frames';
import { startRenderWorker } from '../lib/render-worker-process';
import type { RenderWorkerProcess } from '../lib/render-worker-process';
import { abandonedExport, pageJson, waitCompleted } from '../lib/abandoned-export';
import { startWebhookReceiver } from '../lib/webhook-receiver';
import { createdApiKeySchema } from '../../shared/render-api-schema';
import { draftSchema } from '../../shared/draft-schema';
import { sessionListSchema } from '../../shared/api-schema';
import { nativeX264Ms } from './native-x264';
import { explainerPage } from './explainer-export';

/** Workers start Chromium and load their page before the job; this bounds a stuck start. */
const READY_TIMEOUT_MS = 120_000;
/** A 30-s job on a loaded 2-core box: the tab's quiet 20 s, then minutes of rendering at worst. */
const JOB_TIMEOUT_MS = 900_000;

/** The 1-minute load average now. */
function load(): string {
  return os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
}

interface WorkerRun {
  wallMs: number;
  /** Chunks each worker stored. */
  chunksPerWorker: number[];
  load: string;
}

/** Renders one abandoned export of the page's session with `count` fresh workers. */
async function renderWithWorkers(page: Page, app: RunningApp, key: string, count: number) {
  const workers: RenderWorkerProcess[] = Array.from({ length: count }, () =>
    startRenderWorker(app.url, key),
  );
  try {
    await Promise.all(workers.map((w) => w.waitForLine(/ready/, READY_TIMEOUT_MS)));
    const job = await abandonedExport(page);
    const leased = new RegExp(`leased .* of ${job.id}`);
    await Promise.any(workers.map((w) => w.waitForLine(leased, JOB_TIMEOUT_MS)));
    const startedAt = performance.now();
    await waitCompleted(page, job.id, JOB_TIMEOUT_MS, () =>
      workers.flatMap((w) => w.lines).join('\n'),
    );
    const run: WorkerRun = {
      wallMs: performance.now() - startedAt,
      chunksPerWorker: workers.map(
        (w) => w.lines.filter((l) => l.includes('stored chunk') && l.includes(job.id)).length,
      ),
      load: load(),
    };
    return run;
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
  }
}

/**
 * Sends the page's newest draft to `POST /api/renders` with an API key and a `callbackUrl`, as a
 * script would, while `count` workers are connected; resolves with ms from the POST to the
 * webhook (docs/http-api.md "Webhooks").
 */
async function renderApiToWebhook(page: Page, app: RunningApp, key: string, count: number) {
  const sessions = sessionListSchema.parse(await pageJson(page, '/api/sessions')).sessions;
  const session = (await pageJson(page, `/api/sessions/${sessions[0]?.id}`)) as { draft: unknown };
  const draft = draftSchema.parse(session.draft);
  const apiKey = createdApiKeySchema.parse(
    await pageJson(page, '/api/api-keys', 'POST', { name: 'bench' }),
  );
  const hooks = await startWebhookReceiver();
  const workers = Array.from({ length: count }, () => startRenderWorker(app.url, key));
  try {
    await Promise.all(workers.map((w) => w.waitForLine(/ready/, READY_TIMEOUT_MS)));
    const startedAt = performance.now();
    const response = await fetch(`${app.url}/api/renders`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${apiKey.key}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ draft, callbackUrl: hooks.url }),
    });
    if (response.status !== 201)
      throw new Error(`POST /api/renders: ${response.status} ${await response.text()}`);
    const { id } = (await response.json()) as { id: string };
    await hooks.delivery(id, JOB_TIMEOUT_MS);
    return { wallMs: performance.now() - startedAt, load: load() };
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await hooks.close();
  }
}

/** Runs the fleet benchmark and prints its figures. */
export async function benchRenderFleet(): Promise<void> {
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'reelwright-fleet-bench-'));
  const key = randomBytes(32).toString('base64url');
  const app = await startApp({
    vars: { RENDER_FLEET_KEY: key, WEBHOOK_ALLOW_HTTP_LOCALHOST: '1' },
  });
  const browser = await launchChromium();
  try {
    const page = await explainerPage(browser, app.url);
    console.log(`bench: the visitor's tab alone… (load ${load()})`);
    const out = path.join(workDir, 'tab.mp4');
    const { exportWallMs: tabMs } = await exportAndDownload(page, out);
    const frames = countFrames(out);
    const tabLoad = load();
    console.log(`bench: one render worker… (load ${load()})`);
    const one = await renderWithWorkers(page, app, key, 1);
    console.log(`bench: two render workers… (load ${load()})`);
    const two = await renderWithWorkers(page, app, key, 2);
    console.log(`bench: render API with two workers, POST → webhook… (load ${load()})`);
    const api = await renderApiToWebhook(page, app, key, 2);
    console.log('bench: native ffmpeg libx264 veryfast, same frame count…');
    const nativeMs = nativeX264Ms(frames);
    const nativeLoad = load();

    const row = (name: string, wallMs: number, loadNow: string, extra = '') =>
      console.log(
        `${name.padEnd(44)} ${(wallMs / 1000).toFixed(2).padStart(7)} s  ${(frames / (wallMs / 1000)).toFixed(1).padStart(6)} fps  load ${loadNow}${extra}`,
      );
    const perWorker = (run: WorkerRun) =>
      `  chunks/s per worker: ${run.chunksPerWorker.map((n) => (n / (run.wallMs / 1000)).toFixed(3)).join(', ')} (chunks ${run.chunksPerWorker.join('+')})`;
    console.log(`\nframes: ${frames} (8 chunks of 4 s)`);
    row("visitor's tab alone (Export → download link)", tabMs, tabLoad);
    row('one render worker (first lease → MP4 stored)', one.wallMs, one.load, perWorker(one));
    row('two render workers (first lease → MP4 stored)', two.wallMs, two.load, perWorker(two));
    row('native ffmpeg libx264 veryfast (encode only)', nativeMs, nativeLoad);
    console.log(
      `render API, two workers: POST /api/renders → signed webhook ${(api.wallMs / 1000).toFixed(2)} s  load ${api.load}`,
    );
    console.log(`speed-up two workers vs tab: ${(tabMs / two.wallMs).toFixed(2)}× (goal ≥ 1.2×)`);
    console.log(`speed-up two workers vs one: ${(one.wallMs / two.wallMs).toFixed(2)}×`);
  } finally {
    await browser.close();
    await app.stop();
    rmSync(workDir, { recursive: true, force: true });
  }
}
