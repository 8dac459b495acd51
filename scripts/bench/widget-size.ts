/**
 * @module widget-size (bench)
 * Measures the embeddable widget (issue #6), in one run on this machine:
 * 1. `widget.js` gzip size (target ≤ 3 KB);
 * 2. the JavaScript `/embed` loads before the renderer, gzip (target ≤ 60 KB): every script the
 *    frame fetched until its `ready` event, sized from `dist/`;
 * 3. time from the loader tag on a host page (another origin) to the widget's `ready` event,
 *    in headless Chromium, first visit and repeat visit (browser cache warm).
 * Benchmarks measure; they never fail on a figure.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { startDemoHost } from '../demo-host';
import { launchChromium } from '../lib/launch-chromium';
import { projectRoot } from '../lib/offline-env.mjs';
import { freePort, startApp } from '../lib/start-app';

/** Targets from issue #6, bytes. */
const WIDGET_GZIP_TARGET_BYTES = 3 * 1024;
const EMBED_INITIAL_JS_TARGET_BYTES = 60 * 1024;
/** Loads of the host page timed per visit kind; the median is printed. */
const RUNS = 5;
/** The widget is ready in a few seconds at most; 30 s means it is broken. */
const READY_TIMEOUT_MS = 30_000;

const distDir = path.join(projectRoot, 'dist');

function gzipBytes(file: string): number {
  return gzipSync(readFileSync(file)).byteLength;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Loads the host page and returns ms from the loader tag to `ready`. */
async function timeToReady(page: Page, url: string): Promise<number> {
  await page.goto(url);
  await page.waitForFunction(
    () =>
      typeof (window as unknown as { reelwrightReadyAt?: number }).reelwrightReadyAt === 'number',
    null,
    {
      timeout: READY_TIMEOUT_MS,
    },
  );
  return page.evaluate(() => {
    const timing = window as unknown as { reelwrightReadyAt: number; loaderTagAt: number };
    return timing.reelwrightReadyAt - timing.loaderTagAt;
  });
}

/** Runs the widget benchmark and prints its figures. */
export async function benchWidgetSize(): Promise<void> {
  const widgetGzip = gzipBytes(path.join(distDir, 'widget.js'));

  const hostPort = await freePort();
  const app = await startApp({ vars: { EMBED_ALLOWED_ORIGINS: `http://localhost:${hostPort}` } });
  const host = await startDemoHost(app.url, hostPort);
  const browser = await launchChromium();
  try {
    // 1. Scripts of the frame until ready (first visit, empty cache).
    const context = await browser.newContext();
    const page = await context.newPage();
    const scripts = new Set<string>();
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.origin === app.url && url.pathname.endsWith('.js') && url.pathname !== '/widget.js')
        scripts.add(url.pathname);
    });
    const firstMs = await timeToReady(page, host.url);
    const initial = [...scripts].map((pathname) => ({
      pathname,
      gzip: gzipBytes(path.join(distDir, pathname)),
    }));
    const initialGzip = initial.reduce((sum, script) => sum + script.gzip, 0);
    const rendererLoaded = initial.some((script) =>
      /render-video|encode-worker/.test(script.pathname),
    );

    // 2. Time to ready: first visits (fresh context each) and repeat visits (same context).
    const firstVisits = [firstMs];
    for (let run = 1; run < RUNS; run++) {
      const fresh = await browser.newContext();
      firstVisits.push(await timeToReady(await fresh.newPage(), host.url));
      await fresh.close();
    }
    const repeatVisits: number[] = [];
    for (let run = 0; run < RUNS; run++) repeatVisits.push(await timeToReady(page, host.url));
    await context.close();

    const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;
    console.log(
      `widget.js gzip: ${kb(widgetGzip)} (target ≤ ${kb(WIDGET_GZIP_TARGET_BYTES)}: ${widgetGzip <= WIDGET_GZIP_TARGET_BYTES ? 'met' : 'missed'})`,
    );
    console.log(
      `/embed initial JS gzip (before the renderer): ${kb(initialGzip)} in ${initial.length} files ` +
        `(target ≤ ${kb(EMBED_INITIAL_JS_TARGET_BYTES)}: ${initialGzip <= EMBED_INITIAL_JS_TARGET_BYTES ? 'met' : 'missed'}; renderer loaded: ${rendererLoaded ? 'yes' : 'no'})`,
    );
    for (const script of initial) console.log(`  ${script.pathname.padEnd(40)} ${kb(script.gzip)}`);
    console.log(
      `loader tag → ready, first visit: median ${median(firstVisits).toFixed(0)} ms (${firstVisits.map((ms) => ms.toFixed(0)).join(', ')})`,
    );
    console.log(
      `loader tag → ready, repeat visit: median ${median(repeatVisits).toFixed(0)} ms (${repeatVisits.map((ms) => ms.toFixed(0)).join(', ')})`,
    );
  } finally {
    await browser.close();
    await host.stop();
    await app.stop();
  }
}
