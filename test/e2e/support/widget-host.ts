/**
 * @module widget-host (e2e support)
 * The frame of a widget test: the app started with a demo host page on another origin allowed to
 * embed it (scripts/demo-host.ts loads `widget.js`), and Debian's Chromium, all stopped after
 * the file's tests.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startDemoHost } from '../../../scripts/demo-host';
import type { DemoHost } from '../../../scripts/demo-host';
import { freePort, startApp } from '../../../scripts/lib/start-app';
import type { RunningApp } from '../../../scripts/lib/start-app';
import { launchChromium } from '../../../scripts/lib/launch-chromium';

/** What a test file uses; the fields are set once `beforeAll` has run. */
export interface WidgetHost {
  app: RunningApp;
  /** The demo host page, on `localhost:<port>` (the app is on `127.0.0.1`): another site. */
  host: DemoHost;
  browser: Browser;
}

/** Registers `beforeAll`/`afterAll` hooks that start the app, the demo host and Chromium. */
export function useWidgetHost(): WidgetHost {
  const handle = {} as WidgetHost;
  beforeAll(async () => {
    const hostPort = await freePort();
    handle.app = await startApp({
      vars: { EMBED_ALLOWED_ORIGINS: `http://localhost:${hostPort}` },
    });
    handle.host = await startDemoHost(handle.app.url, hostPort);
    handle.browser = await launchChromium();
  });
  afterAll(async () => {
    await handle.browser?.close();
    await handle.host?.stop();
    await handle.app?.stop();
  });
  return handle;
}
