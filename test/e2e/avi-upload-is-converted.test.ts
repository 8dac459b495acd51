/**
 * Issue #5, "containers or codecs the browser cannot decode": an AVI holding MPEG-4 Part 2
 * video (made here with the system ffmpeg) is uploaded through the page, refused by the
 * browser's probe, converted in the page with the self-hosted ffmpeg.wasm core, uploaded again
 * as `x.mp4` and probed. The session then holds one ready MP4 (H.264) of the clip's length, and
 * the original AVI is gone.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { z } from 'zod';
import { mediaListSchema } from '../../shared/media-schema';
import type { MediaItem } from '../../shared/media-schema';
import { FFMPEG_PATH, probeMedia } from './support/ffprobe';
import { useAppPage } from './support/app-page';

const run = promisify(execFile);

/** Length of the generated clip, s. */
const CLIP_S = 2;
/** Duration tolerance, s: the MP4's length is whole frames at 30 fps, plus encoder padding. */
const DURATION_TOLERANCE_S = 0.1;
/** Uploading, loading the ~31 MiB core, converting 60 frames and uploading again: ~10 s here. */
const CONVERT_TIMEOUT_MS = 120_000;

const tab = useAppPage('reelwright-avi-e2e-');

/** Starts recording every upload row's state and bar value (`converting 0.42`) as they change. */
async function recordUploadRows(): Promise<void> {
  await tab.page.evaluate(() => {
    const seen: string[] = [];
    Object.assign(window, { uploadRowsSeen: seen });
    new MutationObserver(() => {
      for (const row of document.querySelectorAll('.upload-task')) {
        const entry = `${row.getAttribute('data-state') ?? ''} ${row.querySelector('progress')?.value ?? ''}`;
        if (seen.at(-1) !== entry) seen.push(entry);
      }
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
}

/** What {@link recordUploadRows} saw. */
async function uploadRowsSeen(): Promise<string[]> {
  return z.array(z.string()).parse(await tab.page.evaluate(() => Reflect.get(window, 'uploadRowsSeen')));
}

/** The current session's id and its uploads, read through the API the page uses. */
async function sessionMedia(): Promise<{ sessionId: string; media: MediaItem[] }> {
  const raw: unknown = await tab.page.evaluate(async () => {
    const list = (await (await fetch('/api/sessions')).json()) as { sessions: { id: string }[] };
    const sessionId = list.sessions[0]?.id ?? '';
    return { sessionId, list: await (await fetch(`/api/sessions/${sessionId}/media`)).json() };
  });
  const parsed = z.object({ sessionId: z.string(), list: mediaListSchema }).parse(raw);
  return { sessionId: parsed.sessionId, media: parsed.list.media };
}

describe('an AVI the browser cannot decode', () => {
  it('is converted in the page to an H.264 MP4, uploaded in its place and ready in the bin', async () => {
    const avi = path.join(tab.workDir, 'x.avi');
    await run(FFMPEG_PATH, ['-v', 'error', '-f', 'lavfi', '-i', `testsrc2=size=640x360:rate=30`, '-t', String(CLIP_S), '-c:v', 'mpeg4', '-f', 'avi', avi]);

    await recordUploadRows();
    await tab.page.getByTestId('upload-input').setInputFiles(avi);
    const ready = tab.page.locator('[data-testid="media-items"] li[data-status="ready"]');
    const failed = tab.page.locator('.upload-task[data-state="failed"]');
    await expect
      .poll(async () => ((await failed.count()) > 0 ? `failed: ${await failed.first().innerText()}` : await ready.count()), { timeout: CONVERT_TIMEOUT_MS })
      .toBe(1);

    // The row said "converting" with a moving bar, then uploaded the MP4.
    const seen = await uploadRowsSeen();
    const converting = seen.filter((entry) => entry.startsWith('converting ')).map((entry) => Number(entry.split(' ')[1]));
    expect(converting.some((value) => value > 0 && value < 1), seen.join(', ')).toBe(true);
    expect(seen.findIndex((entry) => entry.startsWith('uploading '))).toBeLessThan(seen.findIndex((entry) => entry.startsWith('converting ')));
    expect(seen.findLastIndex((entry) => entry.startsWith('uploading '))).toBeGreaterThan(seen.findIndex((entry) => entry.startsWith('converting ')));

    const { sessionId, media } = await sessionMedia();
    expect(media).toHaveLength(1); // the AVI itself was removed again
    const [item] = media;
    if (item === undefined) throw new Error('no upload');
    expect(item).toMatchObject({ name: 'x.mp4', format: 'mp4', kind: 'video', status: 'ready' });
    expect(item.info?.videoCodec).toMatch(/^avc/);
    expect([item.info?.width, item.info?.height]).toEqual([640, 360]);
    expect(Math.abs((item.info?.durationMs ?? 0) / 1000 - CLIP_S)).toBeLessThanOrEqual(DURATION_TOLERANCE_S);

    // The stored bytes themselves, as ffprobe reads them.
    const response = await tab.page.request.get(new URL(`/api/sessions/${sessionId}/media/${item.id}/file`, inject('appUrl')).href);
    expect(response.status()).toBe(200);
    const stored = path.join(tab.workDir, 'stored.mp4');
    writeFileSync(stored, await response.body());
    const probe = await probeMedia(stored);
    expect(probe.format.format_name).toContain('mp4');
    const video = probe.streams.find((stream) => stream.codec_type === 'video');
    expect(video?.codec_name).toBe('h264');
    expect(video?.pix_fmt).toBe('yuv420p');
    expect(Math.abs(probe.format.duration - CLIP_S)).toBeLessThanOrEqual(DURATION_TOLERANCE_S);
  });
});
