/**
 * Issue #5, "containers or codecs the browser cannot decode … converted in the browser with a
 * self-hosted ffmpeg.wasm core, with progress": three AVIs holding MPEG-4 Part 2 video (made here
 * with the system ffmpeg) are dropped at once. The browser's probe refuses them, and they are
 * converted one after another by one ffmpeg.wasm core — one worker for all three, never two rows
 * converting at the same time; the rows that wait say "waiting to convert" before "converting to
 * MP4… NN%" with a moving bar — then uploaded again as MP4s in their place (the AVIs are gone).
 * The stored bytes are H.264 of the clip's size and length, as ffprobe reads them.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { z } from 'zod';
import { useAppPage } from './support/app-page';
import { FFMPEG_PATH, probeMedia } from './support/ffprobe';
import { currentSessionMedia } from './support/session-reads';

const run = promisify(execFile);

const NAMES = ['a.avi', 'b.avi', 'c.avi'] as const;
/** Length of each AVI, s: short, so the three conversions take a few seconds. */
const CLIP_S = 2;
/** Picture size of each AVI, px. */
const CLIP_SIZE = [320, 240] as const;
/** Duration tolerance, s: the MP4's length is whole frames at 30 fps, plus encoder padding. */
const DURATION_TOLERANCE_S = 0.1;
/** Loading the ~31 MiB core once and converting three small clips: ~15 s here. */
const CONVERT_TIMEOUT_MS = 180_000;
/** The ffmpeg.wasm worker script as Vite emits it (`@ffmpeg/ffmpeg`'s `worker.js`). */
const FFMPEG_WORKER_URL = /\/assets\/worker-[\w-]+\.js$/;

const tab = useAppPage('reelwright-avi-queue-e2e-');

/** Starts recording, at every change, each upload row's name, state, shown words and bar value. */
async function recordUploadRows(): Promise<void> {
  await tab.page.evaluate(() => {
    const snapshots: string[][] = [];
    Object.assign(window, { uploadRowSnapshots: snapshots });
    new MutationObserver(() => {
      const rows = [...document.querySelectorAll('.upload-task')].map(
        (row) =>
          `${row.querySelector('.upload-task-name')?.textContent ?? ''}|${row.getAttribute('data-state') ?? ''}|` +
          `${row.querySelector('.muted')?.textContent ?? ''}|${row.querySelector('progress')?.value ?? ''}`,
      );
      if (snapshots.at(-1)?.join() !== rows.join()) snapshots.push(rows);
    }).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
  });
}

/** What {@link recordUploadRows} saw: per change, one `{name, state, text, bar}` per row (`bar` 0..1, NaN for none). */
async function uploadRowSnapshots(): Promise<
  { name: string; state: string; text: string; bar: number }[][]
> {
  const raw = z
    .array(z.array(z.string()))
    .parse(await tab.page.evaluate(() => Reflect.get(window, 'uploadRowSnapshots')));
  return raw.map((rows) =>
    rows.map((row) => {
      const [name = '', state = '', text = '', bar = ''] = row.split('|');
      return { name, state, text, bar: bar === '' ? Number.NaN : Number(bar) };
    }),
  );
}

describe('several AVIs dropped at once', () => {
  it('convert one after another on one ffmpeg core, the waiting ones saying so', async () => {
    const files = NAMES.map((name) => path.join(tab.workDir, name));
    for (const [i, file] of files.entries()) {
      // A different test picture each, so the three MP4s differ.
      await run(FFMPEG_PATH, [
        '-v',
        'error',
        '-f',
        'lavfi',
        '-i',
        `testsrc2=size=${CLIP_SIZE.join('x')}:rate=30,hue=h=${i * 120}`,
        '-t',
        String(CLIP_S),
        '-c:v',
        'mpeg4',
        '-f',
        'avi',
        file,
      ]);
    }
    const workers: string[] = [];
    tab.page.on('worker', (worker) => workers.push(worker.url()));

    await recordUploadRows();
    const startedAt = Date.now();
    await tab.page.getByTestId('upload-input').setInputFiles(files);
    const ready = tab.page.locator('[data-testid="media-items"] li[data-status="ready"]');
    const failed = tab.page.locator('.upload-task[data-state="failed"]');
    await expect
      .poll(
        async () =>
          (await failed.count()) > 0
            ? `failed: ${await failed.first().innerText()}`
            : await ready.count(),
        { timeout: CONVERT_TIMEOUT_MS },
      )
      .toBe(NAMES.length);
    console.info(
      `three AVIs uploaded, converted and probed in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`,
    );

    expect(workers.filter((url) => FFMPEG_WORKER_URL.test(url))).toHaveLength(1);
    const snapshots = await uploadRowSnapshots();
    for (const rows of snapshots) {
      expect(
        rows.filter((row) => row.state === 'converting').length,
        rows.map((row) => `${row.name} ${row.text}`).join(', '),
      ).toBeLessThanOrEqual(1);
    }
    const history = (name: string) =>
      snapshots.flatMap((rows) => rows.filter((row) => row.name === name));
    for (const name of NAMES) {
      const seen = history(name);
      const converting = seen.filter((row) => row.state === 'converting');
      expect(
        converting.some((row) => /^converting to MP4… \d{1,3}%$/.test(row.text)),
        `${name}: ${seen.map((row) => row.text).join(', ')}`,
      ).toBe(true);
      expect(
        converting.some((row) => row.bar > 0 && row.bar < 1),
        `${name}: the bar moved`,
      ).toBe(true);
      // Uploading is tried first (the AVI), then the converted MP4 is uploaded after converting.
      const states = seen.map((row) => row.state);
      expect(states.indexOf('uploading')).toBeLessThan(states.indexOf('converting'));
      expect(states.lastIndexOf('uploading')).toBeGreaterThan(states.indexOf('converting'));
    }
    // Whichever file reached the converter first converts at once; the other two wait first.
    const waited = NAMES.filter((name) => history(name).some((row) => row.state === 'waiting'));
    expect(waited).toHaveLength(NAMES.length - 1);
    for (const name of waited) {
      const seen = history(name);
      const firstWaiting = seen.findIndex((row) => row.state === 'waiting');
      expect(seen[firstWaiting]?.text).toBe('waiting to convert');
      expect(firstWaiting).toBeLessThan(seen.findIndex((row) => row.state === 'converting'));
    }

    const { sessionId, media } = await currentSessionMedia(tab.page);
    expect(media.map((item) => [item.name, item.format, item.kind, item.status]).sort()).toEqual(
      NAMES.map((name) => [name.replace('.avi', '.mp4'), 'mp4', 'video', 'ready']),
    );
    for (const item of media) {
      expect(item.info?.videoCodec).toMatch(/^avc/);
      expect([item.info?.width, item.info?.height]).toEqual([...CLIP_SIZE]);
      expect(Math.abs((item.info?.durationMs ?? 0) / 1000 - CLIP_S)).toBeLessThanOrEqual(
        DURATION_TOLERANCE_S,
      );
    }

    // The stored bytes themselves, as ffprobe reads them.
    const first = media[0];
    if (first === undefined) throw new Error('no upload');
    const response = await tab.page.request.get(
      new URL(`/api/sessions/${sessionId}/media/${first.id}/file`, inject('appUrl')).href,
    );
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
