/**
 * Visitor fixation by link is over: an identity never comes from a URL. A victim who opens
 * `/embed#visitor=<someone's token>&session=<id>` as an ordinary page (or in a window another
 * page opened and keeps messaging) is not that someone: their `/api/sessions` does not list the
 * someone's sessions, no request carries the token, and no cookie for that identity is set (the
 * main app at `/` is not them either). The widget token reaches the frame only by `postMessage`
 * from `window.parent` at an allowed origin, while it is really framed: the allowed host page
 * restores it that way, and the same message from a frame of another origin is ignored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page, Request as PlaywrightRequest } from 'playwright-core';
import { sessionListSchema } from '../../shared/api-schema';
import { embedEventSchema } from '../../shared/embed-events';
import { startDemoHost } from '../../scripts/demo-host';
import type { DemoHost } from '../../scripts/demo-host';
import { freePort, startApp } from '../../scripts/lib/start-app';
import type { RunningApp } from '../../scripts/lib/start-app';
import { launchChromium } from './support/launch-chromium';

const TOKEN_HEADER = 'x-reelwright-visitor';
/** The page loads the app, credits and a session in a few seconds at most here. */
const LOAD_TIMEOUT_MS = 30_000;
/**
 * How long a planted identity is given to (wrongly) take effect once the page shows its composer,
 * beyond the frame's 1.5 s wait for `restore` (a page that took it would follow that session's
 * live stream, so "network idle" is no signal here).
 */
const QUIET_PERIOD_MS = 4_000;

let app: RunningApp;
let host: DemoHost;
let otherHost: DemoHost;
let browser: Browser;
/** The victim: a widget visitor with one session, made over HTTP. */
let victim: { token: string; sessionId: string };

/** Calls the app from Node (no browser state). */
async function api(
  path: string,
  headers: Record<string, string>,
  method = 'GET',
): Promise<Response> {
  return fetch(`${app.url}${path}`, { method, headers });
}

async function listedSessions(response: Response): Promise<string[]> {
  expect(response.status).toBe(200);
  return sessionListSchema.parse(await response.json()).sessions.map((session) => session.id);
}

beforeAll(async () => {
  const hostPort = await freePort();
  app = await startApp({ vars: { EMBED_ALLOWED_ORIGINS: `http://localhost:${hostPort}` } });
  host = await startDemoHost(app.url, hostPort);
  otherHost = await startDemoHost(app.url);
  browser = await launchChromium();
  // The victim's widget: its first change mints it and answers its token.
  const first = await api('/api/sessions', { [TOKEN_HEADER]: 'new' }, 'POST');
  expect(first.status).toBe(201);
  const token = first.headers.get(TOKEN_HEADER) ?? '';
  expect(token).not.toBe('');
  const [sessionId] = await listedSessions(await api('/api/sessions', { [TOKEN_HEADER]: token }));
  victim = { token, sessionId: sessionId ?? '' };
  expect(victim.sessionId).not.toBe('');
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await otherHost?.stop();
  await app?.stop();
});

/** Records every request to the app that carried the victim's token. */
function watchForVictimToken(context: BrowserContext): PlaywrightRequest[] {
  const carried: PlaywrightRequest[] = [];
  context.on('request', (request) => {
    if (request.headers()[TOKEN_HEADER] === victim.token) carried.push(request);
  });
  return carried;
}

/** The sessions the page's own credentials see (a same-origin fetch from inside the page). */
async function sessionsSeenBy(page: Page): Promise<string[]> {
  const raw: unknown = await page.evaluate(() =>
    fetch('/api/sessions').then((response) => response.json()),
  );
  return sessionListSchema.parse(raw).sessions.map((session) => session.id);
}

/** No `rw_visitor` cookie of `context` opens the victim's sessions. */
async function expectNoCookieForVictim(context: BrowserContext): Promise<void> {
  const cookies = (await context.cookies(app.url)).filter((cookie) => cookie.name === 'rw_visitor');
  for (const cookie of cookies) {
    expect(
      await listedSessions(await api('/api/sessions', { Cookie: `rw_visitor=${cookie.value}` })),
    ).not.toContain(victim.sessionId);
  }
}

/** Runs `test` in a new browser context (its own cookies and storage), closed afterwards. */
async function inFreshBrowser(test: (context: BrowserContext) => Promise<void>): Promise<void> {
  const context = await browser.newContext();
  try {
    await test(context);
  } finally {
    await context.close();
  }
}

function fragment(): string {
  return `#visitor=${encodeURIComponent(victim.token)}&session=${victim.sessionId}`;
}

describe('an identity in a link', () => {
  it('opened top-level, /embed#visitor=…&session=… is not that visitor, and no cookie is set for them', () =>
    inFreshBrowser(async (context) => {
      const carried = watchForVictimToken(context);
      const page = await context.newPage();
      // Even naming the allowed host as `parent` does not help: the page is not framed.
      for (const query of ['', `?parent=${encodeURIComponent(host.url)}`]) {
        await page.goto(`${app.url}/embed${query}${fragment()}`);
        await page.getByRole('textbox').first().waitFor({ timeout: LOAD_TIMEOUT_MS });
        await page.waitForTimeout(QUIET_PERIOD_MS);
        expect(await sessionsSeenBy(page)).not.toContain(victim.sessionId);
      }
      expect(carried.map((request) => request.url())).toEqual([]);
      await expectNoCookieForVictim(context);
      // The main app in the same browser is not the victim either.
      await page.goto(`${app.url}/`);
      await page.getByRole('textbox').first().waitFor({ timeout: LOAD_TIMEOUT_MS });
      await page.waitForTimeout(QUIET_PERIOD_MS);
      expect(await sessionsSeenBy(page)).not.toContain(victim.sessionId);
      await expectNoCookieForVictim(context);
    }));

  it('a window opened by the allowed host and sent `restore` messages ignores them: it is not framed', () =>
    inFreshBrowser(async (context) => {
      const carried = watchForVictimToken(context);
      const opener = await context.newPage();
      await opener.goto(`${host.url}/frame?src=about:blank`);
      const [popup] = await Promise.all([
        context.waitForEvent('page'),
        opener.evaluate(
          ({ url, token, sessionId, appOrigin }) => {
            const opened = window.open(url);
            const restore = { type: 'restore', visitor: token, session: sessionId, render: null };
            setInterval(() => opened?.postMessage(restore, appOrigin), 20);
          },
          {
            url: `${app.url}/embed?parent=${encodeURIComponent(host.url)}`,
            token: victim.token,
            sessionId: victim.sessionId,
            appOrigin: app.url,
          },
        ),
      ]);
      await popup.getByRole('textbox').first().waitFor({ timeout: LOAD_TIMEOUT_MS });
      await popup.waitForTimeout(QUIET_PERIOD_MS);
      expect(await sessionsSeenBy(popup)).not.toContain(victim.sessionId);
      expect(carried.map((request) => request.url())).toEqual([]);
      await expectNoCookieForVictim(context);
    }));
});

describe('the widget token by postMessage only', () => {
  it('framed by the allowed host, the kept token arrives by `restore` (not in the frame URL) and finds the session', () =>
    inFreshBrowser(async (context) => {
      const page = await context.newPage();
      // The loader keeps what `persist` said in this site's localStorage, one key per target.
      await page.goto(`${host.url}/frame?src=about:blank`);
      await page.evaluate(({ key, value }) => localStorage.setItem(key, value), {
        key: `reelwright:${app.url}#reelwright`,
        value: new URLSearchParams({ visitor: victim.token, session: victim.sessionId }).toString(),
      });
      await page.goto(host.url);
      await expect
        .poll(
          async () => {
            const raw: unknown = await page.evaluate(
              () => (window as unknown as { reelwrightEvents: unknown[] }).reelwrightEvents,
            );
            return (
              (raw as unknown[])
                .map((event) => embedEventSchema.parse(event))
                .find((event) => event.type === 'ready') ?? null
            );
          },
          { timeout: LOAD_TIMEOUT_MS },
        )
        .toMatchObject({ type: 'ready', sessionId: victim.sessionId });
      const frame = page
        .frames()
        .find((candidate) => candidate.url().startsWith(`${app.url}/embed`));
      expect(frame?.url()).not.toContain('#');
      expect(frame?.url()).not.toContain(victim.token);
    }));

  it('a `restore` from a frame of another origin inside the allowed host is ignored: the widget starts as a new visitor', () =>
    inFreshBrowser(async (context) => {
      const carried = watchForVictimToken(context);
      const tokensSent: string[] = [];
      context.on('request', (request) => {
        const token = request.headers()[TOKEN_HEADER];
        if (token !== undefined) tokensSent.push(token);
      });
      const page = await context.newPage();
      // The allowed host frames the widget without the loader (nobody answers `hello`) and an
      // intruder of another origin keeps posting the victim's identity to it.
      await page.goto(
        `${host.url}/frame?src=${encodeURIComponent(`${app.url}/embed?parent=${encodeURIComponent(host.url)}`)}`,
      );
      await page.evaluate(
        (src) => {
          const intruder = document.createElement('iframe');
          intruder.src = src;
          document.body.appendChild(intruder);
        },
        `${otherHost.url}/intruder?restore=${encodeURIComponent(victim.token)}&session=${victim.sessionId}`,
      );
      await expect
        .poll(() => page.frames().some((f) => f.url().startsWith(`${otherHost.url}/intruder`)), {
          timeout: LOAD_TIMEOUT_MS,
        })
        .toBe(true);
      await expect.poll(() => tokensSent.length, { timeout: LOAD_TIMEOUT_MS }).toBeGreaterThan(0);
      await page.waitForTimeout(QUIET_PERIOD_MS);
      expect(carried.map((request) => request.url())).toEqual([]);
      // It asked the edge for a new visitor and went on with the token it got.
      expect(tokensSent[0]).toBe('new');
    }));
});
