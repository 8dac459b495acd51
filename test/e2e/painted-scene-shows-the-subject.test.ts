/**
 * @module painted-scene-shows-the-subject (e2e)
 * A visitor recognises their subject in the frames: "generate a 15-second clip of a sunset over
 * a city skyline with calm background music" is planned by the embedded director (words → brief
 * → draft) and exported in headless Chromium with the real export pipeline (`renderVideo`); the
 * same brief without its scenery and illustrations (today's plain gradient scene with an icon)
 * is exported too. ffmpeg-extracted frames must differ (SSIM < 0.7), and show a warm sunset sky
 * above a dark skyline silhouette where the layers put them (left edge, clear of the captions),
 * and the scene's illustration in its own colours where its layout places it.
 *
 * Serves `web/` with an in-process Vite dev server, like render-pipeline.test.ts.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Draft, VideoSegment } from '../../shared/draft-schema';
import { heroPlace } from '../../web/render/draw-illustration';
import { planStoryboard } from '../../functions/engine/embedded/plan-storyboard';
import { readStoryboardBrief } from '../../functions/engine/embedded/read-brief';
import { extractScript } from '../../functions/engine/embedded/split-scenes';
import type * as RenderVideoModule from '../../web/render/render-video';
import { frameSsim } from './support/frame-similarity';
import { launchChromium } from './support/launch-chromium';
import { regionRgb, type Rgb } from './support/pixel-colour';
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

/** Sample boxes over the hero: a 3 × 3 grid across its middle half, this many px square. */
const HERO_SAMPLE_PX = 12;
/** A sample is the illustration's colour when this close (RGB distance) to one of its fills. */
const MAX_FILL_DISTANCE = 48;
/** At least this many of the nine samples show the illustration's colours (others fall in gaps). */
const MIN_HERO_SAMPLES = 3;

/** The draft as it was before illustrations: the same scenes without them. */
function withoutIllustrations(draft: Draft): Draft {
  const strip = (segment: VideoSegment): VideoSegment => {
    if (segment.visual.type === 'media') return segment;
    const { illustration: _illustration, ...visual } = segment.visual;
    return { ...segment, visual };
  };
  return {
    ...draft,
    tracks: draft.tracks.map((track) =>
      track.kind === 'video' ? { ...track, segments: track.segments.map(strip) } : track,
    ),
  };
}

function distance(a: Rgb, hex: string): number {
  const [r, g, b] = [1, 3, 5].map((at) => Number.parseInt(hex.slice(at, at + 2), 16));
  return Math.hypot(a.r - (r ?? 0), a.g - (g ?? 0), a.b - (b ?? 0));
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
    const draft = planStoryboard(brief);
    writeFileSync(painted, await exportInPage(page, draft));
    writeFileSync(
      plain,
      await exportInPage(page, withoutIllustrations(planStoryboard(plainBrief))),
    );

    const ssim = await frameSsim(painted, FRAME_AT_S, plain, FRAME_AT_S, 1920, 1080);
    expect(ssim, `SSIM ${ssim}`).toBeLessThan(MAX_SSIM);

    // Sunset sky: warm (red well above blue) and bright enough to read as lit sky.
    const sky = await regionRgb(painted, FRAME_AT_S, SKY_BOX);
    expect(sky.r - sky.b, JSON.stringify(sky)).toBeGreaterThan(40);
    expect(sky.r, JSON.stringify(sky)).toBeGreaterThan(140);
    // The skyline's foot: a dark silhouette (a few lit windows), much darker than the sky above.
    const skyline = await regionRgb(painted, FRAME_AT_S, SKYLINE_BOX);
    expect(luma(skyline), JSON.stringify(skyline)).toBeLessThan(70);
    expect(luma(sky) - luma(skyline)).toBeGreaterThan(50);

    // The scene's illustration, in its own colours, where its layout places it.
    const scene = draft.tracks
      .flatMap((track) => (track.kind === 'video' ? track.segments : []))
      .find((s) => s.startMs <= FRAME_AT_S * 1000 && FRAME_AT_S * 1000 < s.startMs + s.durationMs);
    const visual = scene?.visual;
    if (!visual || visual.type === 'media' || !visual.illustration)
      throw new Error(`no illustrated scene at ${FRAME_AT_S} s`);
    expect(['sunset', 'cityscape-at-dusk', 'cityscape']).toContain(visual.illustration.name);
    const fills = visual.illustration.shapes.map((shape) => shape.fill);
    const place = heroPlace(visual.layout ?? 'headline', draft.canvas);
    const sizePx = place.size * Math.min(draft.canvas.width, draft.canvas.height);
    const samples: Rgb[] = [];
    for (const dx of [-0.25, 0, 0.25])
      for (const dy of [-0.25, 0, 0.25])
        samples.push(
          await regionRgb(painted, FRAME_AT_S, {
            x: Math.round(place.x * draft.canvas.width + dx * sizePx - HERO_SAMPLE_PX / 2),
            y: Math.round(place.y * draft.canvas.height + dy * sizePx - HERO_SAMPLE_PX / 2),
            width: HERO_SAMPLE_PX,
            height: HERO_SAMPLE_PX,
          }),
        );
    const matching = samples.filter((rgb) =>
      fills.some((fill) => distance(rgb, fill) < MAX_FILL_DISTANCE),
    );
    expect(matching.length, JSON.stringify({ samples, fills })).toBeGreaterThanOrEqual(
      MIN_HERO_SAMPLES,
    );
  });
});
