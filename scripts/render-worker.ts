/**
 * `npm run render-worker -- --url https://host [--key …]` (or the key in `RENDER_FLEET_KEY`)
 *
 * A render worker (README "Render workers"): Debian's headless Chromium opens the app's render
 * worker page (`/render-worker.html`, web/render-worker.ts), which leases chunks, the audio and
 * the final join of queued render jobs from the server's fleet queue, renders them with the
 * app's own encoder and stores them under the lease, heartbeating while it works. The fleet key
 * reaches only that page, through a function exposed to it (never a URL, never the origin's
 * storage). Prints one line per step; on SIGINT/SIGTERM it gives its lease back and exits 0.
 * Exits 1 when the browser or the page fails, 2 for bad arguments.
 */
import { parseArgs } from 'node:util';
import type { Browser } from 'playwright-core';
import { launchChromium } from './lib/launch-chromium';

const USAGE =
  'usage: npm run render-worker -- --url https://host [--key <fleet key>]  (or set RENDER_FLEET_KEY)';
/** How long a stop may take to give the lease back before the browser is closed anyway, ms. */
const STOP_TIMEOUT_MS = 5_000;

function parseCommandLine(): { url: string; key: string } {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      key: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const key = values.key ?? process.env.RENDER_FLEET_KEY ?? '';
  if (!values.url || key === '') {
    console.error(`error: --url and the fleet key are required\n${USAGE}`);
    process.exit(2);
  }
  let url: URL;
  try {
    url = new URL(values.url);
  } catch {
    console.error(`error: --url is not a URL: ${values.url}\n${USAGE}`);
    process.exit(2);
  }
  return { url: url.origin, key };
}

function log(line: string): void {
  console.log(`${new Date().toISOString().slice(11, 23)} ${line}`);
}

async function main(): Promise<void> {
  const { url, key } = parseCommandLine();
  const browser: Browser = await launchChromium();
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: giving the lease back and stopping`);
    const page = browser.contexts()[0]?.pages()[0];
    await Promise.race([
      page?.evaluate(async () => {
        const host = window as unknown as { reelwrightFleetStop?: () => Promise<void> };
        await host.reelwrightFleetStop?.();
      }),
      new Promise((resolve) => setTimeout(resolve, STOP_TIMEOUT_MS)),
    ]).catch(() => undefined);
    await browser.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  const page = await (await browser.newContext()).newPage();
  // Only this page gets the key, by asking for it; it keeps it in memory.
  await page.exposeFunction('reelwrightFleetKey', () => key);
  await page.exposeFunction('reelwrightFleetReport', (line: string) => log(line));
  page.on('pageerror', (error) => log(`page error: ${error.message}`));
  const closed = new Promise<void>((resolve) => page.once('close', () => resolve()));
  const crashed = new Promise<never>((_resolve, reject) =>
    page.once('crash', () => reject(new Error('the render worker page crashed'))),
  );
  const answer = await page.goto(`${url}/render-worker.html`);
  if (answer === null || !answer.ok())
    throw new Error(`${url}/render-worker.html answered ${answer?.status() ?? 'nothing'}`);
  log(`render worker on ${url}`);
  await Promise.race([closed, crashed]);
  if (!stopping) throw new Error('the render worker page closed');
}

main().catch((error: unknown) => {
  console.error(`render worker failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
