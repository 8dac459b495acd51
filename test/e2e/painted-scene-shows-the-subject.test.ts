/**
 * @module painted-scene-shows-the-subject (e2e)
 * A visitor recognises their subject in the frames: "generate a 15-second clip of a sunset over
 * a city skyline with calm background music" is planned by the embedded director (words → brief
 * → draft) and exported in headless Chromium with the real export pipeline (`renderVideo`); the
 * same brief without its scenery (today's plain gradient scene with an icon) is exported too.
 * ffmpeg-extracted frames must differ (SSIM < 0.7), and show a warm sunset sky above a dark
 * skyline silhouette where the layers put them (left edge, clear of the captions).
 *
 * Serves `web/` with an in-process Vite dev server, like render-pipeline.test.ts.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Draft } from '../../shared/draft-schema';
import { planStoryboard } from '../../functions/engine/embedded/plan-storyboard';
import { readStoryboardBrief } from '../../functions/engine/embedded/read-brief';
import { extractScript } from '../../functions/engine/embedded/split-scenes';
import type * as RenderVideoModule from '../../web/render/render-video';
import { frameSsim } from './support/frame-similarity';
import { launchChromium } from './support/launch-chromium';
import { regionRgb } from './support/pixel-colour';
import { startViteDevServer, type RunningViteServer } from './support/vite-dev-server';

declare global {
  interface Window {
    reelwrightRender?: typeof RenderVideoModule;
  }
}

const PROMPT =
  'generate a 15-second clip of a sunset over a city skyline with calm background music';
/**
 * A moment inside a caption scene (after the title). The painted and plain exports measured SSIM
 * 0.67 (2 s), 0.68 (4 s), 0.70 (6 s, 8 s), 0.68 (10 s), 0.68 (12 s): the centred captions they
 * share keep it near the bound, so the painter needs more contrast there (issue 13 note).
 */
const FRAME_AT_S = 10;
/** Frames this unlike are different pictures, not the same one re-encoded (issue 13). */
const MAX_SSIM = 0.7;
/** Left-edge boxes (px of 1920x1080), clear of the centred captions and title. */
const SKY_BOX = { x: 0, y: 280, width: 70, height: 70 };
const SKYLINE_BOX = { x: 0, y: 930, width: 70, height: 100 };

async function exportInPage(page: Page, draft: Draft): Promise<Buffer> {
  const base64 = await page.evaluate(async (input) => {
    const api = window.reelwrightRender;
    if (!api) throw new Error('render module not loaded');
    const rendered = await api.renderVideo(input, {});
    const dataUrl = await new Promise<string>((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.onerror = () => reject(reader.error ?? new Error('FileReader failed'));
      reader.readAsDataURL(rendered.blob);
    });
    return dataUrl.slice(dataUrl.indexOf(',') + 1);
  }, draft);
  return Buffer.from(base64, 'base64');
}

/** Rec. 709 luma of a colour, 0..255. */
function luma({ r, g, b }: { r: number; g: number; b: number }): number {
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

describe('a painted scene shows what was asked', () => {
  let server: RunningViteServer;
  let browser: Browser;
  let page: Page;
  let workDir: string;

  beforeAll(async () => {
    workDir = mkdtempSync(path.join(os.tmpdir(), 'reelwright-scene-'));
    server = await startViteDevServer();
    browser = await launchChromium();
    page = await browser.newPage();
    await page.goto(server.blankPageUrl);
    // A string, so the test runner does not rewrite the dynamic import for Node.
    await page.evaluate(
      `import('/render/render-video.ts').then((m) => { window.reelwrightRender = m; })`,
    );
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('exports a sunset over a skyline, unlike the plain gradient scene of the same words', async () => {
    const brief = readStoryboardBrief(PROMPT, extractScript(PROMPT));
    expect(brief.scenery).toMatchObject({
      sky: { time: 'sunset' },
      layers: ['sun', 'skyline'],
    });
    const { scenery: _scenery, ...plainBrief } = brief;
    const painted = path.join(workDir, 'painted.mp4');
    const plain = path.join(workDir, 'plain.mp4');
    writeFileSync(painted, await exportInPage(page, planStoryboard(brief)));
    writeFileSync(plain, await exportInPage(page, planStoryboard(plainBrief)));

    const ssim = await frameSsim(painted, FRAME_AT_S, plain, FRAME_AT_S, 1920, 1080);
    expect(ssim).toBeLessThan(MAX_SSIM);

    // Sunset sky: warm (red well above blue) and bright enough to read as lit sky.
    const sky = await regionRgb(painted, FRAME_AT_S, SKY_BOX);
    expect(sky.r - sky.b, JSON.stringify(sky)).toBeGreaterThan(40);
    expect(sky.r, JSON.stringify(sky)).toBeGreaterThan(140);
    // The skyline's foot: a dark silhouette (a few lit windows), much darker than the sky above.
    const skyline = await regionRgb(painted, FRAME_AT_S, SKYLINE_BOX);
    expect(luma(skyline), JSON.stringify(skyline)).toBeLessThan(70);
    expect(luma(sky) - luma(skyline)).toBeGreaterThan(50);
  });
});
