/**
 * An animated GIF plays in the export (not just its first frame): a 2-s, 5 fps GIF whose every
 * frame has other colours is uploaded and made into a 4-second video; two moments 0.4 s apart
 * (two GIF frames on) look clearly different, where a still picture under the same gentle zoom
 * would look almost the same.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportAndDownload, sendChatMessage } from '../../scripts/lib/drive-app';
import { frameSsim } from './support/frame-similarity';
import { useAppPage } from './support/app-page';

const GIF = path.join(__dirname, '..', 'fixtures', 'anim-colours.gif');
/** Two moments after the 2-s title card, two GIF frames (200 ms each) apart. */
const FIRST_S = 2.1;
const SECOND_S = 2.5;
/**
 * Most SSIM allowed between those moments: the GIF's own frames score ~0.4 against each other
 * (measured here: 0.62 after scaling and H.264), while a still under the 1→1.12 zoom over 4 s
 * moves by about 1 % in 0.4 s and stays near-identical.
 */
const MAX_SSIM_WHEN_PLAYING = 0.7;

const tab = useAppPage('reelwright-gif-e2e-');

beforeAll(async () => {
  await tab.page.evaluate(() => localStorage.clear());
  await tab.page.reload();
});

describe('animated GIF', () => {
  it('plays its frames in the exported video', async () => {
    await tab.page.getByTestId('upload-input').setInputFiles(GIF);
    await expect
      .poll(() => tab.page.locator('[data-testid="media-items"] li[data-status="ready"]').count(), {
        timeout: 60_000,
      })
      .toBe(1);
    await sendChatMessage(tab.page, 'combine these clips into a 4-second video');
    const file = path.join(tab.workDir, 'gif.mp4');
    await exportAndDownload(tab.page, file);
    const ssim = await frameSsim(file, FIRST_S, file, SECOND_S, 1920, 1080);
    console.info(
      `animated GIF: SSIM between ${FIRST_S} s and ${SECOND_S} s of the export ${ssim.toFixed(3)}`,
    );
    expect(ssim).toBeLessThan(MAX_SSIM_WHEN_PLAYING);
  });
});
