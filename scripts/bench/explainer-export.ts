/**
 * @module explainer-export (bench)
 * Measures, in one run on this machine,
 * 1. the 30-s 1080p explainer exported in headless Chromium through the real app
 *    (wall time from pressing Export to the download link, frames/s);
 * 2. native ffmpeg (libx264 `veryfast`) encoding the same number of 1080p30 frames from a
 *    synthetic source;
 * and prints both with their ratio. Target (issue #2): the export is faster than real time
 * (≥ 30 fps). Benchmarks measure; they never fail on a figure.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../lib/launch-chromium';
import { startApp } from '../lib/start-app';
import { exportAndDownload, sendChatMessage } from '../lib/drive-app';
import { projectRoot } from '../lib/offline-env.mjs';
import { countFrames } from '../lib/count-frames';
import { nativeX264Ms } from './native-x264';

const SCRIPT_PATH = path.join(projectRoot, 'test', 'fixtures', 'explainer-script.txt');

/** A page at `url` whose visitor asked for the 30-s explainer of the fixture script (the storyboard is planned). */
export async function explainerPage(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ acceptDownloads: true });
  await page.goto(url);
  const script = readFileSync(SCRIPT_PATH, 'utf8').trim();
  await sendChatMessage(page, `generate a 30-second explainer video from this script: ${script}`);
  return page;
}

async function benchBrowserExport(
  workDir: string,
): Promise<{ wallMs: number; frames: number; sizeBytes: number }> {
  const app = await startApp();
  const browser = await launchChromium();
  try {
    const page = await explainerPage(browser, app.url);
    const out = path.join(workDir, 'explainer.mp4');
    const { exportWallMs } = await exportAndDownload(page, out);
    return {
      wallMs: exportWallMs,
      frames: countFrames(out),
      sizeBytes: readFileSync(out).byteLength,
    };
  } finally {
    await browser.close();
    await app.stop();
  }
}

/** Runs the explainer export benchmark and prints its figures. */
export async function benchExplainerExport(): Promise<void> {
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'reelwright-bench-'));
  try {
    console.log('bench: 30-s 1080p30 explainer, exported in headless Chromium through the app…');
    const browserRun = await benchBrowserExport(workDir);
    const browserFps = browserRun.frames / (browserRun.wallMs / 1000);
    console.log('bench: native ffmpeg libx264 veryfast, same frame count…');
    const native = { wallMs: nativeX264Ms(browserRun.frames) };
    const nativeFps = browserRun.frames / (native.wallMs / 1000);
    const rows = [
      ['browser export (draw + H.264 + AAC + mux + upload)', browserRun.wallMs, browserFps],
      ['native ffmpeg libx264 veryfast (encode only)', native.wallMs, nativeFps],
    ] as const;
    console.log(
      `\nframes: ${browserRun.frames}, output ${(browserRun.sizeBytes / 1_048_576).toFixed(1)} MiB`,
    );
    for (const [name, wallMs, fps] of rows) {
      console.log(
        `${name.padEnd(56)} ${(wallMs / 1000).toFixed(2).padStart(7)} s  ${fps.toFixed(1).padStart(6)} fps`,
      );
    }
    console.log(
      `ratio browser/native wall time: ${(browserRun.wallMs / native.wallMs).toFixed(2)}`,
    );
    console.log(`faster than real time (30 s video): ${browserRun.wallMs < 30_000 ? 'yes' : 'no'}`);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}
