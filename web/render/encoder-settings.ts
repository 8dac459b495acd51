/**
 * @module encoder-settings
 * The numbers the export encodes with, derived from the draft's canvas: H.264 High profile and
 * level, codec string, video bitrate, keyframe interval, frame count, and the AAC audio format.
 * Pure: no browser APIs, unit-tested beside this file.
 */
import type { Canvas, Draft } from '../../shared/draft-schema';
import { GOP_SECONDS } from '../../shared/render-chunk-plan';

/**
 * Video bitrate for 1920x1080 at 30 fps, in bits/s. 7 Mbps keeps gradients free of banding and
 * text edges clean for motion graphics; YouTube recommends 8 Mbps for 1080p30 SDR uploads and
 * social platforms re-encode anything above ~8 Mbps anyway.
 */
export const VIDEO_BITRATE_1080P30 = 7_000_000;

/** Floor for small canvases, in bits/s: below ~1 Mbps H.264 text edges visibly smear. */
export const MIN_VIDEO_BITRATE = 1_000_000;

/**
 * A keyframe every 2 s (docs/design-decisions.md#rendering): the chunk plan's GOP, so render
 * chunks start on keyframes.
 */
export const KEYFRAME_INTERVAL_S = GOP_SECONDS;

/** Audio sample rate in Hz: 48 kHz is the video-world standard (and what AAC-LC in MP4 expects). */
export const AUDIO_SAMPLE_RATE = 48_000;

/** Stereo. */
export const AUDIO_CHANNELS = 2;

/** AAC-LC bitrate in bits/s: 160 kbps stereo is transparent for music beds at 48 kHz. */
export const AUDIO_BITRATE = 160_000;

/** H.264 High profile (`profile_idc` 100) with no constraint flags: the `6400` in `avc1.6400xx`. */
const AVC_HIGH_PROFILE_PREFIX = 'avc1.6400';

/**
 * H.264 levels we may pick, lowest first (ITU-T H.264 Table A-1). `maxMbps` is macroblocks per
 * second, `maxFs` macroblocks per frame, `maxBrKbps` the Main-profile bitrate cap (High allows
 * 1.25x). Level 4.0 is the floor: Chromium refuses Baseline 3.1 at 1080p and players expect ≥ 4.0.
 */
const AVC_LEVELS: readonly { idc: number; maxMbps: number; maxFs: number; maxBrKbps: number }[] = [
  { idc: 40, maxMbps: 245_760, maxFs: 8_192, maxBrKbps: 20_000 },
  { idc: 41, maxMbps: 245_760, maxFs: 8_192, maxBrKbps: 50_000 },
  { idc: 42, maxMbps: 522_240, maxFs: 8_704, maxBrKbps: 50_000 },
  { idc: 50, maxMbps: 589_824, maxFs: 22_080, maxBrKbps: 135_000 },
  { idc: 51, maxMbps: 983_040, maxFs: 36_864, maxBrKbps: 240_000 },
  { idc: 52, maxMbps: 2_073_600, maxFs: 36_864, maxBrKbps: 240_000 },
  { idc: 60, maxMbps: 4_177_920, maxFs: 139_264, maxBrKbps: 240_000 },
  { idc: 61, maxMbps: 8_355_840, maxFs: 139_264, maxBrKbps: 480_000 },
  { idc: 62, maxMbps: 16_711_680, maxFs: 139_264, maxBrKbps: 800_000 },
];

/** High profile may use 1.25x the level's Main-profile bitrate (H.264 Table A-2, cpbBrVclFactor). */
const HIGH_PROFILE_BITRATE_FACTOR = 1.25;

/** H.264 codes pictures in 16x16 macroblocks. */
const MACROBLOCK_PX = 16;

/** What the video encoder is configured with. */
export interface VideoEncoderSettings {
  /** Full WebCodecs codec string, e.g. `avc1.640028` (High, level 4.0). */
  codecString: string;
  /** `level_idc`, e.g. 40 for level 4.0. */
  levelIdc: number;
  /** Target bitrate in bits/s. */
  bitrate: number;
  width: number;
  height: number;
  fps: number;
}

/**
 * Picks H.264 High at the lowest level ≥ 4.0 that fits the canvas (frame size, macroblock rate,
 * per-dimension limit, bitrate) and a bitrate scaled from {@link VIDEO_BITRATE_1080P30} by pixel rate.
 * 1920x1080 and 1080x1920 at 30 fps both give `avc1.640028` (8160 macroblocks ≤ 8192).
 * @throws RangeError when even level 6.2 cannot hold the canvas (impossible within the schema's 3840 px).
 * @example videoEncoderSettings({ width: 1920, height: 1080, fps: 30 }).codecString // 'avc1.640028'
 */
export function videoEncoderSettings(canvas: Canvas): VideoEncoderSettings {
  const { width, height, fps } = canvas;
  const pixelRateRatio = (width * height * fps) / (1920 * 1080 * 30);
  const bitrate = Math.max(MIN_VIDEO_BITRATE, Math.round(VIDEO_BITRATE_1080P30 * pixelRateRatio));
  const mbWide = Math.ceil(width / MACROBLOCK_PX);
  const mbHigh = Math.ceil(height / MACROBLOCK_PX);
  const frameMbs = mbWide * mbHigh;
  const level = AVC_LEVELS.find(
    (l) =>
      frameMbs <= l.maxFs &&
      frameMbs * fps <= l.maxMbps &&
      // Neither dimension may exceed sqrt(8 * MaxFS) macroblocks (H.264 A.3.1 item f).
      Math.max(mbWide, mbHigh) <= Math.sqrt(8 * l.maxFs) &&
      bitrate <= l.maxBrKbps * 1000 * HIGH_PROFILE_BITRATE_FACTOR,
  );
  if (!level) throw new RangeError(`No H.264 level fits ${width}x${height} at ${fps} fps`);
  const codecString =
    AVC_HIGH_PROFILE_PREFIX + level.idc.toString(16).toUpperCase().padStart(2, '0');
  return { codecString, levelIdc: level.idc, bitrate, width, height, fps };
}

/**
 * Number of video frames in the export: `round(durationMs / 1000 * fps)`; frame `i` shows the
 * draft at `i * 1000 / fps` ms.
 */
export function totalFrameCount(draft: Pick<Draft, 'durationMs' | 'canvas'>): number {
  return Math.round((draft.durationMs / 1000) * draft.canvas.fps);
}

/** Time in ms that frame `frameIndex` shows (not rounded: drawing takes fractional ms). */
export function frameTimeMs(frameIndex: number, fps: number): number {
  return (frameIndex * 1000) / fps;
}
