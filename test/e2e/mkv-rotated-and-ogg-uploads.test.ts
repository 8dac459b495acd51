/**
 * Issue #5 item 4, with files made here by the system ffmpeg: an H.264/AAC Matroska clip, a
 * phone-style MP4 whose track says "show me turned 90° clockwise" (its top red, its bottom blue),
 * a VP9/Opus Matroska clip of odd size (321x241) and two Ogg songs (Opus, Vorbis) are uploaded
 * through the page and probed; then "combine these clips into a 6-second video, use my music"
 * is exported. The MKV's picture is in the MP4, the rotated clip is upright in its thumbnail and in
 * the MP4 (blue on the left, red on the right), the odd-sized clip renders, and the Ogg song is
 * the music and is heard.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportAndDownload, sendChatMessage } from '../../scripts/lib/drive-app';
import type { MediaItem } from '../../shared/media-schema';
import { useAppPage } from './support/app-page';
import { meanVolumeDb } from './support/ffmpeg-measure';
import { FFMPEG_PATH, probeMedia } from './support/ffprobe';
import { frameSsim } from './support/frame-similarity';
import { pixelRgb } from './support/pixel-colour';
import type { Rgb } from './support/pixel-colour';
import { currentSessionDraft, currentSessionMedia } from './support/session-reads';

const run = promisify(execFile);

/** Length of every generated clip and song, s. */
const CLIP_S = 3;
/** Probed lengths are whole frames / packets: within 0.1 s of the asked length. */
const DURATION_TOLERANCE_S = 0.1;
const PROMPT = 'combine these clips into a 6-second video, use my music';
/** Three clips in 6 s: 2 s each, in upload order. */
const SEGMENT_S = 2;
/** Five small files uploaded and probed: a few seconds here. */
const UPLOAD_TIMEOUT_MS = 60_000;
/**
 * SSIM of the render against its source frame: the same picture through scaling and H.264 scores
 * ~0.9 (the first segment carries the title, the others an overlay); unrelated pictures score ~0.5.
 */
const MIN_SAME_PICTURE_SSIM = 0.75;
/** The Ogg song at 35 %: silence measures −91 dB (the clips' own sound is silent here). */
const MIN_MEAN_VOLUME_DB = -45;
/** A channel this bright (0..255) is "on", this dark "off": JPEG and H.264 blur pure colours a little. */
const ON = 150;
const OFF = 100;

const tab = useAppPage('reelwright-mkv-rotated-e2e-');

/** The files, by name, in upload order. */
const FILES = ['waves.mkv', 'portrait.mp4', 'odd.mkv', 'song.ogg', 'voice.ogg'] as const;
type FileName = (typeof FILES)[number];
const filePath = (name: FileName | 'landscape.mp4'): string => path.join(tab.workDir, name);

/** Makes the test media with ffmpeg (all under 1 MB, in well under a second). */
async function makeMedia(): Promise<void> {
  const ffmpeg = (args: string[]): Promise<unknown> =>
    run(FFMPEG_PATH, ['-v', 'error', '-y', ...args]);
  const silence = ['-f', 'lavfi', '-i', 'anullsrc=r=48000:cl=stereo'];
  await ffmpeg([
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=854x480:rate=30',
    ...silence,
    '-t',
    String(CLIP_S),
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-pix_fmt',
    'yuv420p',
    '-c:a',
    'aac',
    filePath('waves.mkv'),
  ]);
  // A picture whose top is red and bottom blue, stored landscape (480x272)…
  await ffmpeg([
    '-f',
    'lavfi',
    '-i',
    `color=c=red:s=480x136:r=30:d=${CLIP_S}[top];color=c=blue:s=480x136:r=30:d=${CLIP_S}[bottom];[top][bottom]vstack[out0]`,
    '-c:v',
    'libx264',
    '-pix_fmt',
    'yuv420p',
    filePath('landscape.mp4'),
  ]);
  // …with the display matrix phones write for portrait video (0 1 / −1 0: turn 90° clockwise).
  // This ffmpeg (5.1) has no -display_rotation; its `rotate` tag writes that matrix for 270.
  await ffmpeg([
    '-i',
    filePath('landscape.mp4'),
    '-c',
    'copy',
    '-metadata:s:v:0',
    'rotate=270',
    filePath('portrait.mp4'),
  ]);
  // VP9 allows odd sizes (H.264 4:2:0 crops only in steps of 2).
  await ffmpeg([
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=322x242:rate=30',
    ...silence,
    '-t',
    String(CLIP_S),
    '-vf',
    'scale=321:241',
    '-c:v',
    'libvpx-vp9',
    '-deadline',
    'realtime',
    '-cpu-used',
    '8',
    '-b:v',
    '300k',
    '-c:a',
    'libopus',
    filePath('odd.mkv'),
  ]);
  await ffmpeg([
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=330:sample_rate=48000',
    '-t',
    String(CLIP_S),
    '-c:a',
    'libopus',
    filePath('song.ogg'),
  ]);
  await ffmpeg([
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=550:sample_rate=44100',
    '-t',
    String(CLIP_S),
    '-c:a',
    'libvorbis',
    filePath('voice.ogg'),
  ]);
}

const isBlue = ({ r, b }: Rgb): boolean => b > ON && r < OFF;
const isRed = ({ r, b }: Rgb): boolean => r > ON && b < OFF;

/** The uploads by file name, once all are ready (fails with the row's message if one is refused). */
let uploads: Map<string, MediaItem>;

beforeAll(async () => {
  await makeMedia();
  // The premise: a player that honours the matrix (ffmpeg) shows the portrait clip blue left, red right.
  expect(isBlue(await pixelRgb(filePath('portrait.mp4'), 1, 20, 240))).toBe(true);
  expect(isRed(await pixelRgb(filePath('portrait.mp4'), 1, 250, 240))).toBe(true);
});

describe('MKV, rotated and odd-sized clips and Ogg music', () => {
  it('uploads and probes each: Matroska codecs, the displayed (portrait) size, odd sizes, Ogg Opus and Vorbis', async () => {
    await tab.page.getByTestId('upload-input').setInputFiles(FILES.map(filePath));
    const ready = tab.page.locator('[data-testid="media-items"] li[data-status="ready"]');
    const failed = tab.page.locator('.upload-task[data-state="failed"]');
    await expect
      .poll(
        async () =>
          (await failed.count()) > 0
            ? `failed: ${await failed.first().innerText()}`
            : await ready.count(),
        { timeout: UPLOAD_TIMEOUT_MS },
      )
      .toBe(FILES.length);
    uploads = new Map((await currentSessionMedia(tab.page)).media.map((item) => [item.name, item]));

    const info = (name: FileName) => uploads.get(name)?.info;
    expect(uploads.get('waves.mkv')).toMatchObject({ format: 'mkv', kind: 'video' });
    expect(info('waves.mkv')).toMatchObject({
      kind: 'video',
      width: 854,
      height: 480,
      videoCodec: 'avc',
      hasAudio: true,
      audioCodec: 'aac',
    });
    expect(info('portrait.mp4')).toMatchObject({ width: 272, height: 480, hasAudio: false });
    expect(uploads.get('odd.mkv')).toMatchObject({ format: 'mkv' });
    expect(info('odd.mkv')).toMatchObject({
      width: 321,
      height: 241,
      videoCodec: 'vp9',
      audioCodec: 'opus',
    });
    expect(uploads.get('song.ogg')).toMatchObject({ format: 'ogg', kind: 'audio' });
    expect(info('song.ogg')).toMatchObject({ kind: 'audio', audioCodec: 'opus', width: null });
    expect(info('voice.ogg')).toMatchObject({ kind: 'audio', audioCodec: 'vorbis' });
    for (const name of FILES)
      expect(Math.abs((info(name)?.durationMs ?? 0) / 1000 - CLIP_S), name).toBeLessThanOrEqual(
        DURATION_TOLERANCE_S,
      );

    // The portrait clip's thumbnail (a 320x180 cover crop) is upright: blue left, red right.
    const thumbnail = uploads.get('portrait.mp4')?.thumbnail ?? '';
    const thumbPath = path.join(tab.workDir, 'portrait-thumb.jpg');
    writeFileSync(
      thumbPath,
      Buffer.from(thumbnail.replace(/^data:image\/\w+;base64,/, ''), 'base64'),
    );
    expect(await pixelRgb(thumbPath, 0, 60, 90)).toSatisfy(isBlue);
    expect(await pixelRgb(thumbPath, 0, 260, 90)).toSatisfy(isRed);
  });

  it('exports a video showing the MKV, the rotated clip upright and the odd-sized clip, with the Ogg song as music', async () => {
    expect((await sendChatMessage(tab.page, PROMPT)).length).toBeGreaterThan(0);
    const draft = await currentSessionDraft(tab.page);
    const video = draft.tracks.find((track) => track.kind === 'video');
    if (video?.kind !== 'video') throw new Error('no video track');
    const shown = video.segments.map((segment) =>
      segment.visual.type === 'media' ? segment.visual.mediaId : '',
    );
    expect(shown).toEqual(
      ['waves.mkv', 'portrait.mp4', 'odd.mkv'].map((name) => uploads.get(name)?.id),
    );
    const music = draft.tracks.find((track) => track.kind === 'audio' && track.id === 'audio-bgm');
    expect(music?.kind === 'audio' ? music.segments[0]?.source : null).toEqual({
      type: 'media',
      mediaId: uploads.get('song.ogg')?.id,
      sourceStartMs: 0,
    });

    const file = path.join(tab.workDir, 'video.mp4');
    const { exportWallMs } = await exportAndDownload(tab.page, file);
    const probe = await probeMedia(file);
    expect(Math.abs(probe.format.duration - draft.durationMs / 1000)).toBeLessThanOrEqual(0.5);

    const sourceAtS = (index: number): number => {
      const segment = video.segments[index];
      return segment?.visual.type === 'media'
        ? (segment.visual.sourceStartMs + segment.durationMs / 2) / 1000
        : 0;
    };
    const middleS = (index: number): number => (index + 0.5) * SEGMENT_S;
    const mkvSsim = await frameSsim(
      file,
      middleS(0),
      filePath('waves.mkv'),
      sourceAtS(0),
      1920,
      1080,
    );
    const oddSsim = await frameSsim(
      file,
      middleS(2),
      filePath('odd.mkv'),
      sourceAtS(2),
      1920,
      1080,
    );
    const volumeDb = await meanVolumeDb(file);
    console.info(
      `mkv/rotated/ogg: export ${(exportWallMs / 1000).toFixed(1)} s, SSIM mkv ${mkvSsim.toFixed(3)}, odd ${oddSsim.toFixed(3)}, mean volume ${volumeDb.toFixed(1)} dB`,
    );
    expect(mkvSsim).toBeGreaterThan(MIN_SAME_PICTURE_SSIM);
    expect(oddSsim).toBeGreaterThan(MIN_SAME_PICTURE_SSIM);
    expect(volumeDb).toBeGreaterThan(MIN_MEAN_VOLUME_DB);

    // The portrait clip fills the 1920x1080 frame (cover): its left half blue, its right half red.
    for (const y of [400, 700, 1000]) {
      expect(await pixelRgb(file, middleS(1), 400, y), `left at y=${y}`).toSatisfy(isBlue);
      expect(await pixelRgb(file, middleS(1), 1520, y), `right at y=${y}`).toSatisfy(isRed);
    }
  });
});
