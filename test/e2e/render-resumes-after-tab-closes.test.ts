/**
 * Issue #4 part 3: a visitor exports a 30-s video, closes the tab at about half way, and opens
 * the app again: the render resumes by itself ("Resuming from N%") after the last chunk stored
 * at the edge — it does not start over: the reopened page encodes only the remaining chunks
 * (read from the job's chunk records, labelled by page session) — and the downloaded MP4, joined
 * from chunks of two page sessions, is one valid file: ffprobe reads it, ffmpeg decodes it
 * without a single error, it has exactly duration × fps frames, and the frame timestamps run on
 * without a gap or a repeat at the chunk joins, each join on a keyframe.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { renderChunkStateSchema, renderListSchema } from '../../shared/api-schema';
import type { RenderChunkState } from '../../shared/api-schema';
import { launchChromium } from '../../scripts/lib/launch-chromium';
import { sendChatMessage } from '../../scripts/lib/drive-app';
import { FFMPEG_PATH, probeMedia, videoPackets } from './support/ffprobe';
import { renderProgress } from './support/render-progress';

const run = promisify(execFile);

const PROMPT = 'Generate a 30-second explainer video about solar panels for homeowners';
/** The video: 30 s at 30 fps. */
const DURATION_S = 30;
const FPS = 30;
/** Close the tab once the progress bar shows this much (the "about 50 %"). */
const CLOSE_AT_PROGRESS = 0.5;
/** A 30-s export takes ~20 s here; these bound a stuck one. */
const HALF_WAY_TIMEOUT_MS = 120_000;
const RESUME_TIMEOUT_MS = 180_000;

let browser: Browser;
let context: BrowserContext;
let workDir: string;

beforeAll(async () => {
  workDir = mkdtempSync(path.join(os.tmpdir(), 'reelwright-resume-'));
  browser = await launchChromium();
  context = await browser.newContext({ acceptDownloads: true });
});

afterAll(async () => {
  await browser?.close();
  rmSync(workDir, { recursive: true, force: true });
});

/** The visitor's newest render id and its chunk records, read through the app's own API. */
async function chunkState(page: Page): Promise<{ renderId: string; state: RenderChunkState }> {
  const raw = await page.evaluate(async () => {
    const renders: unknown = await (await fetch('/api/renders')).json();
    const list = renders as { renders: { id: string }[] };
    const id = list.renders[0]?.id ?? '';
    return {
      renders,
      chunks: (await (await fetch(`/api/renders/${id}/chunks`)).json()) as unknown,
    };
  });
  const renderId = renderListSchema.parse(raw.renders).renders[0]?.id;
  if (renderId === undefined) throw new Error('no render job');
  return { renderId, state: renderChunkStateSchema.parse(raw.chunks) };
}

describe('a render whose tab closes half way', () => {
  it('resumes after the stored chunks when the app is reopened, and joins into one valid MP4', async () => {
    const first = await context.newPage();
    await first.goto(inject('appUrl'));
    await sendChatMessage(first, PROMPT);
    await first.getByRole('button', { name: 'Export', exact: true }).click();
    await expect
      .poll(() => renderProgress(first), { timeout: HALF_WAY_TIMEOUT_MS, interval: 100 })
      .toBeGreaterThanOrEqual(CLOSE_AT_PROGRESS);
    await first.close();

    const second = await context.newPage();
    await second.goto(inject('appUrl'));
    const status = second.getByTestId('render-status');
    await expect
      .poll(() => status.innerText(), { timeout: 30_000, interval: 100 })
      .toMatch(/Resuming from \d+%/);
    const resumedAt = Number(/Resuming from (\d+)%/.exec(await status.innerText())?.[1]);
    const link = second.getByRole('link', { name: 'Download MP4' });
    await link.waitFor({ timeout: RESUME_TIMEOUT_MS });
    const out = path.join(workDir, 'resumed.mp4');
    const [download] = await Promise.all([second.waitForEvent('download'), link.click()]);
    await download.saveAs(out);

    // Resumed, not restarted: the first page's chunks were kept; the second encoded only the rest.
    const { state } = await chunkState(second);
    const totalFrames = DURATION_S * FPS;
    expect(state.version).toBe(state.chunkCount);
    const attempts = [...new Set(state.chunks.map((c) => c.attempt))];
    expect(attempts).toHaveLength(2);
    const [firstAttempt, secondAttempt] = attempts;
    const before = state.chunks.filter((c) => c.attempt === firstAttempt);
    const after = state.chunks.filter((c) => c.attempt === secondAttempt);
    expect(before.length).toBeGreaterThanOrEqual(1);
    expect(before.map((c) => c.index)).toEqual(before.map((_, i) => i));
    const framesEncodedAfterReopen = after.reduce((sum, c) => sum + c.frames, 0);
    expect(framesEncodedAfterReopen).toBeLessThan(totalFrames);
    expect(framesEncodedAfterReopen + before.reduce((sum, c) => sum + c.frames, 0)).toBe(
      totalFrames,
    );
    expect(resumedAt).toBe(Math.round((before.length * state.chunkFrames * 100) / totalFrames));

    // One valid file: probes, decodes with no error at all, duration × fps frames.
    const probe = await probeMedia(out, { countFrames: true });
    const video = probe.streams.find((s) => s.codec_type === 'video');
    expect(video?.codec_name).toBe('h264');
    expect(video?.nb_read_frames).toBe(totalFrames);
    expect(probe.streams.filter((s) => s.codec_type === 'audio')).toHaveLength(1);
    expect(Math.abs(probe.format.duration - DURATION_S)).toBeLessThanOrEqual(0.1);
    const decode = await run(FFMPEG_PATH, ['-v', 'error', '-i', out, '-f', 'null', '-']);
    expect(decode.stderr.trim()).toBe('');

    // Timestamps: one per frame, evenly spaced, none missing or repeated at the joins; each join a keyframe.
    const packets = await videoPackets(out);
    const pts = packets.map((p) => p.pts).sort((a, b) => a - b);
    expect(pts).toHaveLength(totalFrames);
    expect(new Set(pts).size).toBe(totalFrames);
    const step = (pts[1] ?? 0) - (pts[0] ?? 0);
    expect(step).toBeGreaterThan(0);
    const gaps = pts
      .slice(1)
      .map((value, i) => value - (pts[i] ?? 0))
      .filter((gap) => gap !== step);
    expect(gaps).toEqual([]);
    const keyframeAt = new Map(packets.map((p) => [p.pts, p.flags.includes('K')]));
    for (let index = 1; index < state.chunkCount; index++) {
      expect(keyframeAt.get(pts[index * state.chunkFrames] ?? -1)).toBe(true);
    }
  });
});
