/**
 * API keys in the library panel, by keyboard: a named key is made and shown once with its
 * webhook secret and Copy buttons, listed by its first characters, opens the render API from a
 * script (a queued render), and once revoked is refused.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/lib/launch-chromium';

let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: new URL(inject('appUrl')).origin,
  });
  page = await context.newPage();
  await page.goto(inject('appUrl'));
});

afterAll(async () => {
  await browser?.close();
});

/** The key appears once its POST is answered: seconds at most, even on a loaded CI machine. */
const KEY_SHOWN_TIMEOUT_MS = 30_000;

/** `POST /api/renders` from a script (Node, no cookie) with `key`. */
function renderWithKey(key: string): Promise<Response> {
  return fetch(new URL('/api/renders', inject('appUrl')), {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ prompt: 'Generate a 10-second video about green tea' }),
  });
}

describe('API keys in the library panel', () => {
  it('are made by keyboard, shown once, copied, used by a script and revoked', async () => {
    // From a fresh load, so CI's retry (vitest.config.ts) starts with the library panel closed.
    await page.goto(inject('appUrl'));
    await page.getByRole('button', { name: 'Library', exact: true }).click();
    const name = page.getByLabel('Name (optional)');
    await name.waitFor({ timeout: 10_000 });
    await name.focus();
    await page.keyboard.type('nightly build');
    await expect.poll(() => name.inputValue()).toBe('nightly build');
    await name.press('Enter');

    const keyField = page.getByRole('textbox', { name: 'API key', exact: true });
    await keyField.waitFor({ timeout: KEY_SHOWN_TIMEOUT_MS }).catch(async (error: unknown) => {
      const alerts = await page.getByRole('alert').allTextContents();
      throw new Error(`no key shown; alerts: ${JSON.stringify(alerts)}`, { cause: error });
    });
    const key = await keyField.inputValue();
    expect(key).toMatch(/^rw_live_[A-Za-z0-9_-]{54}$/);
    expect(
      await page.getByRole('textbox', { name: 'Webhook signing secret' }).inputValue(),
    ).toMatch(/^whsec_/);
    await page.getByRole('button', { name: 'Copy API key' }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(key);

    const keys = page.getByRole('list', { name: 'API keys' });
    await expect.poll(() => keys.getByRole('listitem').count()).toBe(1);
    const listed = await keys.getByRole('listitem').innerText();
    expect(listed).toContain('nightly build');
    expect(listed).toContain(key.slice(0, 16));
    expect(listed).not.toContain(key);

    const created = await renderWithKey(key);
    expect(created.status).toBe(201);
    expect(((await created.json()) as { status: string }).status).toBe('queued');

    await page.getByRole('button', { name: 'I have copied them' }).click();
    await expect
      .poll(() => page.getByRole('textbox', { name: 'API key', exact: true }).count())
      .toBe(0);
    await page.getByRole('button', { name: 'Revoke API key “nightly build”' }).click();
    await expect.poll(() => keys.count()).toBe(0);
    expect((await renderWithKey(key)).status).toBe(401);
  });
});
