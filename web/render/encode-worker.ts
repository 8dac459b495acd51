/**
 * @module encode-worker
 * The export's Web Worker (an ES module worker): draws every frame of a draft with
 * {@link drawFrame} on an `OffscreenCanvas`, encodes it with WebCodecs H.264 High as BT.709
 * limited range ({@link H264CanvasEncoder}), encodes the pre-mixed audio as AAC-LC, and muxes
 * both with mediabunny into a fast-start MP4 in memory.
 *
 * Order (DESIGN.md "Rendering"): encoder checks, fonts, then the audio track (added first,
 * encoded first), then the video frames one by one — each frame waits while the encoder queue is
 * full, so memory stays bounded; no frame is kept after it is encoded. Protocol:
 * {@link renderRequestSchema} in, {@link workerEventSchema} out.
 */
import {
  AudioSample,
  AudioSampleSource,
  BufferTarget,
  EncodedVideoPacketSource,
  Mp4OutputFormat,
  Output,
  Quality,
  canEncodeAudio,
} from 'mediabunny';
import { registerAacEncoder } from '@mediabunny/aac-encoder';
import { draftSchema, type Draft } from '../../shared/draft-schema';
import { drawFrame } from './draw-frame';
import { PROGRESS_EVERY_FRAMES, workerRequestSchema, type MixedAudio, type WorkerEvent } from './encode-protocol';
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

/** Audio is handed to the encoder in 1-second chunks: small copies, few calls. */
const AUDIO_CHUNK_SECONDS = 1;

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
  const options = { numberOfChannels: AUDIO_CHANNELS, sampleRate: AUDIO_SAMPLE_RATE, quality: new Quality({ bitrate: AUDIO_BITRATE }) };
  if (await canEncodeAudio('aac', options)) return;
  // Chromium on Linux ships no AAC encoder: use mediabunny's WebAssembly one (libavcodec's AAC-LC).
  registerAacEncoder();
  if (!(await canEncodeAudio('aac', options))) {
    throw new RenderError('unsupported-audio', 'This browser cannot encode AAC audio.');
  }
}

async function addAudio(source: AudioSampleSource, audio: MixedAudio): Promise<void> {
  const channelCount = audio.channels.length;
  const length = audio.channels[0]?.length ?? 0;
  const chunkFrames = Math.round(AUDIO_CHUNK_SECONDS * audio.sampleRate);
  for (let offset = 0; offset < length; offset += chunkFrames) {
    const frames = Math.min(chunkFrames, length - offset);
    const planar = new Float32Array(frames * channelCount);
    audio.channels.forEach((channel, index) => planar.set(channel.subarray(offset, offset + frames), index * frames));
    const sample = new AudioSample({
      data: planar,
      format: 'f32-planar',
      numberOfChannels: channelCount,
      sampleRate: audio.sampleRate,
      timestamp: offset / audio.sampleRate,
    });
    try {
      await source.add(sample);
    } finally {
      sample.close();
    }
  }
}

function describeColorSpace(colorSpace: VideoColorSpaceInit | undefined): string {
  if (!colorSpace) return 'unspecified';
  const { primaries, transfer, matrix, fullRange } = colorSpace;
  return `primaries=${primaries ?? '?'} transfer=${transfer ?? '?'} matrix=${matrix ?? '?'} range=${fullRange ? 'full' : fullRange === false ? 'limited' : '?'}`;
}

async function render(draft: Draft, audioReady: Promise<MixedAudio>, mediaUrls: Readonly<Record<string, string>>): Promise<void> {
  if (typeof OffscreenCanvas === 'undefined') {
    throw new RenderError('unsupported-video', 'This browser cannot draw video frames in the background (OffscreenCanvas missing).');
  }
  const settings = videoEncoderSettings(draft.canvas);
  const { width, height, fps } = draft.canvas;
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d', { alpha: false });
  if (!ctx) throw new RenderError('unsupported-video', 'This browser cannot draw video frames in the background (no 2D OffscreenCanvas).');

  const output = new Output({ format: new Mp4OutputFormat({ fastStart: 'in-memory' }), target: new BufferTarget() });
  const audioSource = new AudioSampleSource({ codec: 'aac', quality: new Quality({ bitrate: AUDIO_BITRATE }) });
  output.addAudioTrack(audioSource);
  const videoSource = new EncodedVideoPacketSource('avc');
  output.addVideoTrack(videoSource, { frameRate: fps });
  const video = new H264CanvasEncoder(canvas, ctx, settings, videoSource, KEYFRAME_INTERVAL_S);

  const startedAt = performance.now();
  let media: MediaFrames | null = null;
  try {
    await video.start();
    await ensureAacEncoder();
    await loadFonts(self.fonts, draftText(draft));
    media = await MediaFrames.open(draft, urlLoader(mediaUrls));
    const assets = createFrameAssets(draft, media);
    await output.start();
    const preparedAt = performance.now();
    const audio = await audioReady;

    const audioStartedAt = performance.now();
    await addAudio(audioSource, audio);
    audioSource.close();

    const totalFrames = totalFrameCount(draft);
    const videoStartedAt = performance.now();
    for (let frame = 0; frame < totalFrames; frame++) {
      const timeMs = frameTimeMs(frame, fps);
      await media.prepare(draft, timeMs);
      drawFrame(ctx, draft, timeMs, assets);
      await video.encodeFrame(frame);
      const framesDone = frame + 1;
      if (framesDone % PROGRESS_EVERY_FRAMES === 0 || framesDone === totalFrames) {
        const elapsedMs = performance.now() - videoStartedAt;
        const rate = elapsedMs > 0 ? (framesDone * 1000) / elapsedMs : 0;
        post({ type: 'progress', framesDone, totalFrames, fps: rate, etaMs: rate > 0 ? ((totalFrames - framesDone) * 1000) / rate : 0 });
      }
    }
    const finalizeStartedAt = performance.now();
    await video.finish();
    videoSource.close();
    await output.finalize();
    const bytes = output.target.buffer;
    if (!bytes) throw new RenderError('encode-failed', 'The MP4 file was not produced.');
    post(
      {
        type: 'done',
        bytes,
        framesEncoded: totalFrames,
        videoCodec: settings.codecString,
        colorSpace: `encoder ${describeColorSpace(video.reportedColorSpace ?? undefined)}; written as BT.709 limited`,
        timings: {
          prepareMs: preparedAt - startedAt,
          waitAudioMs: audioStartedAt - preparedAt,
          encodeAudioMs: videoStartedAt - audioStartedAt,
          encodeVideoMs: finalizeStartedAt - videoStartedAt,
          finalizeMs: performance.now() - finalizeStartedAt,
        },
      },
      [bytes],
    );
  } catch (error) {
    video.close();
    await media?.dispose();
    if (output.state === 'started' || output.state === 'pending') await output.cancel().catch(() => undefined);
    throw error;
  }
}

/** Resolves with the soundtrack when the main thread sends it (after the render request). */
let deliverAudio: ((audio: MixedAudio) => void) | null = null;
const audioReady = new Promise<MixedAudio>((resolve) => {
  deliverAudio = resolve;
});
let started = false;

async function start(rawDraft: unknown, mediaUrls: Readonly<Record<string, string>>): Promise<void> {
  try {
    const draft = draftSchema.safeParse(rawDraft);
    if (!draft.success) throw new RenderError('invalid-draft', `The draft is not valid: ${draft.error.issues[0]?.message ?? 'unknown problem'}.`);
    await render(draft.data, audioReady, mediaUrls);
  } catch (error) {
    const renderError = toRenderError(error, 'encode-failed', 'Encoding the video failed');
    post({ type: 'error', code: renderError.code, message: renderError.message });
  }
}

self.addEventListener('message', (event: MessageEvent<unknown>) => {
  const request = workerRequestSchema.safeParse(event.data);
  if (!request.success) {
    post({ type: 'error', code: 'encode-failed', message: 'The encode worker received a malformed request.' });
    return;
  }
  if (request.data.type === 'audio') {
    deliverAudio?.(request.data.audio);
  } else if (!started) {
    started = true; // one render per worker
    void start(request.data.draft, request.data.mediaUrls ?? {});
  }
});
