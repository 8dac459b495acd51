/**
 * Issue 16 item 4: two encoders in one browser. A 12-s explainer made by the real edge is
 * exported in headless Chromium with two encode workers, its chunks stored at the edge (whose
 * ledger accepts them only in order) and the MP4 uploaded and checked by the edge: both workers
 * made chunks and their encoding overlapped in time, progress never went back, and the file is
 * one valid MP4 (ffprobe, an error-free ffmpeg decode, duration × fps frames, one timestamp per
 * frame, a keyframe at every chunk join). A failing chunk store or an abort stops the render at
 * once with its error and ends both workers.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { z } from 'zod';
import { expectChunkJoins } from './support/expect-chunk-joins';
import { launchChromium } from './support/launch-chromium';
import { startViteDevServer, type RunningViteServer } from './support/vite-dev-server';

/** 12 s at 30 fps: three 4-s chunks, so the two workers share them and one waits for order. */
const PROMPT = 'Generate a 12-second explainer video about solar panels for homeowners';
const DURATION_S = 12;
const FPS = 30;
/** How long a stopped render may take to reject and end its workers. */
const STOP_TIMEOUT_MS = 20_000;

const exportSchema = z.object({
  base64: z.string(),
  encoders: z.number(),
  chunksByEncoder: z.array(z.number()),
  chunkCount: z.number(),
  framesEncoded: z.number(),
  encodeVideoMs: z.number(),
  videoWallMs: z.number(),
  progress: z.array(z.number()),
  storedIndices: z.array(z.number()),
  ledgerVersion: z.number(),
  chunkFrames: z.number(),
  status: z.string(),
});

let server: RunningViteServer;
let browser: Browser;
let page: Page;
let workDir: string;

beforeAll(async () => {
  workDir = mkdtempSync(path.join(os.tmpdir(), 'reelwright-two-encoders-'));
  server = await startViteDevServer({ apiProxy: inject('appUrl') });
  browser = await launchChromium();
  page = await browser.newPage();
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  await page.goto(server.blankPageUrl);
  // A string, so the test runner does not rewrite the dynamic imports for Node.
  await page.evaluate(`(async () => {
    const { createApiClient } = await import('/app/api-client.ts');
    const api = createApiClient();
    const session = await api.createSession();
    await api.streamMessage(session.id, ${JSON.stringify(PROMPT)}, () => undefined);
    window.twoEncoders = {
      api,
      sessionId: session.id,
      store: await import('/app/models/edge-chunk-store.ts'),
      memory: await import('/render/render-chunk-store.ts'),
      render: await import('/render/render-video.ts'),
    };
  })()`);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('an export with two encode workers', () => {
  it('stores chunks from both workers in order and joins one valid MP4 with a keyframe at every join', async () => {
    const raw: unknown = await page.evaluate(`(async () => {
      const { api, sessionId, store, render } = window.twoEncoders;
      const job = await api.createExport(sessionId);
      const chunks = store.createEdgeChunkStore(api, job.id, crypto.randomUUID());
      const progress = [];
      const result = await render.renderVideo(job.draft, {
        encoders: 2,
        resume: { store: chunks, firstChunk: 0, audioStored: false },
        onProgress: (p) => progress.push(p.framesDone),
      });
      await chunks.drain();
      const ledger = await api.getRenderChunks(job.id);
      const done = await api.uploadRenderFile(job.id, result.blob);
      const bytes = new Uint8Array(await result.blob.arrayBuffer());
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return {
        base64: btoa(binary),
        encoders: result.encoders,
        chunksByEncoder: result.chunksByEncoder,
        chunkCount: result.chunkCount,
        framesEncoded: result.framesEncoded,
        encodeVideoMs: result.timings.encodeVideoMs,
        videoWallMs: result.timings.videoWallMs,
        progress,
        storedIndices: ledger.chunks.map((c) => c.index),
        ledgerVersion: ledger.version,
        chunkFrames: ledger.chunkFrames,
        status: done.status,
      };
    })()`);
    const result = exportSchema.parse(raw);
    const totalFrames = DURATION_S * FPS;

    // Two workers ran, each made chunks, and their encoding overlapped in time.
    expect(result.encoders).toBe(2);
    expect(result.chunkCount).toBe(3);
    expect(result.chunksByEncoder).toHaveLength(2);
    expect(result.chunksByEncoder.every((n) => n >= 1)).toBe(true);
    expect(result.chunksByEncoder.reduce((a, b) => a + b, 0)).toBe(3);
    expect(result.encodeVideoMs).toBeGreaterThan(result.videoWallMs);
    // Progress sums both workers: it never goes back and ends at every frame.
    expect(result.progress.length).toBeGreaterThan(2);
    expect(result.progress.every((n, i) => i === 0 || n >= (result.progress[i - 1] ?? 0))).toBe(
      true,
    );
    expect(result.progress.at(-1)).toBe(totalFrames);
    // The edge recorded every chunk, in order, and accepted the file.
    expect(result.storedIndices).toEqual([0, 1, 2]);
    expect(result.ledgerVersion).toBe(3);
    expect(result.status).toBe('completed');

    const out = path.join(workDir, 'two-encoders.mp4');
    writeFileSync(out, Buffer.from(result.base64, 'base64'));
    expect(result.framesEncoded).toBe(totalFrames);
    await expectChunkJoins(out, {
      totalFrames,
      chunkFrames: result.chunkFrames,
      chunkCount: result.chunkCount,
      durationS: DURATION_S,
    });
  });

  it('fails at once with the store’s error when storing a chunk fails, and ends both workers', async () => {
    const startedAt = Date.now();
    const message = await page.evaluate(`(async () => {
      const { api, sessionId, memory, render } = window.twoEncoders;
      const job = await api.createExport(sessionId);
      await api.failRender(job.id, 'test: rendered into a failing store');
      const inner = memory.memoryChunkStore();
      const store = {
        ...inner,
        saveChunk: (index, bytes) =>
          index === 1 ? Promise.reject(new Error('chunk 1 could not be stored')) : inner.saveChunk(index, bytes),
      };
      try {
        await render.renderVideo(job.draft, {
          encoders: 2,
          resume: { store, firstChunk: 0, audioStored: false },
        });
        return 'resolved';
      } catch (error) {
        return error.message;
      }
    })()`);
    expect(message).toBe('chunk 1 could not be stored');
    expect(Date.now() - startedAt).toBeLessThan(120_000);
    await expect.poll(() => page.workers().length, { timeout: STOP_TIMEOUT_MS }).toBe(0);
  });

  it('stops both workers when aborted mid-render and rejects as aborted', async () => {
    const name = await page.evaluate(`(async () => {
      const { api, sessionId, render } = window.twoEncoders;
      const job = await api.createExport(sessionId);
      await api.failRender(job.id, 'test: aborted');
      const controller = new AbortController();
      try {
        await render.renderVideo(job.draft, {
          encoders: 2,
          signal: controller.signal,
          onProgress: (p) => { if (p.framesDone >= 30) controller.abort(); },
        });
        return 'resolved';
      } catch (error) {
        return error.name;
      }
    })()`);
    expect(name).toBe('RenderAbortedError');
    await expect.poll(() => page.workers().length, { timeout: STOP_TIMEOUT_MS }).toBe(0);
  });
});
