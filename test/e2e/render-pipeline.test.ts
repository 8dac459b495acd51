/**
 * @module render-pipeline (e2e)
 * The export pipeline in Debian's headless Chromium, end to end: `renderVideo` (mix audio →
 * worker: fonts, drawFrame, WebCodecs H.264, AAC, mediabunny fast-start MP4) on small hand-built
 * drafts, with the MP4 checked by ffprobe/ffmpeg the way a player or upload site would see it.
 *
 * Serves `web/` with an in-process Vite dev server (no build, no API). `RENDER_KEEP_DIR=/some/dir`
 * keeps the MP4s and a few frames as PNG there, to look at. Speed is measured by `npm run bench`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Draft } from '../../shared/draft-schema';
import type * as RenderVideoModule from '../../web/render/render-video';
import type * as LoadFontsModule from '../../web/render/load-fonts';
import type * as DrawFrameModule from '../../web/render/draw-frame';
import { frameLuma, meanVolumeDb, extractFramePng } from './support/ffmpeg-measure';
import { CJK_CAPTION, sampleDraft } from './support/sample-drafts';
import { boxOrder, parseFrameRate, probeMedia } from './support/ffprobe';
import { launchChromium } from './support/launch-chromium';
import { startViteDevServer, type RunningViteServer } from './support/vite-dev-server';

declare global {
  interface Window {
    reelwrightRender?: typeof RenderVideoModule;
    reelwrightFonts?: typeof LoadFontsModule;
    reelwrightDraw?: typeof DrawFrameModule;
  }
}

/** A container's duration may differ from the draft by AAC padding (≤ 1024 samples ≈ 21 ms); 0.1 s is what a person could notice. */
const DURATION_TOLERANCE_S = 0.1;
/** A frame whose luma spans less than this (of 0–255) is a flat colour: nothing was drawn. */
const MIN_LUMA_SPREAD = 60;
/**
 * Luma bounds of a limited-range frame: 16–235, plus a few codes of H.264 ringing at sharp text
 * edges. A full-range encode of the same frame reaches ~3 (black box) and ~249 (white text).
 */
const LIMITED_RANGE_LUMA = { min: 12, max: 240 };
/** Mean volume above −50 dBFS: the music is there (silence is −91 dB). */
const MIN_MEAN_VOLUME_DB = -50;

interface PageRender {
  bytes: Buffer;
  framesEncoded: number;
  wallMs: number;
  encoder: { codec: string; colorSpace: string };
  timings: Record<string, number>;
  progressEvents: number;
  lastFps: number;
}

async function renderInPage(page: Page, draft: Draft): Promise<PageRender> {
  const result = await page.evaluate(async (input) => {
    const api = window.reelwrightRender;
    if (!api) throw new Error('render module not loaded');
    let progressEvents = 0;
    let lastFps = 0;
    const rendered = await api.renderVideo(input, {
      onProgress: (progress) => {
        progressEvents += 1;
        lastFps = progress.fps;
      },
    });
    const dataUrl = await new Promise<string>((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.onerror = () => reject(reader.error ?? new Error('FileReader failed'));
      reader.readAsDataURL(rendered.blob);
    });
    return {
      base64: dataUrl.slice(dataUrl.indexOf(',') + 1),
      framesEncoded: rendered.framesEncoded,
      wallMs: rendered.wallMs,
      encoder: rendered.encoder,
      timings: rendered.timings,
      progressEvents,
      lastFps,
    };
  }, draft);
  return { ...result, bytes: Buffer.from(result.base64, 'base64') };
}

describe('render pipeline in headless Chromium', () => {
  let server: RunningViteServer;
  let browser: Browser;
  let page: Page;
  let workDir: string;

  beforeAll(async () => {
    workDir =
      process.env.RENDER_KEEP_DIR ?? mkdtempSync(path.join(os.tmpdir(), 'reelwright-render-'));
    server = await startViteDevServer();
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    await page.goto(server.blankPageUrl);
    // A string, so the test runner does not rewrite the dynamic import for Node.
    await page.evaluate(`Promise.all([
      import('/render/render-video.ts').then((m) => { window.reelwrightRender = m; }),
      import('/render/load-fonts.ts').then((m) => { window.reelwrightFonts = m; }),
      import('/render/draw-frame.ts').then((m) => { window.reelwrightDraw = m; }),
    ])`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (workDir && !process.env.RENDER_KEEP_DIR) rmSync(workDir, { recursive: true, force: true });
  });

  it('renders a 4-second 1920x1080 draft to a fast-start H.264 High + AAC MP4 that looks and sounds right', async () => {
    const draft = sampleDraft(1920, 1080);
    const result = await renderInPage(page, draft);
    const file = path.join(workDir, 'landscape.mp4');
    writeFileSync(file, result.bytes);

    expect(result.framesEncoded).toBe(120);
    expect(result.progressEvents).toBeGreaterThanOrEqual(120 / 15);

    const probe = await probeMedia(file, { countFrames: true });
    const video = probe.streams.filter((s) => s.codec_type === 'video');
    const audio = probe.streams.filter((s) => s.codec_type === 'audio');
    expect(video).toHaveLength(1);
    expect(audio).toHaveLength(1);
    const [v] = video;
    const [a] = audio;
    expect(v?.codec_name).toBe('h264');
    expect(v?.profile).toBe('High');
    expect(v?.level).toBeGreaterThanOrEqual(40);
    expect(v?.width).toBe(1920);
    expect(v?.height).toBe(1080);
    expect(parseFrameRate(v?.r_frame_rate)).toBe(30);
    expect(parseFrameRate(v?.avg_frame_rate)).toBeCloseTo(30, 3);
    expect(v?.nb_read_frames).toBe(120);
    expect(Math.abs(probe.format.duration - 4)).toBeLessThanOrEqual(DURATION_TOLERANCE_S);
    expect(a?.codec_name).toBe('aac');
    expect(a?.profile).toBe('LC');
    expect(a?.sample_rate).toBe(48_000);
    expect(a?.channels).toBe(2);

    const boxes = await boxOrder(file);
    expect(boxes.indexOf('moov')).toBeGreaterThan(-1);
    expect(boxes.indexOf('moov')).toBeLessThan(boxes.indexOf('mdat'));

    // BT.709 limited range, declared and real: near-black box and near-white text stay within 16–235.
    expect([v?.color_range, v?.color_space, v?.color_transfer, v?.color_primaries]).toEqual([
      'tv',
      'bt709',
      'bt709',
      'bt709',
    ]);
    // At 1.5 s the title's words are in, over the first scene: a picture, not a flat colour.
    const luma = await frameLuma(file, 1.5);
    expect(luma.max - luma.min).toBeGreaterThan(MIN_LUMA_SPREAD);
    expect(luma.min).toBeGreaterThanOrEqual(LIMITED_RANGE_LUMA.min);
    expect(luma.max).toBeLessThanOrEqual(LIMITED_RANGE_LUMA.max);
    expect(await meanVolumeDb(file)).toBeGreaterThan(MIN_MEAN_VOLUME_DB);
    if (process.env.RENDER_KEEP_DIR)
      await extractFramePng(
        file,
        1.5,
        path.join(process.env.RENDER_KEEP_DIR, 'landscape-1.5s.png'),
      );
  });

  it('renders a 1080x1920 (vertical) draft at H.264 High level ≥ 4.0', async () => {
    const result = await renderInPage(page, sampleDraft(1080, 1920));
    const file = path.join(workDir, 'vertical.mp4');
    writeFileSync(file, result.bytes);
    const probe = await probeMedia(file, { countFrames: true });
    const v = probe.streams.find((s) => s.codec_type === 'video');
    expect(v?.profile).toBe('High');
    expect(v?.level).toBeGreaterThanOrEqual(40);
    expect([v?.width, v?.height]).toEqual([1080, 1920]);
    expect(v?.nb_read_frames).toBe(120);
    expect(
      probe.streams.filter((s) => s.codec_type === 'audio' && s.codec_name === 'aac'),
    ).toHaveLength(1);
    expect(Math.abs(probe.format.duration - 4)).toBeLessThanOrEqual(DURATION_TOLERANCE_S);
    const boxes = await boxOrder(file);
    expect(boxes.indexOf('moov')).toBeLessThan(boxes.indexOf('mdat'));
    expect((await frameLuma(file, 1.5)).max - (await frameLuma(file, 1.5)).min).toBeGreaterThan(
      MIN_LUMA_SPREAD,
    );
    if (process.env.RENDER_KEEP_DIR)
      await extractFramePng(file, 3.2, path.join(process.env.RENDER_KEEP_DIR, 'vertical-3.2s.png'));
  });

  it('loads the Noto Sans SC subsets that cover CJK caption text, not the whole font', async () => {
    const fonts = await page.evaluate(async (text) => {
      const api = window.reelwrightFonts;
      if (!api) throw new Error('font module not loaded');
      const loaded = await api.loadFonts(document.fonts, text);
      const codePoints = [...text]
        .map((char) => char.codePointAt(0) ?? 0)
        .filter((c) => c > 0x2e80);
      const uncovered = codePoints.filter(
        (codePoint) =>
          ![...document.fonts].some(
            (face) =>
              face.family.replaceAll('"', '') === api.NOTO_SANS_SC_FAMILY &&
              face.status === 'loaded' &&
              api
                .parseUnicodeRange(face.unicodeRange)
                .some(([low, high]) => codePoint >= low && codePoint <= high),
          ),
      );
      return { ...loaded, uncovered };
    }, CJK_CAPTION);
    expect(fonts.uncovered).toEqual([]);
    expect(fonts.cjkSubsetCount).toBeGreaterThan(0);
    expect(fonts.cjkSubsetCount).toBeLessThan(CJK_CAPTION.length);
  });

  it('draws the same pixels for the same draft and time, with fresh or warm caches, at any canvas size', async () => {
    const result = await page.evaluate(
      async ({ draft, text }) => {
        const api = window.reelwrightDraw;
        const fontsApi = window.reelwrightFonts;
        if (!api || !fontsApi) throw new Error('draw module not loaded');
        await fontsApi.loadFonts(document.fonts, text);
        const pixels = (
          width: number,
          height: number,
          timeMs: number,
          assets: ReturnType<typeof api.createFrameAssets>,
        ): Uint8ClampedArray => {
          const canvas = new OffscreenCanvas(width, height);
          const ctx = canvas.getContext('2d', { alpha: false });
          if (!ctx) throw new Error('no 2D context');
          api.drawFrame(ctx, draft, timeMs, assets);
          return ctx.getImageData(0, 0, width, height).data;
        };
        const warm = api.createFrameAssets(draft);
        const mismatches: number[] = [];
        // Inside scene 1, in the crossfade, inside scene 2.
        for (const timeMs of [700, 2_200, 3_500]) {
          pixels(1920, 1080, timeMs - 33, warm); // warm the caches on a neighbouring frame
          const a = pixels(1920, 1080, timeMs, warm);
          const b = pixels(1920, 1080, timeMs, api.createFrameAssets(draft));
          if (a.length !== b.length || a.some((value, index) => value !== b[index]))
            mismatches.push(timeMs);
        }
        // A small preview canvas of the same aspect ratio shows the same composition.
        const preview = pixels(480, 270, 2_200, warm);
        let min = 255;
        let max = 0;
        for (let i = 0; i < preview.length; i += 4) {
          const luma = preview[i + 1] ?? 0;
          min = Math.min(min, luma);
          max = Math.max(max, luma);
        }
        return { mismatches, previewSpread: max - min };
      },
      {
        draft: sampleDraft(1920, 1080),
        text: `Reelwright renders right in your browser\n${CJK_CAPTION}`,
      },
    );
    expect(result.mismatches).toEqual([]);
    expect(result.previewSpread).toBeGreaterThan(MIN_LUMA_SPREAD);
  });

  it('stops at once and rejects with RenderAbortedError when the signal aborts', async () => {
    const outcome = await page.evaluate(
      async (draft) => {
        const api = window.reelwrightRender;
        if (!api) throw new Error('render module not loaded');
        const controller = new AbortController();
        let framesAtAbort = 0;
        try {
          await api.renderVideo(draft, {
            signal: controller.signal,
            onProgress: (progress) => {
              if (!controller.signal.aborted) {
                framesAtAbort = progress.framesDone;
                controller.abort();
              }
            },
          });
          return { name: 'resolved', framesAtAbort };
        } catch (error) {
          return { name: error instanceof Error ? error.name : String(error), framesAtAbort };
        }
      },
      sampleDraft(1920, 1080),
    );
    expect(outcome.name).toBe('RenderAbortedError');
    expect(outcome.framesAtAbort).toBeGreaterThan(0);
    expect(outcome.framesAtAbort).toBeLessThan(120);
  });
});
