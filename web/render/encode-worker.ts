/**
 * @module encode-worker
 * An export's Web Worker (an ES module worker): the message shell around the renderer's
 * frame-range entry point (range-encoder.ts). On `prepare` it sets up the H.264 encoder, fonts
 * and media for the draft and posts `ready`; then it encodes each `encode-range` it is sent as
 * one chunk file, one at a time. The one worker asked to encode the audio encodes the main
 * thread's mix as AAC-LC once it arrives, between two ranges (after the range it is drawing, or
 * at once when idle): the frames never wait for a narration to be synthesised and mixed. The
 * main thread (render-video.ts) runs one or two of these, gives each the next free chunk, stores
 * the chunks in order and joins them into the MP4 (assemble-mp4.ts).
 *
 * Order (docs/design-decisions.md#rendering): encoder checks, fonts, media, then video ranges
 * with the audio between two of them. Protocol: {@link workerRequestSchema} in,
 * {@link workerEventSchema} out.
 */
import '../zod-jitless'; // first: before any zod schema is built
import { Quality, canEncodeAudio } from 'mediabunny';
import { registerAacEncoder } from '@mediabunny/aac-encoder';
import { draftSchema } from '../../shared/draft-schema';
import {
  PROGRESS_EVERY_FRAMES,
  workerRequestSchema,
  type EncodeRange,
  type MixedAudio,
  type PrepareRequest,
  type WorkerEvent,
} from './encode-protocol';
import { AUDIO_BITRATE, AUDIO_CHANNELS, AUDIO_SAMPLE_RATE } from './encoder-settings';
import { RenderError, toRenderError } from './render-errors';
import { encodeAudioChunk } from './encode-audio-chunk';
import { setRequestHeaders } from './request-headers';
import { type RangeEncoder, openRangeEncoder } from './range-encoder';

declare const self: DedicatedWorkerGlobalScope;

function post(event: WorkerEvent, transfer: Transferable[] = []): void {
  self.postMessage(event, transfer);
}

/** Reports a failure to the page; the page then stops every worker of the render. */
function postError(error: unknown): void {
  const renderError = toRenderError(error, 'encode-failed', 'Encoding the video failed');
  post({ type: 'error', code: renderError.code, message: renderError.message });
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

/** The prepared draft, once `prepare` succeeded. */
let prepared: Promise<RangeEncoder> | null = null;
/** Ranges (and the audio, between two of them) run one after another. */
let encoding: Promise<void> = Promise.resolve();

async function prepare(request: PrepareRequest): Promise<RangeEncoder> {
  const startedAt = performance.now();
  const draft = draftSchema.safeParse(request.draft);
  if (!draft.success)
    throw new RenderError(
      'invalid-draft',
      `The draft is not valid: ${draft.error.issues[0]?.message ?? 'unknown problem'}.`,
    );
  if (request.encodeAudio) await ensureAacEncoder();
  const encoder = await openRangeEncoder(draft.data, {
    fonts: self.fonts,
    mediaUrls: request.mediaUrls ?? {},
    chunkGops: request.chunkGops,
  });
  post({
    type: 'ready',
    videoCodec: encoder.codecString,
    timings: { prepareMs: performance.now() - startedAt },
  });
  return encoder;
}

/** Encodes the mixed soundtrack as one audio chunk file (the worker asked for it was prepared for AAC). */
async function encodeAudio(encoderReady: Promise<RangeEncoder>, audio: MixedAudio): Promise<void> {
  await encoderReady;
  const startedAt = performance.now();
  const audioFile = await encodeAudioChunk(audio);
  post(
    { type: 'audio-encoded', bytes: audioFile.buffer, encodeMs: performance.now() - startedAt },
    [audioFile.buffer],
  );
}

async function encode(encoderReady: Promise<RangeEncoder>, range: EncodeRange): Promise<void> {
  const encoder = await encoderReady;
  const startedAt = performance.now();
  const file = await encoder.encodeRange(range, (framesDone) => {
    if (framesDone % PROGRESS_EVERY_FRAMES === 0)
      post({ type: 'progress', index: range.index, framesDone });
  });
  post(
    {
      type: 'chunk',
      index: range.index,
      bytes: file.buffer,
      colorSpace: `encoder ${encoder.reportedColorSpace() ?? 'unspecified'}; written as BT.709 limited`,
      encodeMs: performance.now() - startedAt,
    },
    [file.buffer],
  );
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
  const data = request.data;
  if (data.type === 'prepare') {
    if (prepared !== null) return; // one draft per worker
    setRequestHeaders(() => data.headers ?? {});
    prepared = prepare(data);
    prepared.catch(postError);
  } else {
    const encoderReady = prepared;
    if (encoderReady === null) {
      postError(new RenderError('encode-failed', `The ${data.type} was sent before the draft.`));
      return;
    }
    const work = () =>
      data.type === 'audio' ? encodeAudio(encoderReady, data.audio) : encode(encoderReady, data);
    encoding = encoding.then(work).catch(postError);
  }
});
