/**
 * "Forget me on this site" in the widget: after the visitor confirms, the widget token the host
 * page kept is revoked at the edge (it then gets 401 `widget_token_revoked`), the host is told
 * (`forget`) and deletes its copy, and the frame starts again as a new visitor with a new token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Frame, Page } from 'playwright-core';
import { errorBodySchema } from '../../shared/api-schema';
import { embedEventSchema } from '../../shared/embed-events';
import type { EmbedEvent } from '../../shared/embed-events';
import { startDemoHost } from '../../scripts/demo-host';
import type { DemoHost } from '../../scripts/demo-host';
import { freePort, startApp } from '../../scripts/lib/start-app';
import type { RunningApp } from '../../scripts/lib/start-app';
import { launchChromium } from './support/launch-chromium';

/** The widget loads the app, credits and the session: a few seconds at most here. */
const READY_TIMEOUT_MS = 30_000;
/** A chat turn on the embedded engine takes well under a second. */
const DRAFT_TIMEOUT_MS = 60_000;

let app: RunningApp;
let host: DemoHost;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  const hostPort = await freePort();
  app = await startApp({ vars: { EMBED_ALLOWED_ORIGINS: `http://localhost:${hostPort}` } });
  host = await startDemoHost(app.url, hostPort);
  browser = await launchChromium();
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await app?.stop();
});

async function hostEvents(): Promise<EmbedEvent[]> {
  const raw: unknown = await page.evaluate(
    () => (window as unknown as { reelwrightEvents: unknown[] }).reelwrightEvents,
  );
  return (raw as unknown[]).map((event) => embedEventSchema.parse(event));
}

async function eventsOf<T extends EmbedEvent['type']>(
  type: T,
): Promise<Array<Extract<EmbedEvent, { type: T }>>> {
  return (await hostEvents()).filter(
    (event): event is Extract<EmbedEvent, { type: T }> => event.type === type,
  );
}

/** What the loader keeps in the host's localStorage (one key for the demo page's one target). */
function kept(): Promise<string | null> {
  return page.evaluate((key) => localStorage.getItem(key), `reelwright:${app.url}#reelwright`);
}

function widgetFrame(): Frame {
  const frame = page.frames().find((candidate) => candidate.url().startsWith(`${app.url}/embed`));
  if (!frame) throw new Error('no widget frame');
  return frame;
}

describe('Forget me on this site', () => {
  it('revokes the token the host kept, has the host delete it, and starts the frame as a new visitor', async () => {
    await page.goto(host.url);
    await expect
      .poll(async () => (await eventsOf('ready')).length, { timeout: READY_TIMEOUT_MS })
      .toBe(1);
    await page.evaluate(() =>
      (window as unknown as { reelwrightSend(c: unknown): void }).reelwrightSend({
        type: 'prompt',
        text: 'a 10-second promo video for Acme Coffee',
      }),
    );
    await expect
      .poll(async () => (await eventsOf('draft-updated')).length, { timeout: DRAFT_TIMEOUT_MS })
      .toBeGreaterThan(0);
    const sessionId = (await eventsOf('draft-updated'))[0]?.sessionId ?? '';
    await expect
      .poll(async () => new URLSearchParams((await kept()) ?? '').get('session'), {
        timeout: READY_TIMEOUT_MS,
      })
      .toBe(sessionId);
    const oldToken = new URLSearchParams((await kept()) ?? '').get('visitor') ?? '';
    expect(oldToken).not.toBe('');

    page.once('dialog', (dialog) => void dialog.accept());
    await widgetFrame().getByRole('button', { name: 'Forget me on this site' }).click();

    await expect
      .poll(async () => (await eventsOf('forget')).length, { timeout: READY_TIMEOUT_MS })
      .toBe(1);
    await expect
      .poll(async () => (await eventsOf('ready')).length, { timeout: READY_TIMEOUT_MS })
      .toBe(2);
    expect((await eventsOf('ready'))[1]?.sessionId).toBeNull();
    // The old token is dead at the edge…
    const refused = await fetch(`${app.url}/api/sessions`, {
      headers: { 'X-Reelwright-Visitor': oldToken },
    });
    expect(refused.status).toBe(401);
    expect(errorBodySchema.parse(await refused.json()).error.code).toBe('widget_token_revoked');
    // …and the host keeps only the new visitor's token, without the old session.
    const now = new URLSearchParams((await kept()) ?? '');
    expect(now.get('visitor')).not.toBe(oldToken);
    expect(now.get('session')).toBeNull();
  });
});
