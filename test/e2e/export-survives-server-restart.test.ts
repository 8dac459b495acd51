/**
 * Issue 10 item 12: a visitor exports a 30-s explainer; at ~25 % the server stops for a few
 * seconds and starts again (a deploy, a dropped connection). The page keeps rendering into its
 * bounded queue, says "reconnecting…", and carries on when the server is back: exactly one MP4
 * (the deliverable shape, checked with ffprobe), one job, one charge (6 credits), and no frame
 * rendered twice (every chunk recorded once, all by this page session, each uploaded by one
 * page session and never re-rendered). The app here is its own `wrangler dev` on a fixed port
 * and state folder, so it can be stopped and started again under the page.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { creditsSchema, renderChunkStateSchema, renderListSchema } from '../../shared/api-schema';
import type { Credits } from '../../shared/api-schema';
import { freePort, startApp } from '../../scripts/lib/start-app';
import type { RunningApp } from '../../scripts/lib/start-app';
import { sendChatMessage } from '../../scripts/lib/drive-app';
import { expectDeliverable } from './support/expect-deliverable';
import { useAppPage } from './support/app-page';
import { renderProgress } from './support/render-progress';

const PROMPT = 'Generate a 30-second explainer video about solar panels for homeowners';
/** Stop the server once the progress bar shows this much (the "about 26 %"). */
const STOP_AT_PROGRESS = 0.25;
/** How long the server stays down, ms (the issue: "about 10 s"; wrangler's restart adds ~5–15 s). */
const DOWN_MS = 6_000;
/** A 30-s export takes ~20 s here, plus the outage; these bound a stuck one. */
const STOP_TIMEOUT_MS = 120_000;
const DONE_TIMEOUT_MS = 240_000;

let app: RunningApp;
let port: number;
let stateDir: string;
beforeAll(async () => {
  stateDir = mkdtempSync(path.join(os.tmpdir(), 'reelwright-blip-state-'));
  port = await freePort();
  app = await startApp({ port, persistDir: stateDir });
});

afterAll(async () => {
  await app?.stop();
  if (stateDir) rmSync(stateDir, { recursive: true, force: true });
});

/** The page, opened once the app above is up (hooks run in the order they are registered). */
const view = useAppPage('reelwright-blip-e2e-', () => app.url);

async function credits(page: Page): Promise<Credits> {
  return creditsSchema.parse(
    await page.evaluate(async () => (await fetch('/api/credits')).json() as Promise<unknown>),
  );
}

describe('an export while the server restarts', () => {
  it('carries on after the blip: one MP4, one charge, no frame rendered twice', async () => {
    const { page, workDir } = view;
    /** Chunk PUTs the page answered 200 to, by chunk index; export POSTs; render polls. */
    const chunkPuts = new Map<number, number>();
    let exportPosts = 0;
    let renderPolls = 0;
    page.on('response', (response) => {
      const url = new URL(response.url());
      const method = response.request().method();
      const chunk = /^\/api\/renders\/[^/]+\/chunks\/(\d+)$/.exec(url.pathname);
      if (chunk && method === 'PUT' && response.status() === 200)
        chunkPuts.set(Number(chunk[1]), (chunkPuts.get(Number(chunk[1])) ?? 0) + 1);
      if (method === 'POST' && /\/exports$/.test(url.pathname)) exportPosts += 1;
      if (method === 'GET' && /^\/api\/renders\/[^/]+$/.test(url.pathname)) renderPolls += 1;
    });

    await sendChatMessage(page, PROMPT);
    const before = await credits(page);
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await expect
      .poll(() => renderProgress(page), { timeout: STOP_TIMEOUT_MS, interval: 100 })
      .toBeGreaterThanOrEqual(STOP_AT_PROGRESS);

    await app.stop();
    const reconnecting = page.getByTestId('render-reconnecting');
    await reconnecting.waitFor({ timeout: 30_000 });
    await new Promise((resolve) => setTimeout(resolve, DOWN_MS));
    expect(await page.locator('.export-error').count()).toBe(0);
    app = await startApp({ port, persistDir: stateDir });

    const link = page.getByRole('link', { name: 'Download MP4' });
    await link.waitFor({ timeout: DONE_TIMEOUT_MS });
    expect(await reconnecting.count()).toBe(0);
    const out = path.join(workDir, 'after-blip.mp4');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    await download.saveAs(out);
    await expectDeliverable(out, 1920, 1080, 30);

    // One job, one charge.
    expect(exportPosts).toBe(1);
    const renders = renderListSchema.parse(
      await page.evaluate(async () => (await fetch('/api/renders')).json() as Promise<unknown>),
    ).renders;
    expect(renders).toHaveLength(1);
    expect(renders[0]?.status).toBe('completed');
    const cost = renders[0]?.costCredits ?? 0;
    expect(cost).toBe(6);
    expect(await credits(page)).toEqual({
      available: before.available - cost,
      frozen: 0,
      total: before.total - cost,
    });

    // No frame rendered twice: every chunk recorded once, all by this one page session, and
    // each chunk uploaded (answered 200) at most twice (a retry of bytes already recorded).
    const id = renders[0]?.id ?? '';
    const state = renderChunkStateSchema.parse(
      await page.evaluate(
        async (renderId) =>
          (await fetch(`/api/renders/${renderId}/chunks`)).json() as Promise<unknown>,
        id,
      ),
    );
    expect(state.version).toBe(state.chunkCount);
    expect(state.chunks.map((chunk) => chunk.index)).toEqual([...Array(state.chunkCount).keys()]);
    expect(new Set(state.chunks.map((chunk) => chunk.attempt)).size).toBe(1);
    expect(state.chunks.reduce((sum, chunk) => sum + chunk.frames, 0)).toBe(state.totalFrames);
    expect([...chunkPuts.keys()].sort((a, b) => a - b)).toEqual([
      ...Array(state.chunkCount).keys(),
    ]);
    for (const count of chunkPuts.values()) expect(count).toBeLessThanOrEqual(2);
    // The page pushed its progress and never polled the job (item 7: progress is not polled every second).
    expect(renderPolls).toBe(0);
  });
});
