/**
 * @module export-memory (bench)
 * How much memory a long browser export takes: a 2-minute (by default) 1080p explainer exported in headless
 * Chromium through the real app (chat → Export → Download MP4: draw, encode, store each chunk at
 * the edge, join them into the fast-start MP4, upload it), while the resident memory of
 * Chromium's renderer process (the page and its encode worker) and of all Chromium processes is
 * sampled from `/proc` every 50 ms. Prints the renderer's memory before Export, at its peak, and
 * at its peak after the progress bar reached 100 % (joining the chunks and uploading the MP4),
 * the peak of all Chromium processes, the export's wall time and the MP4's size.
 *
 * Why RSS and not `performance.measureUserAgentSpecificMemory`: that API needs a cross-origin
 * isolated page, which the app is not. `EXPORT_MEMORY_MINUTES=5` measures a longer video instead
 * (a larger MP4, so the join's share stands out more from the encoder's).
 * Benchmarks measure; they never fail on a figure.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchChromium } from '../lib/launch-chromium';
import { startApp } from '../lib/start-app';
import { exportAndDownload, sendChatMessage } from '../lib/drive-app';
import { sampleRss } from '../lib/process-memory';

/** Video length, minutes: 2 by default; 1–10 (the app's limit) with `EXPORT_MEMORY_MINUTES`. */
const MINUTES = Number(process.env.EXPORT_MEMORY_MINUTES ?? 2);
/** Chromium's renderer processes (the page, its workers) carry this switch on their command line. */
const isRenderer = (commandLine: string): boolean => commandLine.includes('--type=renderer');
/** Every Chromium process (browser, renderer, GPU, utility): Blob data is kept by the browser process. */
const CHROMIUM = 'chromium';
const MIB = 1_048_576;

function mib(bytes: number): string {
  return `${(bytes / MIB).toFixed(0).padStart(6)} MiB`;
}

/** Runs the export memory benchmark and prints its figures. */
export async function benchExportMemory(): Promise<void> {
  if (!Number.isInteger(MINUTES) || MINUTES < 1 || MINUTES > 10)
    throw new Error('EXPORT_MEMORY_MINUTES must be a whole number from 1 to 10');
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'reelwright-bench-memory-'));
  const app = await startApp();
  const browser = await launchChromium();
  try {
    console.log(
      `bench: ${MINUTES}-min 1080p explainer, exported in headless Chromium through the app, memory sampled…`,
    );
    const page = await browser.newPage({ acceptDownloads: true });
    await page.goto(app.url);
    await sendChatMessage(
      page,
      `generate a ${MINUTES}-minute explainer video about saving water at home`,
    );
    // Chromium is a child of this process (playwright-core spawns it), so its processes are in our tree.
    const renderer = sampleRss(process.pid, isRenderer);
    const chromium = sampleRss(process.pid, CHROMIUM);
    const out = path.join(workDir, 'explainer.mp4');
    const afterEncode: { sampler?: ReturnType<typeof sampleRss> } = {};
    const { exportWallMs } = await exportAndDownload(page, out, ({ percent }) => {
      if (percent >= 100) afterEncode.sampler ??= sampleRss(process.pid, isRenderer);
    });
    const rendererRss = renderer.stop();
    const chromiumRss = chromium.stop();
    const joinRss = afterEncode.sampler?.stop() ?? null;
    console.log(
      `\nMP4: ${(statSync(out).size / MIB).toFixed(1)} MiB; export (draw + encode + store chunks + join + upload): ${(exportWallMs / 1000).toFixed(1)} s`,
    );
    console.log(`${'renderer RSS before Export'.padEnd(44)} ${mib(rendererRss.baselineBytes)}`);
    console.log(
      `${'renderer RSS peak'.padEnd(44)} ${mib(rendererRss.peakBytes)}  (+${((rendererRss.peakBytes - rendererRss.baselineBytes) / MIB) | 0} MiB)`,
    );
    if (joinRss)
      console.log(
        `${'renderer RSS at 100 % / peak after (join, upload)'.padEnd(44)} ${mib(joinRss.baselineBytes)} / ${mib(joinRss.peakBytes).trim()}`,
      );
    console.log(
      `${'all Chromium processes RSS before / peak'.padEnd(44)} ${mib(chromiumRss.baselineBytes)} / ${mib(chromiumRss.peakBytes).trim()}`,
    );
  } finally {
    await browser.close();
    await app.stop();
    rmSync(workDir, { recursive: true, force: true });
  }
}
