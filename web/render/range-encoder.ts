/**
 * @module range-encoder
 * The frame-range entry point of the renderer, used inside an encode worker (encode-worker.ts):
 * {@link openRangeEncoder} prepares a draft once (encoder, fonts, media, an `OffscreenCanvas`),
 * then {@link RangeEncoder.encodeRange} draws frames `firstFrame … firstFrame + frameCount - 1`
 * with {@link drawFrame}, encodes them with WebCodecs H.264 High as BT.709 limited range
 * ({@link H264CanvasEncoder}), flushes the encoder and returns them as one chunk file
 * (shared/render-chunk-file.ts). Any GOP-aligned range of the render's chunk plan
 * (shared/render-chunk-plan.ts) can be encoded, in any order, so one worker can make a whole
 * render chunk after chunk, two workers can share one, and a page can make a single chunk.
 *
 * Memory stays bounded: each frame waits while the encoder queue is full, and no frame is kept
 * after it is encoded.
 */
import type { Draft } from '../../shared/draft-schema';
import { type ChunkPlan, planChunks } from '../../shared/render-chunk-plan';
import { drawFrame } from './draw-frame';
import { KEYFRAME_INTERVAL_S, frameTimeMs, videoEncoderSettings } from './encoder-settings';
import { type FrameAssets, createFrameAssets } from './frame-assets';
import { H264CanvasEncoder } from './h264-canvas-encoder';
import { loadFonts } from './load-fonts';
import { MediaFrames, urlLoader } from './media-frames';
import { RenderError } from './render-errors';
import { VideoChunkCollector } from './video-chunk-collector';

/** A frame range of the render: chunk `index`, frames `firstFrame … firstFrame + frameCount - 1`. */
export interface FrameRange {
  index: number;
  firstFrame: number;
  frameCount: number;
}

/** A prepared draft in this worker: encodes frame ranges into chunk files. */
export interface RangeEncoder {
  /** The codec string the encoder was configured with, e.g. `avc1.640028`. */
  readonly codecString: string;
  /** The chunk plan the ranges must follow. */
  readonly plan: ChunkPlan;
  /**
   * Draws and encodes `range` and returns it as chunk file `range.index`; `onFrames(n)` is called
   * with the frames done of the range after each frame.
   * @throws RenderError `encode-failed` when the range does not start on a keyframe or passes the
   *   video's end, or the encoder fails; `media-failed` when a clip cannot be decoded
   */
  encodeRange(
    range: FrameRange,
    onFrames?: (framesDone: number) => void,
  ): Promise<Uint8Array<ArrayBuffer>>;
  /** The colour space the encoder reported, described for logs (null before the first range). */
  reportedColorSpace(): string | null;
  /** Releases the encoder and the media (safe to call at any time). */
  close(): Promise<void>;
}

/** All text the draft draws, for picking font subsets. */
function draftText(draft: Draft): string {
  const parts: string[] = [];
  for (const track of draft.tracks) {
    if (track.kind === 'text') for (const segment of track.segments) parts.push(segment.text);
  }
  return parts.join('\n');
}

function describeColorSpace(colorSpace: VideoColorSpaceInit): string {
  const { primaries, transfer, matrix, fullRange } = colorSpace;
  return `primaries=${primaries ?? '?'} transfer=${transfer ?? '?'} matrix=${matrix ?? '?'} range=${fullRange ? 'full' : fullRange === false ? 'limited' : '?'}`;
}

/**
 * Prepares `draft` for encoding frame ranges: checks and configures the H.264 encoder, loads the
 * fonts its text needs (into `fonts`) and opens its media.
 * @param chunkGops GOPs per chunk (shared/render-chunk-plan.ts); default the product's
 * @throws RenderError `unsupported-video` (no OffscreenCanvas, no 2D context, H.264 refused),
 *   `font-load-failed`, `media-failed`
 */
export async function openRangeEncoder(
  draft: Draft,
  options: {
    fonts: FontFaceSet;
    mediaUrls: Readonly<Record<string, string>>;
    chunkGops?: number;
  },
): Promise<RangeEncoder> {
  if (typeof OffscreenCanvas === 'undefined') {
    throw new RenderError(
      'unsupported-video',
      'This browser cannot draw video frames in the background (OffscreenCanvas missing).',
    );
  }
  const settings = videoEncoderSettings(draft.canvas);
  const { width, height, fps } = draft.canvas;
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d', { alpha: false });
  if (!ctx)
    throw new RenderError(
      'unsupported-video',
      'This browser cannot draw video frames in the background (no 2D OffscreenCanvas).',
    );
  const plan = planChunks({ durationMs: draft.durationMs, fps }, options.chunkGops);
  // Pinned: every chunk of this render, in any page session or worker, must be encoded with exactly these settings.
  const encoderKey = `${settings.codecString} ${width}x${height} ${fps}fps ${settings.bitrate}bps gop${plan.gopFrames}`;
  const collector = new VideoChunkCollector();
  const video = new H264CanvasEncoder(canvas, ctx, settings, collector, KEYFRAME_INTERVAL_S);
  let media: MediaFrames | null = null;
  let assets: FrameAssets;
  try {
    await video.start();
    await loadFonts(options.fonts, draftText(draft));
    media = await MediaFrames.open(draft, urlLoader(options.mediaUrls));
    assets = createFrameAssets(draft, media);
  } catch (error) {
    video.close();
    await media?.dispose();
    throw error;
  }
  const frames = media;
  return {
    codecString: settings.codecString,
    plan,
    async encodeRange(range, onFrames) {
      const end = range.firstFrame + range.frameCount;
      if (range.firstFrame % plan.gopFrames !== 0 || range.frameCount < 1 || end > plan.totalFrames)
        throw new RenderError(
          'encode-failed',
          `Frames ${range.firstFrame}–${end - 1} are not a chunk of this video (${plan.totalFrames} frames, a keyframe every ${plan.gopFrames}).`,
        );
      for (let frame = range.firstFrame; frame < end; frame++) {
        const timeMs = frameTimeMs(frame, fps);
        await frames.prepare(draft, timeMs);
        drawFrame(ctx, draft, timeMs, assets);
        await video.encodeFrame(frame);
        onFrames?.(frame + 1 - range.firstFrame);
      }
      // End of the range: every frame comes out of the encoder, and the next range starts on a keyframe.
      await video.flush();
      return collector.take({ ...range, encoderKey });
    },
    reportedColorSpace: () =>
      video.reportedColorSpace ? describeColorSpace(video.reportedColorSpace) : null,
    async close() {
      video.close();
      await frames.dispose();
    },
  };
}
