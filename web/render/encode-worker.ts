/**
 * @module encode-worker
 * The export's Web Worker (an ES module worker): draws every frame of a draft with
 * {@link drawFrame} on an `OffscreenCanvas`, encodes it with WebCodecs H.264 High as BT.709
 * limited range ({@link H264CanvasEncoder}), and encodes the pre-mixed audio once as AAC-LC.
 * The video is made in GOP-aligned chunks (shared/render-chunk-plan.ts): each starts on a
 * keyframe, the encoder is flushed at its end, its packets go to the main thread as a chunk
 * file, and the next chunk starts only once main says it is stored — so a resumed render
 * (`firstChunk` > 0) continues exactly where the stored chunks end. Main joins the chunks into
 * the MP4 (assemble-mp4.ts).
 *
 * Order (docs/design-decisions.md): encoder checks, fonts, then the audio track (added first,
 * encoded first), then the video frames one by one — each frame waits while the encoder queue is
 * full, so memory stays bounded; no frame is kept after it is encoded. Protocol:
 * {@link renderRequestSchema} in, {@link workerEventSchema} out.
 */
import '../zod-jitless'; // first: before any zod schema is built
import { Quality, canEncodeAudio } from 'mediabunny';
import { registerAacEncoder } from '@mediabunny/aac-encoder';
import { draftSchema, type Draft } from '../../shared/draft-schema';
import { drawFrame } from './draw-frame';
import {
  PROGRESS_EVERY_FRAMES,
  workerRequestSchema,
  type MixedAudio,
  type WorkerEvent,
} from './encode-protocol';
import {
  AUDIO_BITRATE,
  AUDIO_CHANNELS,
  AUDIO_SAMPLE_RATE,
  KEYFRAME_INTERVAL_S,
  frameTimeMs,
  totalFrameCount,
  videoEncoderSettings,
} from './encoder-settings';
import { createFrameAssets } from './frame-assets';
import { MediaFrames, urlLoader } from './media-frames';
import { H264CanvasEncoder } from './h264-canvas-encoder';
import { loadFonts } from './load-fonts';
import { RenderError, toRenderError } from './render-errors';
import { chunkFrameRange, planChunks } from '../../shared/render-chunk-plan';
import { VideoChunkCollector } from './video-chunk-collector';
import { encodeAudioChunk } from './encode-audio-chunk';
import { setRequestHeaders } from './request-headers';

/** Which part of the video this worker makes (from the render request). */
interface ChunkJob {
  firstChunk: number;
  /** The chunk after the last to encode; undefined: to the end. */
  chunkEnd: number | undefined;
  chunkGops: number | undefined;
  encodeAudio: boolean;
}

declare const self: DedicatedWorkerGlobalScope;

function post(event: WorkerEvent, transfer: Transferable[] = []): void {
  self.postMessage(event, transfer);
}

/** All text the draft draws, for picking font subsets. */
function draftText(draft: Draft): string {
  const parts: string[] = [];
  for (const track of draft.tracks) {
    if (track.kind === 'text') for (const segment of track.segments) parts.push(segment.text);
  }
  return parts.join('\n');
}

async function ensureAacEncoder(): Promise<void> {
  const options = {
    numberOfChannels: AUDIO_CHANNELS,
    sampleRate: AUDIO_SAMPLE_RATE,
    quality: new Quality({ bitrate: AUDIO_BITRATE }),
  };
  if (await canEncodeAudio('aac', options)) return;
  // Chromium on Linux ships no AAC encoder: use mediabunny's WebAssembly one (libavcodec's AAC-LC).
  registerAacEncoder();
  if (!(await canEncodeAudio('aac', options))) {
    throw new RenderError('unsupported-audio', 'This browser cannot encode AAC audio.');
  }
}

function describeColorSpace(colorSpace: VideoColorSpaceInit | undefined): string {
  if (!colorSpace) return 'unspecified';
  const { primaries, transfer, matrix, fullRange } = colorSpace;
  return `primaries=${primaries ?? '?'} transfer=${transfer ?? '?'} matrix=${matrix ?? '?'} range=${fullRange ? 'full' : fullRange === false ? 'limited' : '?'}`;
}

async function render(
  draft: Draft,
  audioReady: Promise<MixedAudio>,
  mediaUrls: Readonly<Record<string, string>>,
  job: ChunkJob,
): Promise<void> {
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

  const plan = planChunks({ durationMs: draft.durationMs, fps }, job.chunkGops);
  // Pinned: every chunk of this render, in any page session, must be encoded with exactly these settings.
  const encoderKey = `${settings.codecString} ${width}x${height} ${fps}fps ${settings.bitrate}bps gop${plan.gopFrames}`;
  const collector = new VideoChunkCollector();
  const video = new H264CanvasEncoder(canvas, ctx, settings, collector, KEYFRAME_INTERVAL_S);

  const startedAt = performance.now();
  let media: MediaFrames | null = null;
  try {
    await video.start();
    if (job.encodeAudio) await ensureAacEncoder();
    await loadFonts(self.fonts, draftText(draft));
    media = await MediaFrames.open(draft, urlLoader(mediaUrls));
    const assets = createFrameAssets(draft, media);
    const preparedAt = performance.now();
    const audio = job.encodeAudio ? await audioReady : null;

    const audioStartedAt = performance.now();
    if (audio) {
      const audioFile = await encodeAudioChunk(audio);
      post({ type: 'audio-encoded', bytes: audioFile.buffer }, [audioFile.buffer]);
    }

    const totalFrames = totalFrameCount(draft);
    const firstFrame = Math.min(totalFrames, chunkFrameRange(plan, job.firstChunk).firstFrame);
    let saveChunksMs = 0;
    let finalizeMs = 0;
    const videoStartedAt = performance.now();
    const chunkEnd = Math.min(plan.chunkCount, job.chunkEnd ?? plan.chunkCount);
    const endFrame = Math.min(totalFrames, chunkFrameRange(plan, chunkEnd).firstFrame);
    for (let index = job.firstChunk; index < chunkEnd; index++) {
      const range = chunkFrameRange(plan, index);
      for (let frame = range.firstFrame; frame < range.firstFrame + range.frameCount; frame++) {
        const timeMs = frameTimeMs(frame, fps);
        await media.prepare(draft, timeMs);
        drawFrame(ctx, draft, timeMs, assets);
        await video.encodeFrame(frame);
        const framesDone = frame + 1;
        if (framesDone % PROGRESS_EVERY_FRAMES === 0 || framesDone === totalFrames) {
          const elapsedMs = performance.now() - videoStartedAt;
          const rate = elapsedMs > 0 ? ((framesDone - firstFrame) * 1000) / elapsedMs : 0;
          post({
            type: 'progress',
            framesDone,
            totalFrames,
            fps: rate,
            etaMs: rate > 0 ? ((totalFrames - framesDone) * 1000) / rate : 0,
          });
        }
      }
      // End of the chunk: every frame comes out of the encoder, and the next chunk starts on a keyframe.
      const flushStartedAt = performance.now();
      await video.flush();
      finalizeMs = performance.now() - flushStartedAt;
      const file = collector.take({
        index,
        firstFrame: range.firstFrame,
        frameCount: range.frameCount,
        encoderKey,
      });
      const saveStartedAt = performance.now();
      const saved = chunkSaved(index);
      post({ type: 'chunk', index, bytes: file.buffer }, [file.buffer]);
      await saved;
      saveChunksMs += performance.now() - saveStartedAt;
    }
    const finalizeStartedAt = performance.now();
    await video.finish();
    post({
      type: 'done',
      framesEncoded: Math.max(0, endFrame - firstFrame),
      totalFrames,
      chunkCount: plan.chunkCount,
      videoCodec: settings.codecString,
      colorSpace: `encoder ${describeColorSpace(video.reportedColorSpace ?? undefined)}; written as BT.709 limited`,
      timings: {
        prepareMs: preparedAt - startedAt,
        waitAudioMs: audioStartedAt - preparedAt,
        encodeAudioMs: videoStartedAt - audioStartedAt,
        encodeVideoMs: Math.max(0, finalizeStartedAt - videoStartedAt - saveChunksMs - finalizeMs),
        finalizeMs: finalizeMs + performance.now() - finalizeStartedAt,
        saveChunksMs,
      },
    });
  } catch (error) {
    video.close();
    await media?.dispose();
    throw error;
  }
}

/** Waiters for main's `chunk-saved`, by chunk index. */
const chunkWaiters = new Map<number, () => void>();

/** Resolves when main reports chunk `index` stored. */
function chunkSaved(index: number): Promise<void> {
  return new Promise((resolve) => chunkWaiters.set(index, resolve));
}

/** Resolves with the soundtrack when the main thread sends it (after the render request). */
let deliverAudio: ((audio: MixedAudio) => void) | null = null;
const audioReady = new Promise<MixedAudio>((resolve) => {
  deliverAudio = resolve;
});
let started = false;

async function start(
  rawDraft: unknown,
  mediaUrls: Readonly<Record<string, string>>,
  job: ChunkJob,
): Promise<void> {
  try {
    const draft = draftSchema.safeParse(rawDraft);
    if (!draft.success)
      throw new RenderError(
        'invalid-draft',
        `The draft is not valid: ${draft.error.issues[0]?.message ?? 'unknown problem'}.`,
      );
    await render(draft.data, audioReady, mediaUrls, job);
  } catch (error) {
    const renderError = toRenderError(error, 'encode-failed', 'Encoding the video failed');
    post({ type: 'error', code: renderError.code, message: renderError.message });
  }
}

self.addEventListener('message', (event: MessageEvent<unknown>) => {
  const request = workerRequestSchema.safeParse(event.data);
  if (!request.success) {
    post({
      type: 'error',
      code: 'encode-failed',
      message: 'The encode worker received a malformed request.',
    });
    return;
  }
  if (request.data.type === 'audio') {
    deliverAudio?.(request.data.audio);
  } else if (request.data.type === 'chunk-saved') {
    chunkWaiters.get(request.data.index)?.();
    chunkWaiters.delete(request.data.index);
  } else if (!started) {
    started = true; // one render per worker
    const { firstChunk, chunkEnd, chunkGops, encodeAudio, headers = {} } = request.data;
    setRequestHeaders(() => headers);
    void start(request.data.draft, request.data.mediaUrls ?? {}, {
      firstChunk,
      chunkEnd,
      chunkGops,
      encodeAudio,
    });
  }
});
