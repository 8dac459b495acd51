/**
 * @module media-promo-export (bench)
 * Render speed with real media vs generated scenes, in one run on this machine: the 20-s 1080p
 * promo made from the sample clips, photos and music (decoding MP4 + WebM, images, MP3) and a
 * 20-s generated-only explainer, both exported in headless Chromium through the app; prints
 * frames/s of each and their ratio. Benchmarks measure; they never fail on a figure.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../lib/launch-chromium';
import { startApp } from '../lib/start-app';
import { exportAndDownload, sendChatMessage, uploadFiles } from '../lib/drive-app';
import { projectRoot } from '../lib/offline-env.mjs';
import { countFrames } from '../lib/count-frames';

const FIXTURES = path.join(projectRoot, 'test', 'fixtures');
const UPLOADS = [
  'clip-waves.mp4',
  'clip-homeworld.webm',
  'photo-space.jpg',
  'photo-lines.webp',
  'music-forest.mp3',
];
const MEDIA_PROMPT =
  'combine these clips into a 20-second promo video with text overlays and transitions, use my music';
const EXPLAINER_PROMPT = 'generate a 20-second explainer video about saving water at home';

async function exportFps(page: Page, prompt: string, file: string): Promise<number> {
  await sendChatMessage(page, prompt);
  const { exportWallMs } = await exportAndDownload(page, file);
  return countFrames(file) / (exportWallMs / 1000);
}

/** Runs the media promo benchmark and prints its figures. */
export async function benchMediaPromoExport(): Promise<void> {
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'reelwright-bench-media-'));
  const app = await startApp();
  const browser = await launchChromium();
  try {
    console.log(
      'bench: 20-s 1080p promo from 2 clips, 2 photos and an MP3, and a 20-s generated explainer…',
    );
    const mediaPage = await browser.newPage({ acceptDownloads: true });
    await mediaPage.goto(app.url);
    await uploadFiles(
      mediaPage,
      UPLOADS.map((name) => path.join(FIXTURES, name)),
    );
    const mediaFps = await exportFps(mediaPage, MEDIA_PROMPT, path.join(workDir, 'promo.mp4'));
    const generatedPage = await browser.newPage({ acceptDownloads: true });
    await generatedPage.goto(app.url);
    await generatedPage.evaluate(() => localStorage.clear());
    await generatedPage.reload();
    const generatedFps = await exportFps(
      generatedPage,
      EXPLAINER_PROMPT,
      path.join(workDir, 'explainer.mp4'),
    );
    console.log(
      `${'media promo (decode MP4 + WebM + images, mix MP3)'.padEnd(56)} ${mediaFps.toFixed(1).padStart(6)} fps`,
    );
    console.log(
      `${'generated-only explainer'.padEnd(56)} ${generatedFps.toFixed(1).padStart(6)} fps`,
    );
    console.log(`ratio media/generated: ${(mediaFps / generatedFps).toFixed(2)}`);
  } finally {
    await browser.close();
    await app.stop();
    rmSync(workDir, { recursive: true, force: true });
  }
}
