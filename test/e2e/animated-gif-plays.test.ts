/**
 * An animated GIF plays in the export (not just its first frame): a 2-s, 5 fps GIF with its frame
 * number drawn in is uploaded and made into a 4-second video; at 2.5 s the export shows the
 * GIF's frame of 0.5 s (the animation loops from the segment's start), not another one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/lib/launch-chromium';
import { exportAndDownload, sendChatMessage } from '../../scripts/lib/drive-app';
import { frameSsim } from './support/frame-similarity';

const GIF = path.join(__dirname, '..', 'fixtures', 'anim-homeworld.gif');
/** After the 2-s title card; the GIF has looped once by then. */
const AT_S = 2.5;
const GIF_LOOP_S = 2;
/** A frame 1 s away in the animation (5 frames on). */
const OTHER_FRAME_S = 1.5;

let browser: Browser;
let page: Page;
let workDir: string;

beforeAll(async () => {
  workDir = mkdtempSync(path.join(os.tmpdir(), 'reelwright-gif-e2e-'));
  browser = await launchChromium();
  page = await browser.newPage({ acceptDownloads: true });
  await page.goto(inject('appUrl'));
  await page.evaluate(() => localStorage.clear());
  await page.reload();
});

afterAll(async () => {
  await browser?.close();
  rmSync(workDir, { recursive: true, force: true });
});

describe('animated GIF', () => {
  it('plays its frames in the exported video', async () => {
    await page.getByTestId('upload-input').setInputFiles(GIF);
    await expect.poll(() => page.locator('[data-testid="media-items"] li[data-status="ready"]').count(), { timeout: 60_000 }).toBe(1);
    await sendChatMessage(page, 'combine these clips into a 4-second video');
    const file = path.join(workDir, 'gif.mp4');
    await exportAndDownload(page, file);
    const same = await frameSsim(file, AT_S, GIF, AT_S % GIF_LOOP_S, 1920, 1080);
    const other = await frameSsim(file, AT_S, GIF, OTHER_FRAME_S, 1920, 1080);
    console.info(`animated GIF: SSIM with the frame due ${same.toFixed(3)}, with another frame ${other.toFixed(3)}`);
    expect(same).toBeGreaterThan(other);
  });
});
