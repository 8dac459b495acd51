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
import { startDemoHost } from '../demo-host';
import { launchChromium } from '../lib/launch-chromium';
import { freePort, startApp } from '../lib/start-app';
import {
  EMBED_INITIAL_JS_BUDGET_BYTES,
  distGzipBytes,
  timeToReady,
  widgetInitialScripts,
} from '../lib/widget-initial-js';

/** Target from issue #6, bytes. */
const WIDGET_GZIP_TARGET_BYTES = 3 * 1024;
/** Loads of the host page timed per visit kind; the median is printed. */
const RUNS = 5;
/** The widget is ready in a few seconds at most; 30 s means it is broken. */
const READY_TIMEOUT_MS = 30_000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Runs the widget benchmark and prints its figures. */
export async function benchWidgetSize(): Promise<void> {
  const widgetGzip = distGzipBytes('widget.js');

  const hostPort = await freePort();
  const app = await startApp({ vars: { EMBED_ALLOWED_ORIGINS: `http://localhost:${hostPort}` } });
  const host = await startDemoHost(app.url, hostPort);
  const browser = await launchChromium();
  try {
    // 1. Scripts of the frame until ready (first visit, empty cache).
    const context = await browser.newContext();
    const page = await context.newPage();
    const {
      scripts: initial,
      totalGzipBytes: initialGzip,
      rendererLoaded,
      readyMs: firstMs,
    } = await widgetInitialScripts(page, app.url, host.url, READY_TIMEOUT_MS);

    // 2. Time to ready: first visits (fresh context each) and repeat visits (same context).
    const firstVisits = [firstMs];
    for (let run = 1; run < RUNS; run++) {
      const fresh = await browser.newContext();
      firstVisits.push(await timeToReady(await fresh.newPage(), host.url, READY_TIMEOUT_MS));
      await fresh.close();
    }
    const repeatVisits: number[] = [];
    for (let run = 0; run < RUNS; run++)
      repeatVisits.push(await timeToReady(page, host.url, READY_TIMEOUT_MS));
    await context.close();

    const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;
    console.log(
      `widget.js gzip: ${kb(widgetGzip)} (target ≤ ${kb(WIDGET_GZIP_TARGET_BYTES)}: ${widgetGzip <= WIDGET_GZIP_TARGET_BYTES ? 'met' : 'missed'})`,
    );
    console.log(
      `/embed initial JS gzip (before the renderer): ${kb(initialGzip)} in ${initial.length} files ` +
        `(target ≤ ${kb(EMBED_INITIAL_JS_BUDGET_BYTES)}: ${initialGzip <= EMBED_INITIAL_JS_BUDGET_BYTES ? 'met' : 'missed'}; renderer loaded: ${rendererLoaded ? 'yes' : 'no'})`,
    );
    for (const script of initial)
      console.log(`  ${script.pathname.padEnd(40)} ${kb(script.gzipBytes)}`);
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
