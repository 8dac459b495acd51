/**
 * Nothing of a reply is lost when the tab closes: the page is closed while the reply streams,
 * reopened, and the reply streams on from where it was and completes, every delta exactly once
 * (each text shown is a prefix of the final reply: no gap, no repeat). A second tab on the
 * same session shows a turn sent from the first one live.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/lib/launch-chromium';
import { sessionStateSchema } from '../../shared/api-schema';
import type { SessionState } from '../../shared/api-schema';

/** "help" gets the longest reply (30+ deltas, ~3 s at the typing pace): long enough to close mid-way. */
const LONG_REPLY_PROMPT = 'help';
/** Longest wait for a streamed reply to start or finish, ms (a turn takes ~3 s). */
const REPLY_TIMEOUT_MS = 15_000;

/**
 * Installed before the app loads: records every text the streaming reply shows, so the test
 * can check each one against the final reply.
 */
function recordStreamingTexts(): void {
  const seen: string[] = [];
  Object.assign(window, { streamingTexts: seen });
  new MutationObserver(() => {
    const text =
      document.querySelector('.message--streaming:not([hidden]) .message-text')?.textContent ?? '';
    if (text !== '' && text !== 'Thinking…' && seen.at(-1) !== text) seen.push(text);
  }).observe(document, { subtree: true, childList: true, characterData: true });
}

async function streamingTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { streamingTexts: string[] }).streamingTexts);
}

async function openApp(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.addInitScript(recordStreamingTexts);
  await page.goto(inject('appUrl'));
  return page;
}

async function sessionState(page: Page): Promise<SessionState> {
  const raw: unknown = await page.evaluate(async () => {
    const id = localStorage.getItem('reelwright.sessionId');
    return (await fetch(`/api/sessions/${id}`)).json();
  });
  return sessionStateSchema.parse(raw);
}

/** Waits until the page shows no running turn and `count` assistant replies. */
async function waitForReplies(page: Page, count: number): Promise<void> {
  await page.waitForFunction(
    (n) =>
      document.querySelectorAll('[data-role="assistant"]').length >= n &&
      document.querySelector('[aria-busy="true"]') === null,
    count,
    { timeout: REPLY_TIMEOUT_MS },
  );
}

async function replies(page: Page): Promise<string[]> {
  return page.locator('[data-role="assistant"] .message-text').allInnerTexts();
}

function expectEachIsPrefixOf(texts: readonly string[], whole: string): void {
  for (const text of texts)
    expect(whole.startsWith(text), `"${text.slice(-40)}" is not how the reply begins`).toBe(true);
}

let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  browser = await launchChromium();
  context = await browser.newContext();
});

afterAll(async () => {
  await browser?.close();
});

describe('resumable chat streams in the browser', () => {
  it('the reply completes with every event once after the tab is closed mid-stream and reopened', async () => {
    const first = await openApp(context);
    await first.getByRole('textbox', { name: 'Message' }).fill(LONG_REPLY_PROMPT);
    await first.getByRole('button', { name: 'Send' }).click();
    await first.waitForFunction(
      () => (window as unknown as { streamingTexts: string[] }).streamingTexts.length >= 2,
      null,
      {
        timeout: REPLY_TIMEOUT_MS,
      },
    );
    const beforeClose = await streamingTexts(first);
    await first.close();

    const reopened = await openApp(context);
    await waitForReplies(reopened, 1);
    const state = await sessionState(reopened);
    expect(state.runningTurn).toBeNull();
    expect(state.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    const reply = state.messages[1]?.text ?? '';

    const afterReopen = await streamingTexts(reopened);
    // It came back mid-reply and streamed the rest live (not just the finished message).
    expect(afterReopen.length).toBeGreaterThan(1);
    expect(afterReopen[0]?.length).toBeLessThan(reply.length);
    expectEachIsPrefixOf([...beforeClose, ...afterReopen], reply);
    expect(await reopened.locator('[data-role="user"] .message-text').allInnerTexts()).toEqual([
      LONG_REPLY_PROMPT,
    ]);
    expect(await replies(reopened)).toEqual([reply]);
    await reopened.close();
  });

  // Continues the session of the test above (two tabs need a session to be open on).
  it('a second tab on the session shows a reply sent from the first tab live', async () => {
    const sender = await openApp(context);
    const watcher = await openApp(context);
    await waitForReplies(sender, 1);
    await waitForReplies(watcher, 1);

    await sender.getByRole('textbox', { name: 'Message' }).fill(LONG_REPLY_PROMPT);
    await sender.getByRole('button', { name: 'Send' }).click();
    await waitForReplies(sender, 2);
    await waitForReplies(watcher, 2);

    const state = await sessionState(watcher);
    const reply = state.messages.at(-1)?.text ?? '';
    const live = await streamingTexts(watcher);
    expect(live.length).toBeGreaterThan(5);
    expectEachIsPrefixOf(live, reply);
    // The sender gets each event on two streams (its message's answer and the live one): shown once.
    const sent = await streamingTexts(sender);
    expect(sent.length).toBeGreaterThan(5);
    expectEachIsPrefixOf(sent, reply);
    expect(await watcher.locator('[data-role="user"] .message-text').allInnerTexts()).toEqual([
      LONG_REPLY_PROMPT,
      LONG_REPLY_PROMPT,
    ]);
    expect(await replies(watcher)).toEqual(
      state.messages.filter((m) => m.role === 'assistant').map((m) => m.text),
    );
    expect(await replies(sender)).toEqual(await replies(watcher));
  });
});
