/**
 * The product's main job, end to end on the embedded engine: a visitor types a script into the
 * real SPA (built, served by `wrangler dev`), exports, downloads, and the MP4 is what we promise:
 * H.264 High 1920x1080 30 fps, 30 s ± 0.5 s, one AAC stream, fast start, a real picture at the
 * title; then the chat edit "make it vertical and 15 seconds" gives 1080x1920, 15 s ± 0.5 s.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportAndDownload, sendChatMessage } from '../../scripts/lib/drive-app';
import { expectDeliverable } from './support/expect-deliverable';
import { frameLuma, meanVolumeDb } from './support/ffmpeg-measure';
import { useAppPage } from './support/app-page';
import { probeMedia, wvttCues } from './support/ffprobe';
import { currentSessionDraft } from './support/session-reads';
import { subtitleCues } from '../../shared/subtitle-files';

const SCRIPT = readFileSync(
  path.join(__dirname, '..', 'fixtures', 'explainer-script.txt'),
  'utf8',
).trim();
/** The title scene is the first seconds; 1 s in, the title is fading in over the first scene. */
const TITLE_FRAME_AT_S = 1.5;
/** Luma spread of a drawn frame (text, icon, gradient) vs a flat fill (spread ≈ 0). */
const MIN_LUMA_SPREAD = 40;
/** Generated music at 35 %: a silent track measures −91 dB. */
const MIN_MEAN_VOLUME_DB = -45;

const tab = useAppPage('reelwright-e2e-');

describe('prompt to finished MP4 on the embedded engine', () => {
  it('plans a 30-second explainer from a script and exports a 1080p H.264 MP4', async () => {
    const reply = await sendChatMessage(
      tab.page,
      `generate a 30-second explainer video from this script: ${SCRIPT}`,
    );
    expect(reply).toMatch(/scene/i);
    await expect
      .poll(() =>
        tab.page
          .getByText(/^Timeline \(\d+ tracks\)/)
          .first()
          .innerText(),
      )
      .toMatch(/Video: .*\(0-30s\)/);

    const file = path.join(tab.workDir, 'explainer.mp4');
    await exportAndDownload(tab.page, file);
    await expectDeliverable(file, 1920, 1080, 30);

    const luma = await frameLuma(file, TITLE_FRAME_AT_S);
    expect(luma.max - luma.min).toBeGreaterThan(MIN_LUMA_SPREAD);
    expect(await meanVolumeDb(file)).toBeGreaterThan(MIN_MEAN_VOLUME_DB);

    // No narration: the subtitles are the on-screen texts, offered beside the MP4 and inside it.
    expect(await tab.page.getByRole('link', { name: 'SRT' }).isVisible()).toBe(true);
    const texts = subtitleCues(await currentSessionDraft(tab.page)).map((cue) => cue.text);
    expect(texts.length).toBeGreaterThan(3);
    const track = (await probeMedia(file)).streams.find((s) => s.codec_tag_string === 'wvtt');
    expect(track, 'a WebVTT subtitle track').toMatchObject({ tags: { language: 'eng' } });
    const inFile = await wvttCues(file, track?.index ?? -1);
    expect(new Set(inFile.map((cue) => cue.text))).toEqual(new Set(texts));
  });

  it('re-exports as 1080x1920, 15 s after "make it vertical and 15 seconds"', async () => {
    await sendChatMessage(tab.page, 'make it vertical and 15 seconds');
    await expect
      .poll(() =>
        tab.page
          .getByText(/^Timeline \(\d+ tracks\)/)
          .first()
          .innerText(),
      )
      .toMatch(/\(0-15s\)/);

    const file = path.join(tab.workDir, 'vertical.mp4');
    await exportAndDownload(tab.page, file);
    await expectDeliverable(file, 1080, 1920, 15);
  });
});
