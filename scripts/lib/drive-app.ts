/**
 * @module drive-app
 * Drives the real SPA in a Playwright page the way a visitor does, by accessible names only
 * (textbox "Message", buttons "Send" and "Export", progress bar "Render progress", link
 * "Download MP4"; the file picker and media list by test id). Shared by the browser tests,
 * `npm run render` and `npm run bench`.
 */
import type { Page } from 'playwright-core';

/** A chat turn on the embedded engine takes well under a second; 60 s means it is stuck. */
const TURN_TIMEOUT_MS = 60_000;
/** A 60-s 1080p export renders at ≥ 30 fps here; 10 minutes means it is stuck. */
const EXPORT_TIMEOUT_MS = 600_000;
/** How often the page is checked for the finished link (and progress read): bounds the wall-time error. */
const PROGRESS_POLL_MS = 250;
/** Probing and storing a few small uploads takes seconds here; a minute means something is stuck. */
const UPLOAD_TIMEOUT_MS = 60_000;

/**
 * Uploads files through the page's file picker and waits until the media list shows each of
 * them as ready (probed, thumbnailed, stored at the edge).
 * @param filePaths absolute paths, in upload order
 * @throws playwright's TimeoutError when they are not all ready within {@link UPLOAD_TIMEOUT_MS}
 */
export async function uploadFiles(page: Page, filePaths: readonly string[]): Promise<void> {
  const ready = page.locator('[data-testid="media-items"] li[data-status="ready"]');
  const before = await ready.count();
  await page.getByTestId('upload-input').setInputFiles([...filePaths]);
  await page.waitForFunction(
    (count) =>
      document.querySelectorAll('[data-testid="media-items"] li[data-status="ready"]').length >=
      count,
    before + filePaths.length,
    { timeout: UPLOAD_TIMEOUT_MS },
  );
}

/**
 * Types `text` into the chat and waits until the assistant's turn is complete (the chat log
 * is no longer busy and the reply is shown).
 * @returns the assistant's reply text
 * @throws playwright's TimeoutError when no reply comes within {@link TURN_TIMEOUT_MS}
 */
export async function sendChatMessage(page: Page, text: string): Promise<string> {
  const replies = page.locator('[data-role="assistant"]');
  const before = await replies.count();
  await page.getByRole('textbox', { name: 'Message' }).fill(text);
  await page.getByRole('button', { name: 'Send' }).click();
  await page.waitForFunction(
    (count) =>
      document.querySelectorAll('[data-role="assistant"]').length > count &&
      document.querySelector('[aria-busy="true"]') === null,
    before,
    { timeout: TURN_TIMEOUT_MS },
  );
  return (await replies.last().innerText()).trim();
}

/** Export progress as shown to the visitor. */
export interface ExportProgress {
  /** 0..100 */
  percent: number;
  /** The visible status line, e.g. "42% · 48 fps · 12 s left". */
  label: string;
}

/**
 * Presses Export, waits for the "Download MP4" link and saves the file to `outPath`.
 * @returns wall time from the click to the link, in ms
 * @throws Error with the app's own error text when the page shows an alert instead
 */
export async function exportAndDownload(
  page: Page,
  outPath: string,
  onProgress?: (progress: ExportProgress) => void,
  /** A note the app may show during the export without failing it (dismissed, then reported as seen). */
  expectedNote?: string,
): Promise<{ exportWallMs: number; noteSeen: boolean }> {
  const link = page.getByRole('link', { name: 'Download MP4' });
  const alert = page.getByRole('alert');
  // A link from an earlier export may still be on the page: wait for a new one.
  const previousHref = (await link.isVisible()) ? await link.getAttribute('href') : null;
  const isNewLinkShown = async () =>
    (await link.isVisible()) && (await link.getAttribute('href')) !== previousHref;
  const startedAt = Date.now();
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const deadline = startedAt + EXPORT_TIMEOUT_MS;
  let noteSeen = false;
  while (!(await isNewLinkShown())) {
    if (await alert.isVisible()) {
      const reported = (await alert.innerText()).trim();
      if (expectedNote === undefined || !reported.includes(expectedNote))
        throw new Error(`The app reported: ${reported}`);
      noteSeen = true;
      await alert.getByRole('button').click();
    }
    if (Date.now() > deadline)
      throw new Error(`Export did not finish within ${EXPORT_TIMEOUT_MS / 1000} s`);
    if (onProgress) {
      const bar = page.getByRole('progressbar', { name: 'Render progress' });
      if (await bar.isVisible()) {
        const value = Number(await bar.getAttribute('value')) || 0;
        const max = Number(await bar.getAttribute('max')) || 1;
        const label = (
          await page
            .locator('[data-testid="render-status"]')
            .innerText()
            .catch(() => '')
        ).trim();
        onProgress({ percent: Math.round((value / max) * 100), label });
      }
    }
    await page.waitForTimeout(PROGRESS_POLL_MS);
  }
  const exportWallMs = Date.now() - startedAt;
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  await download.saveAs(outPath);
  return { exportWallMs, noteSeen };
}
