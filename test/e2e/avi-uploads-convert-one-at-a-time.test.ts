/**
 * Issue #5, conversions with progress, for several files: three AVIs (MPEG-4 Part 2, made here
 * with the system ffmpeg) dropped at once are converted one after another by one ffmpeg.wasm
 * core — one worker for all three, never two rows converting at the same time — and the rows
 * that wait say "waiting to convert" before "converting to MP4… NN%". All three end up ready as
 * MP4s.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { useAppPage } from './support/app-page';
import { FFMPEG_PATH } from './support/ffprobe';
import { currentSessionMedia } from './support/session-reads';

const run = promisify(execFile);

const NAMES = ['a.avi', 'b.avi', 'c.avi'] as const;
/** Length of each AVI, s: short, so the three conversions take a few seconds. */
const CLIP_S = 2;
/** Loading the ~31 MiB core once and converting three small clips: ~15 s here. */
const CONVERT_TIMEOUT_MS = 180_000;
/** The ffmpeg.wasm worker script as Vite emits it (`@ffmpeg/ffmpeg`'s `worker.js`). */
const FFMPEG_WORKER_URL = /\/assets\/worker-[\w-]+\.js$/;

const tab = useAppPage('reelwright-avi-queue-e2e-');

/** Starts recording, at every change, each upload row's name, state and shown words. */
async function recordUploadRows(): Promise<void> {
  await tab.page.evaluate(() => {
    const snapshots: string[][] = [];
    Object.assign(window, { uploadRowSnapshots: snapshots });
    new MutationObserver(() => {
      const rows = [...document.querySelectorAll('.upload-task')].map(
        (row) => `${row.querySelector('.upload-task-name')?.textContent ?? ''}|${row.getAttribute('data-state') ?? ''}|${row.querySelector('.muted')?.textContent ?? ''}`,
      );
      if (snapshots.at(-1)?.join() !== rows.join()) snapshots.push(rows);
    }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
}

/** What {@link recordUploadRows} saw: per change, one `{name, state, text}` per row. */
async function uploadRowSnapshots(): Promise<{ name: string; state: string; text: string }[][]> {
  const raw = z.array(z.array(z.string())).parse(await tab.page.evaluate(() => Reflect.get(window, 'uploadRowSnapshots')));
  return raw.map((rows) =>
    rows.map((row) => {
      const [name = '', state = '', text = ''] = row.split('|');
      return { name, state, text };
    }),
  );
}

describe('several AVIs dropped at once', () => {
  it('convert one after another on one ffmpeg core, the waiting ones saying so', async () => {
    const files = NAMES.map((name) => path.join(tab.workDir, name));
    for (const [i, file] of files.entries()) {
      // A different test picture each, so the three MP4s differ.
      await run(FFMPEG_PATH, ['-v', 'error', '-f', 'lavfi', '-i', `testsrc2=size=320x240:rate=30,hue=h=${i * 120}`, '-t', String(CLIP_S), '-c:v', 'mpeg4', '-f', 'avi', file]);
    }
    const workers: string[] = [];
    tab.page.on('worker', (worker) => workers.push(worker.url()));

    await recordUploadRows();
    const startedAt = Date.now();
    await tab.page.getByTestId('upload-input').setInputFiles(files);
    const ready = tab.page.locator('[data-testid="media-items"] li[data-status="ready"]');
    const failed = tab.page.locator('.upload-task[data-state="failed"]');
    await expect
      .poll(async () => ((await failed.count()) > 0 ? `failed: ${await failed.first().innerText()}` : await ready.count()), { timeout: CONVERT_TIMEOUT_MS })
      .toBe(NAMES.length);
    console.info(`three AVIs uploaded, converted and probed in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);

    expect(workers.filter((url) => FFMPEG_WORKER_URL.test(url))).toHaveLength(1);
    const snapshots = await uploadRowSnapshots();
    for (const rows of snapshots) {
      expect(rows.filter((row) => row.state === 'converting').length, rows.map((row) => `${row.name} ${row.text}`).join(', ')).toBeLessThanOrEqual(1);
    }
    const history = (name: string) => snapshots.flatMap((rows) => rows.filter((row) => row.name === name));
    for (const name of NAMES) {
      const seen = history(name);
      const converting = seen.filter((row) => row.state === 'converting');
      expect(converting.some((row) => /^converting to MP4… \d{1,3}%$/.test(row.text)), `${name}: ${seen.map((row) => row.text).join(', ')}`).toBe(true);
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

    const { media } = await currentSessionMedia(tab.page);
    expect(media.map((item) => [item.name, item.format, item.status]).sort()).toEqual(NAMES.map((name) => [name.replace('.avi', '.mp4'), 'mp4', 'ready']));
  });
});
