/**
 * @module render-worker (page entry)
 * The render worker's page (`/render-worker.html`), opened only by `npm run render-worker`
 * (scripts/render-worker.ts) in headless Chromium. The launcher gives this one page two
 * functions (Playwright's `exposeFunction`): `reelwrightFleetKey()` answers the fleet key, which
 * stays in this page's memory (never in the origin's storage, never in a URL), and
 * `reelwrightFleetReport(line)` prints a progress line. The page then leases and renders until
 * the launcher calls `reelwrightFleetStop()`, which gives the held lease back.
 */
import './zod-jitless'; // first: before any zod schema is built
import { FleetClient } from './fleet/fleet-client';
import { runRenderWorker } from './fleet/render-worker-loop';

/** What the launcher exposes to this page, and what the page exposes back. */
interface FleetWindow {
  reelwrightFleetKey?: () => Promise<string>;
  reelwrightFleetReport?: (line: string) => Promise<void>;
  reelwrightFleetStop?: () => Promise<void>;
}

const host = window as unknown as FleetWindow;

async function start(): Promise<void> {
  const readKey = host.reelwrightFleetKey;
  const print = host.reelwrightFleetReport;
  if (readKey === undefined || print === undefined) {
    document.body.textContent = 'This page is for render workers: run `npm run render-worker`.';
    return;
  }
  const workerId = crypto.randomUUID();
  const client = new FleetClient(await readKey(), workerId);
  const report = (line: string) => void print(line);
  const stop = new AbortController();
  const stopped = runRenderWorker(client, report, stop.signal);
  host.reelwrightFleetStop = async () => {
    stop.abort(new Error('the worker is stopping'));
    await stopped;
  };
  report(`worker ${workerId} ready`);
  await stopped;
}

void start();
