/**
 * Issue 13 item 5 (brand kit), in the real SPA under `wrangler dev` and headless Chromium: the
 * visitor uploads a picture, opens the library, sets two brand colours, picks the picture as the
 * logo in the bottom-right corner and saves (every control found by its label); the library shows
 * the saved kit when opened again. A new video then uses it: exported (short), the frame from
 * ffmpeg shows the first brand colour (flat, or in a painted scene's darkened backdrop), and the
 * logo's own pixels in the bottom-right corner, not in the top-left one.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportAndDownload, sendChatMessage, uploadFiles } from '../../scripts/lib/drive-app';
import { brandKitSchema } from '../../shared/brand-kit-schema';
import { logoRect } from '../../web/render/draw-logo';
import { mix } from '../../web/render/paint/colour';
import { useAppPage } from './support/app-page';
import { expectDeliverable } from './support/expect-deliverable';
import { frameSsim } from './support/frame-similarity';
import { type Rgb, regionRgb } from './support/pixel-colour';
import { currentSessionDraft } from './support/session-reads';

const FIXTURES = path.join(__dirname, '..', 'fixtures');
/** A 1920x1080 picture with colour and structure, so its pixels are recognisable as a logo. */
const LOGO_FILE = 'photo-inksplat.png';
const COLOURS = ['#0a84ff', '#ff375f'];
/** Short: one render of a few seconds keeps CI quick. */
const PROMPT = 'Generate a 4-second video about our budgeting app';
/** A moment inside the title scene, whose gradient starts with the first brand colour. */
const FRAME_AT_S = 1;
/** Boxes sampled for the brand colour: a grid over the frame, this many px square. */
const BRAND_SAMPLE_PX = 16;
const BRAND_GRID = [0.05, 0.25, 0.45, 0.65, 0.85];
/** Near-black a painted scene's backdrop darkens its colours toward (web/render/paint/sky.ts). */
const BACKDROP_DARK = '#05060d';
const BACKDROP_DARKEN = 0.55;
/** H.264 and blending move a colour by ~20-30; the other palettes' colours are further. */
const MAX_BRAND_DISTANCE = 40;
/**
 * SSIM of the logo's box in the frame against the logo picture: measured 0.967 where the logo is
 * (the picture through scaling and H.264) and 0.826 in the opposite corner (the smooth ink-splat
 * picture at 151x85 px looks a little like any smooth backdrop to SSIM).
 */
const MIN_LOGO_SSIM = 0.92;

const tab = useAppPage('reelwright-brand-e2e-');

function distance(a: Rgb, b: Rgb): number {
  return Math.hypot(a.r - b.r, a.g - b.g, a.b - b.b);
}
function rgbOf(hex: string): Rgb {
  const [r = 0, g = 0, b = 0] = [1, 3, 5].map((at) => Number.parseInt(hex.slice(at, at + 2), 16));
  return { r, g, b };
}

/** A rectangle shrunk to even whole pixels inside it (yuv420p needs even sizes). */
function evenInside(rect: { x: number; y: number; width: number; height: number }) {
  const x = Math.ceil(rect.x / 2) * 2;
  const y = Math.ceil(rect.y / 2) * 2;
  const right = Math.floor((rect.x + rect.width) / 2) * 2;
  const bottom = Math.floor((rect.y + rect.height) / 2) * 2;
  return { x, y, width: right - x, height: bottom - y };
}

/** SSIM of the frame's box `rect` against the logo picture scaled to it. */
function logoSsim(video: string, rect: { x: number; y: number; width: number; height: number }) {
  return frameSsim(video, FRAME_AT_S, path.join(FIXTURES, LOGO_FILE), 0, 0, 0, evenInside(rect));
}

describe('brand kit: set in the library, used by a new video', () => {
  it('saves colours and a logo from the library panel and shows them again', async () => {
    const { page } = tab;
    await uploadFiles(page, [path.join(FIXTURES, LOGO_FILE)]);
    await page.getByRole('button', { name: 'Library' }).click();
    const kit = page.getByTestId('brand-kit');
    await expect.poll(() => kit.getByRole('option', { name: LOGO_FILE }).count()).toBe(1);

    const add = kit.getByRole('button', { name: 'Add a colour' });
    for (const [index, colour] of COLOURS.entries()) {
      await add.click();
      await kit.getByLabel(`Brand colour ${index + 1}`, { exact: true }).fill(colour);
    }
    await kit.getByLabel('Logo', { exact: true }).selectOption({ label: LOGO_FILE });
    await kit.getByLabel('Logo corner').selectOption({ label: 'Bottom right' });
    expect(await kit.getByRole('img', { name: 'Your logo' }).count()).toBe(1);
    // Keyboard: the save button is reached by Tab from the corner select, and Enter saves.
    await kit.getByLabel('Logo corner').focus();
    await page.keyboard.press('Tab');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe('Save brand kit');
    await page.keyboard.press('Enter');
    await expect.poll(() => kit.getByRole('status').last().innerText()).toContain('saved');

    const saved = brandKitSchema.parse(
      await page.evaluate(async () => (await fetch('/api/brand-kit')).json()),
    );
    expect(saved).toMatchObject({ colors: COLOURS, logoCorner: 'bottom-right' });
    expect(saved.logo).not.toBeNull();

    // Opened again, the library shows the stored kit.
    await page.getByRole('button', { name: 'Close library' }).click();
    await page.getByRole('button', { name: 'Library' }).click();
    await expect
      .poll(() => kit.getByLabel('Brand colour 2', { exact: true }).inputValue())
      .toBe(COLOURS[1]);
    expect(await kit.getByLabel('Logo corner').inputValue()).toBe('bottom-right');
    await page.getByRole('button', { name: 'Close library' }).click();
  });

  it('exports a new video in the brand colours with the logo in its corner', async () => {
    const { page } = tab;
    expect((await sendChatMessage(page, PROMPT)).length).toBeGreaterThan(0);
    const draft = await currentSessionDraft(page);
    expect(draft.look.background[0]).toBe(COLOURS[0]);
    expect(draft.logo?.corner).toBe('bottom-right');

    const file = path.join(tab.workDir, 'branded.mp4');
    await exportAndDownload(page, file);
    await expectDeliverable(file, 1920, 1080, draft.durationMs / 1000);

    // The first brand colour, flat or as a painted scene's backdrop shade, shows somewhere.
    const primary = COLOURS[0] ?? '';
    const wanted = [rgbOf(primary), rgbOf(mix(primary, BACKDROP_DARK, BACKDROP_DARKEN))];
    const samples: Rgb[] = [];
    for (const fx of BRAND_GRID)
      for (const fy of BRAND_GRID)
        samples.push(
          await regionRgb(file, FRAME_AT_S, {
            x: Math.round(fx * draft.canvas.width),
            y: Math.round(fy * draft.canvas.height),
            width: BRAND_SAMPLE_PX,
            height: BRAND_SAMPLE_PX,
          }),
        );
    const nearest = Math.min(...samples.flatMap((rgb) => wanted.map((w) => distance(rgb, w))));
    expect(nearest, JSON.stringify(samples)).toBeLessThan(MAX_BRAND_DISTANCE);

    // The picture is 1920x1080: its box in each corner.
    const inCorner = await logoSsim(file, logoRect(draft, 'bottom-right', 1920, 1080));
    const elsewhere = await logoSsim(file, logoRect(draft, 'top-left', 1920, 1080));
    console.info(
      `brand kit: logo SSIM ${inCorner.toFixed(3)} bottom-right, ${elsewhere.toFixed(3)} top-left`,
    );
    expect(inCorner).toBeGreaterThan(MIN_LOGO_SSIM);
    expect(elsewhere).toBeLessThan(MIN_LOGO_SSIM);
  });
});
