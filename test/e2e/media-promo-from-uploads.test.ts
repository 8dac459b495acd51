/**
 * Issue #5's "done when", in the real SPA under `wrangler dev`: the visitor uploads two clips
 * (MP4, WebM), two photos (JPEG, WebP) and a song (MP3) with the file picker, asks for "combine
 * these clips into a 20-second promo video with text overlays and transitions, use my music",
 * exports, and the MP4 is H.264 1920x1080, 20 s ± 0.5 s, AAC, with the first clip's own picture
 * in the middle of its segment and sound that is not silent. A cut-short MP4 is then refused
 * clearly at probe time and the session keeps working.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportAndDownload, sendChatMessage } from '../../scripts/lib/drive-app';
import { expectDeliverable } from './support/expect-deliverable';
import { meanVolumeDb } from './support/ffmpeg-measure';
import { frameSsim } from './support/frame-similarity';
import { useAppPage } from './support/app-page';
import { currentSessionDraft, currentSessionMedia } from './support/session-reads';

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const UPLOADS = [
  'clip-waves.mp4',
  'clip-homeworld.webm',
  'photo-space.jpg',
  'photo-lines.webp',
  'music-forest.mp3',
];
const PROMPT =
  'combine these clips into a 20-second promo video with text overlays and transitions, use my music';
/**
 * SSIM of the render against the first clip's own frame: the same picture through H.264 scores
 * ~0.95; another of the sample pictures scores ~0.56 (smooth wallpapers look alike to SSIM).
 */
const MIN_SAME_PICTURE_SSIM = 0.8;
/** Uploaded music at 35 %: a silent track measures −91 dB. */
const MIN_MEAN_VOLUME_DB = -45;
/** Probing five small files and uploading them takes a few seconds here. */
const UPLOAD_TIMEOUT_MS = 60_000;

const tab = useAppPage('reelwright-media-e2e-');

async function readyCount(): Promise<number> {
  return tab.page.locator('[data-testid="media-items"] li[data-status="ready"]').count();
}

describe('a promo from the visitor’s own clips, photos and music', () => {
  it('uploads five files, plans the promo from them and exports a 20-second 1080p MP4 showing the clips', async () => {
    await tab.page
      .getByTestId('upload-input')
      .setInputFiles(UPLOADS.map((name) => path.join(FIXTURES, name)));
    await expect.poll(readyCount, { timeout: UPLOAD_TIMEOUT_MS }).toBe(UPLOADS.length);
    expect(await tab.page.locator('.media-item img').count()).toBe(UPLOADS.length);

    const reply = await sendChatMessage(tab.page, PROMPT);
    expect(reply.length).toBeGreaterThan(0);
    const draft = await currentSessionDraft(tab.page);
    expect(draft.durationMs).toBe(20_000);
    const video = draft.tracks.find((track) => track.kind === 'video');
    if (video?.kind !== 'video') throw new Error('no video track');
    const first = video.segments[0];
    if (first?.visual.type !== 'media') throw new Error('the first segment is not an upload');
    const { mediaId } = first.visual;
    const firstName =
      (await currentSessionMedia(tab.page)).media.find((item) => item.id === mediaId)?.name ?? '';
    expect(firstName).toBe('clip-waves.mp4'); // upload order is kept
    // The song's beat was found when it was probed, and the plan keeps it beside the music.
    const song = (await currentSessionMedia(tab.page)).media.find(
      (item) => item.info?.kind === 'audio',
    );
    const beat = song?.info?.beat;
    expect(beat?.tempoBpm).toBeGreaterThanOrEqual(90);
    expect(beat?.tempoBpm).toBeLessThanOrEqual(180);
    const music = draft.tracks.find(
      (track) => track.kind === 'audio' && track.segments[0]?.source.type === 'media',
    );
    expect(music?.kind === 'audio' ? music.segments[0]?.source : null).toMatchObject({
      mediaId: song?.id,
      beat,
    });

    const file = path.join(tab.workDir, 'promo.mp4');
    await exportAndDownload(tab.page, file);
    await expectDeliverable(file, 1920, 1080, 20);

    const middleS = (first.startMs + first.durationMs / 2) / 1000;
    const sourceS = (first.visual.sourceStartMs + first.durationMs / 2) / 1000;
    const ssim = await frameSsim(
      file,
      middleS,
      path.join(FIXTURES, firstName),
      sourceS,
      1920,
      1080,
    );
    const volumeDb = await meanVolumeDb(file);
    console.info(
      `media promo: SSIM vs clip-waves ${ssim.toFixed(3)}, mean volume ${volumeDb.toFixed(1)} dB`,
    );
    expect(ssim).toBeGreaterThan(MIN_SAME_PICTURE_SSIM);
    expect(volumeDb).toBeGreaterThan(MIN_MEAN_VOLUME_DB);
  });

  it('refuses a cut-short MP4 with a clear message and the session keeps working', async () => {
    await tab.page
      .getByTestId('upload-input')
      .setInputFiles(path.join(FIXTURES, 'bad-truncated.mp4'));
    const row = tab.page.locator('.upload-task[data-state="failed"]', {
      hasText: 'bad-truncated.mp4',
    });
    await expect.poll(() => row.count(), { timeout: UPLOAD_TIMEOUT_MS }).toBe(1);
    expect(await row.innerText()).toMatch(/damaged or cut short|could not be read/i);
    expect(await readyCount()).toBe(UPLOADS.length);

    const reply = await sendChatMessage(tab.page, 'make the title red');
    expect(reply.length).toBeGreaterThan(0);
    expect((await currentSessionDraft(tab.page)).durationMs).toBe(20_000);
  });
});
