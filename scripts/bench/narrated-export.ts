/**
 * @module narrated-export (bench)
 * Export of a narrated 30-s explainer vs the same video without its voiceover (issue 14; goal:
 * narrated ≤ 1.1× the plain one), in headless Chromium through the real app, in one fresh
 * browser (an empty speech cache): the explainer is planned "with voiceover" and exported —
 * the first export pays the speech worker's start, the 18 MB eSpeak compile and the synthesis —
 * then "no voiceover" and exported again, then the same request planned anew and exported a
 * third time (its speech now comes from the browser's cache). Wall time from pressing Export to the
 * download link. Benchmarks measure; they never fail on a figure.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { exportAndDownload, sendChatMessage } from '../lib/drive-app';
import { launchChromium } from '../lib/launch-chromium';
import { projectRoot } from '../lib/offline-env.mjs';
import { startApp } from '../lib/start-app';

const GOAL_RATIO = 1.1;
const SCRIPT_PATH = path.join(projectRoot, 'test', 'fixtures', 'explainer-script.txt');

export async function benchNarratedExport(): Promise<void> {
  const workDir = mkdtempSync(path.join(tmpdir(), 'reelwright-bench-narrated-'));
  const app = await startApp();
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ acceptDownloads: true });
    await page.goto(app.url);
    const script = readFileSync(SCRIPT_PATH, 'utf8').trim();
    const exportMs = async (name: string): Promise<number> =>
      (await exportAndDownload(page, path.join(workDir, `${name}.mp4`))).exportWallMs;
    const request = `generate a 30-second explainer video with voiceover from this script: ${script}`;
    await sendChatMessage(page, request);
    const narratedColdMs = await exportMs('narrated-cold');
    const loadCold = loadavg()[0] ?? 0;
    await sendChatMessage(page, 'no voiceover');
    const plainMs = await exportMs('plain');
    const loadPlain = loadavg()[0] ?? 0;
    await sendChatMessage(page, request);
    const narratedWarmMs = await exportMs('narrated-warm');
    const loadWarm = loadavg()[0] ?? 0;
    const row = (name: string, ms: number, load: number): string =>
      `${name.padEnd(52)} ${(ms / 1000).toFixed(2).padStart(7)} s  ×${(ms / plainMs).toFixed(2)}  (load average ${load.toFixed(1)} on ${availableParallelism()} cores)`;
    console.log(row('30-s explainer, no voiceover', plainMs, loadPlain));
    console.log(row('same, narrated, first export (cold speech cache)', narratedColdMs, loadCold));
    console.log(row('same, narrated again (speech from the cache)', narratedWarmMs, loadWarm));
    console.log(`goal: narrated ≤ ${GOAL_RATIO}× the plain export`);
  } finally {
    await browser.close();
    await app.stop();
    rmSync(workDir, { recursive: true, force: true });
  }
}
