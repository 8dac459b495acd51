/**
 * The embeddable widget on a real second origin: a demo host page on `localhost:<port>` (a
 * different site from the app on `127.0.0.1`) loads `widget.js`, drives the frame with the
 * postMessage API from prompt to a downloadable MP4, and finds the session and the render again
 * after a reload (also with cookies and the frame's own storage gone: the host kept the token
 * and hands it back by postMessage).
 * The download link it hands the host is signed for that one file and works without cookies.
 * A page on an origin that is not allowed cannot frame `/embed` (nor the app), and commands
 * from any window but the allowed host are ignored. The allowed host's page reports no
 * Content-Security-Policy violation (the widget runs under the app's policy).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { errorBodySchema } from '../../shared/api-schema';
import { embedEventSchema } from '../../shared/embed-events';
import type { EmbedEvent } from '../../shared/embed-events';
import { startDemoHost } from '../../scripts/demo-host';
import type { DemoHost } from '../../scripts/demo-host';
import { freePort, startApp } from '../../scripts/lib/start-app';
import type { RunningApp } from '../../scripts/lib/start-app';
import { launchChromium } from './support/launch-chromium';
import { watchCspViolations } from './support/csp-violations';
import { expectDeliverable } from './support/expect-deliverable';

/** The prompt the host sends; 10 s keeps the export short. */
const PROMPT =
  'generate a 10-second promo video for Acme Coffee: fresh beans roasted daily. Open every morning.';
/** The widget loads the app, credits and the session: a few seconds at most here. */
const READY_TIMEOUT_MS = 30_000;
/** A chat turn on the embedded engine takes well under a second. */
const DRAFT_TIMEOUT_MS = 60_000;
/** 10 s of 1080p30 renders in well under a minute here. */
const RENDER_TIMEOUT_MS = 180_000;
/** How long a blocked frame or an ignored command is given to (wrongly) show an effect. */
const QUIET_PERIOD_MS = 3_000;
/** The browser reports a blocked frame within a second; generous for a busy 2-core machine. */
const BLOCK_REPORT_TIMEOUT_MS = 30_000;

let app: RunningApp;
let host: DemoHost;
let otherHost: DemoHost;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let workDir: string;
/** CSP violations reported in `page` (the allowed host with the widget), checked after each test. */
let cspViolations: string[] = [];

beforeAll(async () => {
  workDir = mkdtempSync(path.join(os.tmpdir(), 'reelwright-widget-'));
  const hostPort = await freePort();
  app = await startApp({ vars: { EMBED_ALLOWED_ORIGINS: `http://localhost:${hostPort}` } });
  host = await startDemoHost(app.url, hostPort);
  otherHost = await startDemoHost(app.url);
  browser = await launchChromium();
  context = await browser.newContext({ acceptDownloads: true });
  page = await context.newPage();
  cspViolations = await watchCspViolations(page);
});

afterEach(() => {
  expect(
    cspViolations.splice(0),
    'Content-Security-Policy violations in the host page or the widget',
  ).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await otherHost?.stop();
  await app?.stop();
  rmSync(workDir, { recursive: true, force: true });
});

/** Every event the host page received so far, each parsed with the protocol's zod schema. */
async function hostEvents(on: Page = page): Promise<EmbedEvent[]> {
  const raw: unknown = await on.evaluate(
    () => (window as unknown as { reelwrightEvents: unknown[] }).reelwrightEvents,
  );
  return (raw as unknown[]).map((event) => embedEventSchema.parse(event));
}

async function waitForEvent<T extends EmbedEvent['type']>(
  type: T,
  timeoutMs: number,
  after = 0,
): Promise<Extract<EmbedEvent, { type: T }>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const events = (await hostEvents()).slice(after);
    const found = events.find(
      (event): event is Extract<EmbedEvent, { type: T }> => event.type === type,
    );
    if (found) return found;
    const failure = events.find((event) => event.type === 'error');
    if (failure) throw new Error(`the widget reported: ${JSON.stringify(failure)}`);
    if (Date.now() > deadline)
      throw new Error(
        `no ${type} event within ${timeoutMs} ms; got ${JSON.stringify(events.map((e) => e.type))}`,
      );
    await page.waitForTimeout(100);
  }
}

function send(command: unknown): Promise<void> {
  return page.evaluate(
    (cmd) => (window as unknown as { reelwrightSend(c: unknown): void }).reelwrightSend(cmd),
    command,
  );
}

function widgetFrame(): Frame {
  const frame = page.frames().find((candidate) => candidate.url().startsWith(`${app.url}/embed`));
  if (!frame)
    throw new Error(
      `no widget frame; frames: ${page
        .frames()
        .map((f) => f.url())
        .join(', ')}`,
    );
  return frame;
}

let sessionId = '';
let renderId = '';

describe('the widget on an allowed host page', () => {
  it('takes a prompt command, reports the draft, exports on command and gives a downloadable MP4', async () => {
    await page.goto(host.url);
    const ready = await waitForEvent('ready', READY_TIMEOUT_MS);
    expect(ready).toMatchObject({
      protocol: 2,
      sessionId: null,
      draftVersion: 0,
      lastRender: null,
    });

    await send({ type: 'prompt', text: PROMPT });
    const draft = await waitForEvent('draft-updated', DRAFT_TIMEOUT_MS);
    expect(draft.version).toBeGreaterThanOrEqual(1);
    expect(draft.summary).toMatch(/^Timeline \(\d+ tracks\)/);
    sessionId = draft.sessionId;

    const before = (await hostEvents()).length;
    await send({ type: 'export' });
    const completed = await waitForEvent('render-completed', RENDER_TIMEOUT_MS, before);
    renderId = completed.renderId;
    const progress = (await hostEvents()).filter((event) => event.type === 'render-progress');
    expect(progress.length).toBeGreaterThan(0);
    expect(
      progress.every((event) => event.type === 'render-progress' && event.renderId === renderId),
    ).toBe(true);

    // The link works from a plain fetch without cookies: it is signed for this one file and
    // carries no visitor credential; with one character changed it opens nothing.
    const link = new URL(completed.downloadUrl);
    expect(link.origin).toBe(app.url);
    expect(link.pathname).toBe(`/api/renders/${renderId}/file`);
    expect([...link.searchParams.keys()].sort()).toEqual(['expires', 'sig']);
    const sig = link.searchParams.get('sig') ?? '';
    const tampered = new URL(link);
    tampered.searchParams.set(
      'sig',
      `${sig.slice(0, 10)}${sig[10] === 'A' ? 'B' : 'A'}${sig.slice(11)}`,
    );
    const refused = await fetch(tampered);
    expect(refused.status).toBe(403);
    expect(errorBodySchema.parse(await refused.json()).error.code).toBe('download_link_invalid');
    const response = await fetch(completed.downloadUrl);
    expect(response.status).toBe(200);
    const file = path.join(workDir, 'widget.mp4');
    writeFileSync(file, new Uint8Array(await response.arrayBuffer()));
    await expectDeliverable(file, 1920, 1080, 10);
    await expect
      .poll(() => widgetFrame().getByRole('link', { name: 'Download MP4' }).isVisible())
      .toBe(true);
    // The frame is known by its widget token alone: no cookie is set for the app (none a host could plant).
    expect(
      (await context.cookies(app.url)).filter((candidate) => candidate.name === 'rw_visitor'),
    ).toEqual([]);
  });

  it('ignores commands from other windows and origins, and refuses malformed ones from the host', async () => {
    const frame = widgetFrame();
    const userMessages = () => frame.locator('[data-role="user"]').count();
    const messagesBefore = await userMessages();
    const eventsBefore = (await hostEvents()).length;

    // A frame of another origin inside the host page posts to the widget…
    await page.evaluate((src) => {
      const intruder = document.createElement('iframe');
      intruder.src = src;
      document.body.appendChild(intruder);
    }, `${otherHost.url}/intruder`);
    await expect
      .poll(() => page.frames().some((f) => f.url().startsWith(`${otherHost.url}/intruder`)))
      .toBe(true);
    // …and the widget posts to itself (origin = the app, but not its host window).
    await frame.evaluate(() => window.postMessage({ type: 'prompt', text: 'make it square' }, '*'));
    await page.waitForTimeout(QUIET_PERIOD_MS);
    expect(await userMessages()).toBe(messagesBefore);
    expect(
      (await hostEvents())
        .slice(eventsBefore)
        .filter((event) => event.type !== 'resize' && event.type !== 'persist'),
    ).toEqual([]);

    // The allowed host sending garbage gets a clear error, and nothing happens.
    await send({ type: 'prompt', text: 42 });
    const refused = await waitForEvent('error', READY_TIMEOUT_MS, eventsBefore);
    expect(refused.code).toBe('invalid_command');
    expect(await userMessages()).toBe(messagesBefore);
  });

  it('after a reload of the host page, finds the session and the render again', async () => {
    await page.reload();
    const ready = await waitForEvent('ready', READY_TIMEOUT_MS);
    expect(ready.sessionId).toBe(sessionId);
    expect(ready.draftVersion).toBeGreaterThanOrEqual(1);
    expect(ready.lastRender?.renderId).toBe(renderId);
    await expect
      .poll(() => widgetFrame().getByRole('link', { name: 'Download MP4' }).isVisible())
      .toBe(true);
  });

  it('with cookies and the frame storage gone, the token the host page kept still finds them', async () => {
    // (Chromium here already denies a third-party frame its localStorage: then this is a no-op.)
    await widgetFrame().evaluate(() => {
      try {
        localStorage.clear();
      } catch {
        // storage blocked for the frame
      }
    });
    await context.clearCookies();
    await page.reload();
    const ready = await waitForEvent('ready', READY_TIMEOUT_MS);
    expect(ready.sessionId).toBe(sessionId);
    expect(ready.lastRender?.renderId).toBe(renderId);
  });
});

describe('a host page on an origin that is not allowed', () => {
  it('cannot frame /embed (the browser blocks it) nor the app itself', async () => {
    const other = await context.newPage();
    try {
      const refusals: string[] = [];
      other.on('console', (message) => {
        if (
          /violates the following Content Security Policy directive: "frame-ancestors/.test(
            message.text(),
          )
        )
          refusals.push(message.text());
      });
      await other.goto(otherHost.url);
      await expect.poll(() => refusals.length, { timeout: BLOCK_REPORT_TIMEOUT_MS }).toBe(1);
      expect(refusals[0]).toContain(`"frame-ancestors ${host.url}"`);
      await other.waitForTimeout(QUIET_PERIOD_MS);
      expect(await hostEvents(other)).toEqual([]);
      expect(other.frames().map((frame) => frame.url())).toEqual([
        `${otherHost.url}/`,
        'chrome-error://chromewebdata/',
      ]);

      await other.goto(`${otherHost.url}/frame?src=${encodeURIComponent(`${app.url}/`)}`);
      await expect.poll(() => refusals.length, { timeout: BLOCK_REPORT_TIMEOUT_MS }).toBe(2);
      expect(refusals[1]).toContain(`"frame-ancestors 'none'"`);
      expect(other.frames().some((frame) => frame.url().startsWith(app.url))).toBe(false);
    } finally {
      await other.close();
    }
  });
});
