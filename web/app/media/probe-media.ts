/**
 * @module probe-media
 * Reads what an uploaded file holds, in the browser, before the director may use it: kind,
 * duration, size, frame rate, codecs, sound (mediabunny for video and audio containers,
 * `createImageBitmap` for pictures), and draws a small thumbnail (video: a frame; picture:
 * itself; sound: a waveform) and finds a sound's beat. A damaged or cut-short file fails here with a plain message.
 */
import { ALL_FORMATS, BlobSource, CanvasSink, EncodedPacketSink, Input } from 'mediabunny';
import type { InputTrack } from 'mediabunny';
import { KIND_BY_FORMAT } from '../../../shared/media-schema';
import type { MediaFormat, MediaInfo, MediaInfoBody } from '../../../shared/media-schema';
import { guess } from 'web-audio-beat-detector';
import { MediaNeedsConversionError, MediaProbeError } from './media-probe-error';

/** Thumbnail size in px: 16:9, small enough to keep the data URL around 10–20 kB. */
export const THUMB_WIDTH = 320;
export const THUMB_HEIGHT = 180;
/** JPEG quality of thumbnails: soft but recognisable. */
const THUMB_QUALITY = 0.72;
/** The frame shown for a video: one second in, or the middle of a shorter clip. */
const THUMB_AT_S = 1;
/** Frames sampled to measure the frame rate (mediabunny reads packet headers only). */
const FPS_SAMPLE_PACKETS = 60;
/** Waveform colours. */
const WAVE_BACKGROUND = '#1c1f26';
const WAVE_FILL = '#7c9cff';

/** A problem this module found and can name in plain words (others are reported as damage). */
class ProbeProblem extends Error {
  override readonly name = 'ProbeProblem';
}

function thumbCanvas(): { canvas: HTMLCanvasElement; ctx: CanvasRenderingContext2D } {
  const canvas = document.createElement('canvas');
  canvas.width = THUMB_WIDTH;
  canvas.height = THUMB_HEIGHT;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  return { canvas, ctx };
}

function drawCover(
  ctx: CanvasRenderingContext2D,
  image: CanvasImageSource,
  width: number,
  height: number,
): void {
  const scale = Math.max(THUMB_WIDTH / width, THUMB_HEIGHT / height);
  ctx.drawImage(
    image,
    (THUMB_WIDTH - width * scale) / 2,
    (THUMB_HEIGHT - height * scale) / 2,
    width * scale,
    height * scale,
  );
}

async function probeImage(file: File): Promise<MediaInfoBody> {
  const bitmap = await createImageBitmap(file);
  try {
    const { canvas, ctx } = thumbCanvas();
    drawCover(ctx, bitmap, bitmap.width, bitmap.height);
    return {
      info: {
        kind: 'image',
        durationMs: null,
        width: bitmap.width,
        height: bitmap.height,
        fps: null,
        videoCodec: null,
        audioCodec: null,
        hasAudio: false,
      },
      thumbnail: canvas.toDataURL('image/jpeg', THUMB_QUALITY),
    };
  } finally {
    bitmap.close();
  }
}

/** Peak per column of the first channel, drawn as mirrored bars. */
/** A sound file decoded at 48 kHz, or null where there is no `OfflineAudioContext`. */
async function decodeSound(file: File): Promise<AudioBuffer | null> {
  const AudioContextClass = globalThis.OfflineAudioContext;
  if (AudioContextClass === undefined) return null;
  return new AudioContextClass(1, 1, 48_000).decodeAudioData(await file.arrayBuffer());
}

/**
 * The sound's steady beat, found by `web-audio-beat-detector` (MIT; its `guess` looks for a
 * tempo between 90 and 180 bpm in a worker of its own), so scene cuts can land on it
 * (shared/beat-grid.ts); null when it finds none (speech, ambience).
 */
async function detectBeat(buffer: AudioBuffer): Promise<MediaInfo['beat']> {
  try {
    const { bpm, offset } = await guess(buffer);
    return { tempoBpm: bpm, offsetMs: Math.max(0, Math.round(offset * 1000)) };
  } catch {
    return null;
  }
}

function waveform(buffer: AudioBuffer): string {
  const data = buffer.getChannelData(0);
  const { canvas, ctx } = thumbCanvas();
  ctx.fillStyle = WAVE_BACKGROUND;
  ctx.fillRect(0, 0, THUMB_WIDTH, THUMB_HEIGHT);
  ctx.fillStyle = WAVE_FILL;
  const step = Math.max(1, Math.floor(data.length / THUMB_WIDTH));
  for (let x = 0; x < THUMB_WIDTH; x++) {
    let peak = 0;
    for (let i = x * step; i < Math.min(data.length, (x + 1) * step); i++)
      peak = Math.max(peak, Math.abs(data[i] ?? 0));
    const bar = Math.max(1, peak * THUMB_HEIGHT * 0.9);
    ctx.fillRect(x, (THUMB_HEIGHT - bar) / 2, 1, bar);
  }
  return canvas.toDataURL('image/png');
}

/**
 * True when the track's last packet (by its index) has its bytes in the file: a file cut short
 * keeps its index (so it claims its whole length) but ends before its last frames.
 */
async function isWhole(track: InputTrack): Promise<boolean> {
  const last = await new EncodedPacketSink(track).getPacket(Number.POSITIVE_INFINITY);
  return last !== null && last.data.byteLength > 0;
}

async function probeContainer(file: File): Promise<MediaInfoBody> {
  const input = new Input({ source: new BlobSource(file), formats: ALL_FORMATS });
  try {
    const video = await input.getPrimaryVideoTrack();
    const audio = await input.getPrimaryAudioTrack();
    if (!video && !audio) throw new ProbeProblem('it holds neither picture nor sound');
    const durationS = await input.computeDuration();
    if (!(durationS > 0)) throw new ProbeProblem('it has no length');
    for (const track of [video, audio]) {
      if (track && !(await isWhole(track))) {
        throw new ProbeProblem(
          'it is cut short (the file ends before its last frames). Upload the whole file again.',
        );
      }
    }
    const kind = video ? 'video' : 'audio';
    let thumbnail: string | null = null;
    let fps: number | null = null;
    let beat: MediaInfo['beat'] = null;
    if (video) {
      if (!(await video.canDecode())) {
        throw new MediaNeedsConversionError(
          file.name,
          `this browser cannot decode its ${video.codec ?? 'unknown'} video.`,
        );
      }
      fps =
        Math.round((await video.computePacketStats(FPS_SAMPLE_PACKETS)).averagePacketRate * 100) /
        100;
      const sink = new CanvasSink(video, {
        width: THUMB_WIDTH,
        height: THUMB_HEIGHT,
        fit: 'cover',
      });
      const frame = await sink.getCanvas(Math.min(THUMB_AT_S, durationS / 2));
      if (!frame) throw new ProbeProblem('no picture could be decoded');
      const { canvas, ctx } = thumbCanvas();
      ctx.drawImage(frame.canvas, 0, 0, THUMB_WIDTH, THUMB_HEIGHT);
      thumbnail = canvas.toDataURL('image/jpeg', THUMB_QUALITY);
    } else {
      const sound = await decodeSound(file);
      if (sound) {
        thumbnail = waveform(sound);
        beat = await detectBeat(sound);
      }
    }
    return {
      info: {
        kind,
        durationMs: Math.round(durationS * 1000),
        width: video?.displayWidth ?? null,
        height: video?.displayHeight ?? null,
        fps,
        videoCodec: video?.codec ?? null,
        audioCodec: audio?.codec ?? null,
        hasAudio: audio !== null,
        ...(beat ? { beat } : {}),
      },
      thumbnail,
    };
  } finally {
    input.dispose();
  }
}

/**
 * Probes one file whose format the edge sniffed.
 * @throws MediaNeedsConversionError when this browser cannot decode it as it is (AVI, or a video
 *   codec it has no decoder for): the caller converts it to MP4 (`convert-media.ts`) and probes that
 * @throws MediaProbeError with a plain message (damaged, cut short, no picture)
 */
export async function probeMedia(file: File, format: MediaFormat): Promise<MediaInfoBody> {
  try {
    if (format === 'avi') {
      // mediabunny reads no AVI and browsers decode none of its usual codecs (MPEG-4 Part 2, MJPEG).
      throw new MediaNeedsConversionError(file.name, 'this browser cannot read AVI files.');
    }
    return KIND_BY_FORMAT[format] === 'image' ? await probeImage(file) : await probeContainer(file);
  } catch (cause) {
    if (cause instanceof MediaNeedsConversionError) throw cause;
    const detail = cause instanceof ProbeProblem ? cause.message : '';
    throw new MediaProbeError(
      file.name,
      detail ||
        'it looks damaged or cut short. Export it again from its source and upload the new file.',
      { cause },
    );
  }
}
