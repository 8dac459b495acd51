/**
 * The visitor's library survives a reload: after making a video and rendering it, a reload
 * brings back the render's status with its download link, and "Library" lists the video with
 * its title, draft summary and render state; opening it from the library (after starting a new
 * one) restores its chat, draft and render status. (The MP4 is a tiny real H.264 file of the
 * video's length, test/fixtures/render-20s.mp4, uploaded through the API: real rendering is
 * covered by the pipeline tests, and this test stays fast.)
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/lib/launch-chromium';
import { sendChatMessage } from '../../scripts/lib/drive-app';
import { projectRoot } from '../../scripts/lib/offline-env.mjs';

const PROMPT = 'Generate a 20-second video about green tea';
/** A real 20-s H.264 MP4 (64x36): the edge checks a render's file before it counts as done. */
const RENDER_FILE = readFileSync(path.join(projectRoot, 'test/fixtures/render-20s.mp4'));

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.newPage();
  await page.goto(inject('appUrl'));
});

afterAll(async () => {
  await browser?.close();
});

/** Exports the current session through the API and uploads {@link RENDER_FILE} as its file: a completed render. */
async function completeRenderThroughApi(): Promise<string> {
  return page.evaluate(
    async (fileBytes) => {
      const sessionId = localStorage.getItem('reelwright.sessionId');
      const job = (await (
        await fetch(`/api/sessions/${sessionId}/exports`, { method: 'POST' })
      ).json()) as { id: string };
      const put = await fetch(`/api/renders/${job.id}/file`, {
        method: 'PUT',
        headers: { 'Content-Type': 'video/mp4' },
        body: new Uint8Array(fileBytes),
      });
      if (!put.ok) throw new Error(`upload: ${put.status} ${await put.text()}`);
      return job.id;
    },
    [...RENDER_FILE],
  );
}

/** The render's download link as the edge signs it (functions/signing/download-link.ts). */
function signedLink(renderId: string): RegExp {
  return new RegExp(`^/api/renders/${renderId}/file\\?expires=\\d+&sig=[A-Za-z0-9_-]+$`);
}

describe("the visitor's library", () => {
  it('restores the render status on reload and lists the video with its render', async () => {
    await sendChatMessage(page, PROMPT);
    const renderId = await completeRenderThroughApi();

    await page.reload();
    const download = page.getByRole('link', { name: 'Download MP4' });
    await download.waitFor({ timeout: 10_000 });
    expect(await download.getAttribute('href')).toMatch(signedLink(renderId));
    await expect.poll(() => page.getByTestId('render-status').innerText()).toMatch(/ready/);

    await page.getByRole('button', { name: 'Library' }).click();
    const videos = page.getByRole('list', { name: 'Your videos' });
    await videos.waitFor({ timeout: 10_000 });
    const item = videos.getByRole('listitem');
    await expect.poll(() => item.count()).toBe(1);
    const text = await item.innerText();
    expect(text).toMatch(/green tea/i);
    expect(text).toMatch(/Updated/);
    expect(text).toMatch(/Version 1 · Timeline \(\d+ tracks?\)/);
    expect(text).toMatch(/Render ready/);
    expect(await item.getByRole('link', { name: /^Download/ }).getAttribute('href')).toMatch(
      signedLink(renderId),
    );
  });

  it('opens a video from the library with its chat, draft and render status', async () => {
    await page.getByRole('button', { name: 'Close library' }).click();
    await page.getByRole('button', { name: 'New video' }).click();
    await expect.poll(() => page.locator('[data-role="user"]').count()).toBe(0);

    await page.getByRole('button', { name: 'Library' }).click();
    await page.getByRole('button', { name: /^Open “.*green tea/i }).click();
    await expect
      .poll(() => page.locator('[data-role="user"] .message-text').allInnerTexts())
      .toEqual([PROMPT]);
    await expect.poll(() => page.locator('[data-role="assistant"]').count()).toBe(1);
    await expect
      .poll(() =>
        page
          .getByText(/^Timeline \(\d+ tracks\)/)
          .first()
          .innerText(),
      )
      .toMatch(/\(0-20s\)/);
    await page.getByRole('link', { name: 'Download MP4' }).waitFor({ timeout: 10_000 });
    expect(await page.getByRole('list', { name: 'Your videos' }).count()).toBe(0);
  });
});
