/**
 * @module frame-page
 * A headless Chromium page that imports the frame renderer from an in-process Vite dev server
 * (no build, no API) and draws single frames of a draft with the one frame function
 * (web/render/draw-frame.ts): as a PNG of a given width (the README gallery, browser tests), or
 * timed in a dedicated worker on an `OffscreenCanvas`, as the export does (the scene bench).
 */
import type { Browser, Page } from 'playwright-core';
import type { Draft } from '../../shared/draft-schema';
import { startViteDevServer, type RunningViteServer } from '../../test/e2e/support/vite-dev-server';
import type * as DrawFrameModule from '../../web/render/draw-frame';
import type * as LoadFontsModule from '../../web/render/load-fonts';
import { launchChromium } from './launch-chromium';

declare global {
  interface Window {
    reelwrightFonts?: typeof LoadFontsModule;
    reelwrightDraw?: typeof DrawFrameModule;
  }
}

/** An open page ready to draw frames; `close` stops the browser and the server. */
export interface FramePage {
  page: Page;
  close(): Promise<void>;
}

/** Starts the dev server and Chromium and opens a blank page on the server's origin. */
export async function openFramePage(): Promise<FramePage> {
  const server: RunningViteServer = await startViteDevServer();
  let browser: Browser | null = null;
  try {
    browser = await launchChromium();
    const page = await browser.newPage();
    await page.goto(server.blankPageUrl);
    // A string, so a test runner does not rewrite the dynamic imports for Node.
    await page.evaluate(`Promise.all([
      import('/render/load-fonts.ts').then((m) => { window.reelwrightFonts = m; }),
      import('/render/draw-frame.ts').then((m) => { window.reelwrightDraw = m; }),
    ])`);
    const opened = browser;
    return {
      page,
      close: async () => {
        await opened.close();
        await server.close();
      },
    };
  } catch (error) {
    await browser?.close();
    await server.close();
    throw error;
  }
}

/**
 * The frame of `draft` at `timeMs`, drawn `widthPx` wide (the draft's aspect), as PNG bytes.
 * Fonts for the draft's text are loaded first, as the export does.
 */
export async function drawFramePng(
  page: Page,
  draft: Draft,
  timeMs: number,
  widthPx: number,
): Promise<Buffer> {
  const base64 = await page.evaluate(
    async (input) => {
      const fonts = window.reelwrightFonts;
      const frame = window.reelwrightDraw;
      if (!fonts || !frame) throw new Error('frame modules not loaded');
      const text = input.draft.tracks
        .flatMap((track) => (track.kind === 'text' ? track.segments.map((s) => s.text) : []))
        .join('');
      await fonts.loadFonts(document.fonts, text);
      const canvas = document.createElement('canvas');
      canvas.width = input.widthPx;
      canvas.height = Math.round(
        (input.widthPx * input.draft.canvas.height) / input.draft.canvas.width,
      );
      const ctx = canvas.getContext('2d', { alpha: false });
      if (!ctx) throw new Error('no 2D context');
      frame.drawFrame(ctx, input.draft, input.timeMs, frame.createFrameAssets(input.draft));
      const url = canvas.toDataURL('image/png');
      return url.slice(url.indexOf(',') + 1);
    },
    { draft, timeMs, widthPx },
  );
  return Buffer.from(base64, 'base64');
}

/** Draw times of frames in the worker, ms. */
export interface DrawTimes {
  /** The first frame: paints and caches the still layers. */
  firstMs: number;
  /** Median and worst of the following frames. */
  medianMs: number;
  maxMs: number;
  frames: number;
}

/**
 * Draws `frames` consecutive frames of `draft` (from `fromMs`, at its frame rate) at its full
 * size on an `OffscreenCanvas` in a dedicated worker, as the encode worker does, and times each.
 */
export async function timeFramesInWorker(
  page: Page,
  draft: Draft,
  fromMs: number,
  frames: number,
): Promise<DrawTimes> {
  return page.evaluate(
    async (input) => {
      const source = [
        `import { drawFrame, createFrameAssets } from '${location.origin}/render/draw-frame.ts';`,
        'self.onmessage = ({ data }) => {',
        '  const { draft, fromMs, frames } = data;',
        '  const canvas = new OffscreenCanvas(draft.canvas.width, draft.canvas.height);',
        "  const ctx = canvas.getContext('2d', { alpha: false });",
        '  const assets = createFrameAssets(draft);',
        '  const times = [];',
        '  for (let i = 0; i < frames; i += 1) {',
        '    const start = performance.now();',
        '    drawFrame(ctx, draft, fromMs + (i * 1000) / draft.canvas.fps, assets);',
        // Reading a pixel waits for the drawing to finish, as handing the canvas to the encoder does.
        '    ctx.getImageData(0, 0, 1, 1);',
        '    times.push(performance.now() - start);',
        '  }',
        '  self.postMessage(times);',
        '};',
      ].join('\n');
      const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
      const worker = new Worker(url, { type: 'module' });
      try {
        const times = await new Promise<number[]>((resolve, reject) => {
          worker.onmessage = ({ data }) => resolve(data as number[]);
          worker.onerror = (event) => reject(new Error(event.message || 'worker failed'));
          worker.postMessage(input);
        });
        const rest = times.slice(1).sort((a, b) => a - b);
        return {
          firstMs: times[0] ?? 0,
          medianMs: rest[Math.floor(rest.length / 2)] ?? 0,
          maxMs: rest[rest.length - 1] ?? 0,
          frames: times.length,
        };
      } finally {
        worker.terminate();
        URL.revokeObjectURL(url);
      }
    },
    { draft, fromMs, frames },
  );
}
