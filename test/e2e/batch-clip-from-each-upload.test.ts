/**
 * Issue #5 item 5, in the real SPA under `wrangler dev`: the visitor uploads two clips (MP4,
 * WebM) and a photo (JPEG), asks for "make a 10-second clip from each of these", and the batch
 * panel lists three videos. "Export all 3" queues them; when the first is done the page is
 * reloaded and the queue continues by itself until all three have a Download link. Each MP4 is
 * H.264 1920x1080, 10 s ± 0.5 s, AAC; the Waves video shows the Waves clip (and clearly not the
 * Homeworld clip) in its middle; the three files differ.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sendChatMessage } from '../../scripts/lib/drive-app';
import { renderListSchema } from '../../shared/api-schema';
import type { BatchItem } from '../../shared/batch-schema';
import { useAppPage } from './support/app-page';
import { expectDeliverable } from './support/expect-deliverable';
import { frameSsim } from './support/frame-similarity';
import { currentSessionBatch, currentSessionMedia } from './support/session-reads';

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const UPLOADS = ['clip-waves.mp4', 'clip-homeworld.webm', 'photo-space.jpg'];
const PROMPT = 'make a 10-second clip from each of these';
/** SSIM of a render against its own source clip through H.264 (~0.95 seen; another picture ~0.5). */
const MIN_SAME_PICTURE_SSIM = 0.8;
/** How much lower the Waves video must score against the Homeworld clip than against its own. */
const MIN_SSIM_MARGIN = 0.2;
/** Probing three small files and uploading them takes a few seconds here. */
const UPLOAD_TIMEOUT_MS = 60_000;
/** A 10-s 1080p video renders in ~10 s here; three with a reload in between well under 3 min. */
const FIRST_DONE_TIMEOUT_MS = 120_000;
const ALL_DONE_TIMEOUT_MS = 240_000;

const tab = useAppPage('reelwright-batch-e2e-');

/** The Download link of one video of the batch panel. */
function downloadLink(label: string) {
  return tab.page
    .getByRole('region', { name: 'Batch' })
    .getByRole('link', { name: `Download ${label}`, exact: true });
}

/** The upload's file name of a batch item. */
async function sourceName(item: BatchItem): Promise<string> {
  const { media } = await currentSessionMedia(tab.page);
  return media.find((entry) => entry.id === item.mediaId)?.name ?? '';
}

/** Render time and source time (s) of the middle of the segment showing the video's middle. */
function middleFrame(item: BatchItem): { renderS: number; sourceS: number } {
  const middleMs = item.draft.durationMs / 2;
  const track = item.draft.tracks.find((entry) => entry.kind === 'video');
  if (track?.kind !== 'video') throw new Error(`${item.label} has no video track`);
  const segment = track.segments.find(
    (entry) => entry.startMs <= middleMs && middleMs < entry.startMs + entry.durationMs,
  );
  if (segment?.visual.type !== 'media')
    throw new Error(`${item.label}'s middle does not show its upload`);
  return {
    renderS: (segment.startMs + segment.durationMs / 2) / 1000,
    sourceS: (segment.visual.sourceStartMs + segment.durationMs / 2) / 1000,
  };
}

/** The statuses of the visitor's render jobs, oldest first, read through the page's API. */
async function renderStatuses(): Promise<string[]> {
  const raw: unknown = await tab.page.evaluate(async () => (await fetch('/api/renders')).json());
  return renderListSchema
    .parse(raw)
    .renders.map((job) => job.status)
    .reverse();
}

describe('a batch: a clip from each upload', () => {
  it('exports one MP4 per upload through a queue that survives a reload', async () => {
    const startedAt = Date.now();
    const { page } = tab;
    await page
      .getByTestId('upload-input')
      .setInputFiles(UPLOADS.map((name) => path.join(FIXTURES, name)));
    await expect
      .poll(() => page.locator('[data-testid="media-items"] li[data-status="ready"]').count(), {
        timeout: UPLOAD_TIMEOUT_MS,
      })
      .toBe(UPLOADS.length);

    await sendChatMessage(page, PROMPT);
    const panel = page.getByRole('region', { name: 'Batch' });
    await expect.poll(() => panel.getByRole('listitem').count()).toBe(3);
    const { batch } = await currentSessionBatch(page);
    if (batch === null) throw new Error('the session has no batch');
    const labels = batch.items.map((item) => item.label);
    expect(await panel.locator('.batch-item-label').allInnerTexts()).toEqual(labels);
    expect(await Promise.all(batch.items.map(sourceName))).toEqual(UPLOADS); // upload order is kept
    expect(batch.items.map((item) => item.draft.durationMs)).toEqual([10_000, 10_000, 10_000]);

    // Preview another video: its toggle is pressed, the others are not.
    const [, second] = labels;
    await panel.getByRole('button', { name: `Preview ${second}` }).click();
    expect(
      await panel
        .getByRole('button', { name: /^Preview / })
        .evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-pressed'))),
    ).toEqual(['false', 'true', 'false']);

    await panel.getByRole('button', { name: 'Export all 3' }).click();
    const [first = ''] = labels;
    await downloadLink(first).waitFor({ timeout: FIRST_DONE_TIMEOUT_MS });
    const firstDoneMs = Date.now() - startedAt;

    // Reload while the others still wait: nothing is pressed again, the queue continues by itself.
    const atReload = await renderStatuses();
    expect(atReload.filter((status) => status === 'completed')).toHaveLength(1);
    expect(atReload).toHaveLength(3);
    await page.reload();
    for (const label of labels) await downloadLink(label).waitFor({ timeout: ALL_DONE_TIMEOUT_MS });
    expect(await page.getByRole('alert').isVisible()).toBe(false);

    const files: string[] = [];
    for (const [index, label] of labels.entries()) {
      const file = path.join(tab.workDir, `batch-${index}.mp4`);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        downloadLink(label).click(),
      ]);
      await download.saveAs(file);
      files.push(file);
      await expectDeliverable(file, 1920, 1080, 10);
    }

    const waves = batch.items[0];
    if (waves === undefined) throw new Error('no Waves video');
    const { renderS, sourceS } = middleFrame(waves);
    const own = await frameSsim(
      files[0] ?? '',
      renderS,
      path.join(FIXTURES, 'clip-waves.mp4'),
      sourceS,
      1920,
      1080,
    );
    // The Homeworld clip is 5 s long: its middle frame.
    const other = await frameSsim(
      files[0] ?? '',
      renderS,
      path.join(FIXTURES, 'clip-homeworld.webm'),
      2.5,
      1920,
      1080,
    );
    const hashes = await Promise.all(
      files.map(async (file) =>
        createHash('sha256')
          .update(await readFile(file))
          .digest('hex'),
      ),
    );
    console.info(
      `batch: SSIM of the Waves video vs clip-waves ${own.toFixed(3)}, vs clip-homeworld ${other.toFixed(3)}; ` +
        `first video done after ${(firstDoneMs / 1000).toFixed(1)} s, all three after ${((Date.now() - startedAt) / 1000).toFixed(1)} s`,
    );
    expect(own).toBeGreaterThan(MIN_SAME_PICTURE_SSIM);
    expect(own - other).toBeGreaterThan(MIN_SSIM_MARGIN);
    expect(new Set(hashes).size).toBe(3);
  });
});
