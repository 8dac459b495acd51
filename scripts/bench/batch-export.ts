/**
 * @module batch-export (bench)
 * What the batch queue costs, in one run on this machine: two clips (MP4, WebM) and a photo
 * (JPEG) uploaded through the page, then
 * 1. a batch: "make a 10-second clip from each of these", "Export all 3" (one render job per
 *    video, rendered one after another in the page), wall time from the click until all three
 *    Download links are shown;
 * 2. one video of the same uploads with the same frame count: "combine these clips into a
 *    30-second video", Export, wall time from the click to the Download MP4 link.
 * Each runs in its own fresh browser context (cold caches, its own visitor and session). Prints
 * seconds and frames/s of each, the ratio batch/single and the overhead per extra video,
 * (batch − single) / (videos − 1): what each render job pays once (job creation, renderer start,
 * audio, join, upload). Benchmarks measure; they never fail on a figure.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { countFrames } from '../lib/count-frames';
import { exportAndDownload, sendChatMessage, uploadFiles } from '../lib/drive-app';
import { launchChromium } from '../lib/launch-chromium';
import { projectRoot } from '../lib/offline-env.mjs';
import { startApp } from '../lib/start-app';

const UPLOADS = ['clip-waves.mp4', 'clip-homeworld.webm', 'photo-space.jpg'].map((name) =>
  path.join(projectRoot, 'test', 'fixtures', name),
);
const BATCH_PROMPT = 'make a 10-second clip from each of these';
const SINGLE_PROMPT = 'combine these clips into a 30-second video';
/** Three 10-s 1080p videos render in ~40 s here; 10 minutes means the queue is stuck. */
const BATCH_TIMEOUT_MS = 600_000;
/** How often the batch panel is checked for Download links: bounds the wall-time error (as in drive-app). */
const POLL_MS = 250;

/** One export: wall time from the click to the last Download link, and the frames made. */
interface ExportRun {
  wallMs: number;
  frames: number;
}

/**
 * Uploads, asks for the batch, presses "Export all 3" and waits for every Download link.
 * @throws Error when the batch does not have one video per upload, a video fails, or the
 *   queue does not finish within {@link BATCH_TIMEOUT_MS}
 */
async function exportBatch(browser: Browser, url: string, workDir: string): Promise<ExportRun> {
  const page = await browser.newPage({ acceptDownloads: true });
  try {
    await page.goto(url);
    await uploadFiles(page, UPLOADS);
    await sendChatMessage(page, BATCH_PROMPT);
    const panel = page.getByRole('region', { name: 'Batch' });
    await panel
      .getByRole('listitem')
      .nth(UPLOADS.length - 1)
      .waitFor();
    const count = await panel.getByRole('listitem').count();
    if (count !== UPLOADS.length)
      throw new Error(`the batch has ${count} videos, not one per upload (${UPLOADS.length})`);
    const links = panel.getByRole('link', { name: /^Download (?!the older )/ });
    const failure = panel.getByText(/^Failed: /);
    const startedAt = Date.now();
    await panel.getByRole('button', { name: `Export all ${count}` }).click();
    while ((await links.count()) < count) {
      if (await failure.first().isVisible())
        throw new Error(
          `a video of the batch failed: ${(await failure.first().innerText()).trim()}`,
        );
      if (Date.now() - startedAt > BATCH_TIMEOUT_MS)
        throw new Error(`the batch was not exported within ${BATCH_TIMEOUT_MS / 1000} s`);
      await page.waitForTimeout(POLL_MS);
    }
    const wallMs = Date.now() - startedAt;
    let frames = 0;
    for (const [index, link] of (await links.all()).entries()) {
      const file = path.join(workDir, `batch-${index}.mp4`);
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      await download.saveAs(file);
      frames += countFrames(file);
    }
    return { wallMs, frames };
  } finally {
    await page.close();
  }
}

/** Uploads, asks for one 30-s video and exports it with the Export panel. */
async function exportSingle(browser: Browser, url: string, workDir: string): Promise<ExportRun> {
  const page = await browser.newPage({ acceptDownloads: true });
  try {
    await page.goto(url);
    await uploadFiles(page, UPLOADS);
    await sendChatMessage(page, SINGLE_PROMPT);
    const file = path.join(workDir, 'single.mp4');
    const { exportWallMs } = await exportAndDownload(page, file);
    return { wallMs: exportWallMs, frames: countFrames(file) };
  } finally {
    await page.close();
  }
}

/** Runs the batch benchmark and prints its figures. */
export async function benchBatchExport(): Promise<void> {
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'reelwright-bench-batch-'));
  const app = await startApp();
  const browser = await launchChromium();
  try {
    console.log(
      `bench: batch of ${UPLOADS.length} × 10-s 1080p videos vs one 30-s video, from 2 clips and a photo…`,
    );
    const batch = await exportBatch(browser, app.url, workDir);
    const single = await exportSingle(browser, app.url, workDir);
    console.log(
      `\nframes: batch ${batch.frames}, single ${single.frames}${batch.frames === single.frames ? '' : ' (they differ: compare frames/s)'}`,
    );
    const rows = [
      [`batch (Export all ${UPLOADS.length}: ${UPLOADS.length} render jobs in a queue)`, batch],
      ['one 30-s video (Export: 1 render job)', single],
    ] as const;
    for (const [name, run] of rows) {
      console.log(
        `${name.padEnd(56)} ${(run.wallMs / 1000).toFixed(2).padStart(7)} s  ${(run.frames / (run.wallMs / 1000)).toFixed(1).padStart(6)} fps`,
      );
    }
    console.log(`ratio batch/single wall time: ${(batch.wallMs / single.wallMs).toFixed(2)}`);
    const overheadMs = (batch.wallMs - single.wallMs) / (UPLOADS.length - 1);
    console.log(
      `overhead per extra video (job creation, renderer start, audio, join, upload): ${(overheadMs / 1000).toFixed(2)} s`,
    );
  } finally {
    await browser.close();
    await app.stop();
    rmSync(workDir, { recursive: true, force: true });
  }
}
