/**
 * @module app-page (e2e support)
 * The usual frame of a browser test: a temporary folder, Debian's Chromium, and one page
 * (downloads allowed) opened at the app, all cleaned up after the file's tests. Each test fails
 * when the page reported a Content-Security-Policy violation during it (or while opening).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, inject } from 'vitest';
import { launchChromium } from '../../../scripts/lib/launch-chromium';
import { watchCspViolations } from './csp-violations';

/** What a test file uses; the fields are set once `beforeAll` has run. */
export interface AppPage {
  browser: Browser;
  page: Page;
  /** A temporary folder for downloads, removed after the tests. */
  workDir: string;
  /** CSP violations the page reported and no test has checked yet (see csp-violations.ts). */
  cspViolations: string[];
}

/**
 * Registers `beforeAll`/`afterAll` hooks that open the app in headless Chromium.
 * @param tempPrefix name prefix of the temporary folder (e.g. `reelwright-gif-e2e-`)
 * @param url where to open the page; default the app started by the global setup. Called in
 *   `beforeAll`, after hooks registered earlier (so an app started there can be used).
 */
export function useAppPage(
  tempPrefix: string,
  url: () => string = () => inject('appUrl'),
): AppPage {
  const handle = {} as AppPage;
  beforeAll(async () => {
    handle.workDir = mkdtempSync(path.join(os.tmpdir(), tempPrefix));
    handle.browser = await launchChromium();
    handle.page = await handle.browser.newPage({ acceptDownloads: true });
    handle.cspViolations = await watchCspViolations(handle.page);
    await handle.page.goto(url());
  });
  afterEach(() => {
    const reported = handle.cspViolations?.splice(0) ?? [];
    expect(reported, 'Content-Security-Policy violations in the page').toEqual([]);
  });
  afterAll(async () => {
    await handle.browser?.close();
    if (handle.workDir) rmSync(handle.workDir, { recursive: true, force: true });
  });
  return handle;
}
