/**
 * @module render-video
 * The export, from the main thread: starts the encode worker with the draft (it loads its code,
 * checks the encoders and loads fonts), meanwhile mixes the soundtrack here (OfflineAudioContext
 * exists only on the main thread) and transfers it, relays progress, stores each finished
 * GOP-aligned chunk (and the audio) in the render's chunk store before the worker starts the
 * next, and at the end joins every chunk — also those stored by an earlier page — into the
 * fast-start MP4 (H.264 High, BT.709 limited range + AAC-LC 48 kHz stereo) by remux, reading
 * the chunks back from the store one at a time (the store keeps them out of the page's heap).
 *
 * @example
 * const { blob } = await renderVideo(draft, { onProgress: (p) => console.log(p.framesDone, p.totalFrames) });
 * const url = URL.createObjectURL(blob);
 */
import { draftSchema, type Draft } from '../../shared/draft-schema';
import {
  workerEventSchema,
  type MixedAudio,
  type RenderProgress,
  type WorkerEvent,
} from './encode-protocol';
import { urlLoader } from './media-frames';
import { type NarrationVoiceOptions, mixAudio } from './mix-audio';
import { RenderAbortedError, RenderError, renderErrorFromCode } from './render-errors';
import { decodeChunkFile } from '../../shared/render-chunk-file';
import { assembleMp4 } from './assemble-mp4';
import { subtitleTrack } from '../../shared/subtitle-files';
import { memoryChunkStore } from './render-chunk-store';
import type { ChunkedRenderResume, RenderChunkStore } from './render-chunk-store';
import { requestHeaders } from './request-headers';

export type { ChunkedRenderResume, RenderChunkStore } from './render-chunk-store';

export type { RenderProgress } from './encode-protocol';
export { RenderAbortedError, RenderError } from './render-errors';

/** Options of {@link renderVideo}. */
export interface RenderVideoOptions {
  /** Called about every 15 frames with frames done, total, speed (frames/s) and time left (ms). */
  onProgress?: (progress: RenderProgress) => void;
  /** Aborting stops the worker at once and rejects with {@link RenderAbortedError}. */
  signal?: AbortSignal;
  /** Where each uploaded file the draft uses is downloaded from: `{mediaId: url}` (see `mediaUrlsFor`). */
  mediaUrls?: Readonly<Record<string, string>>;
  /**
   * Where chunks are stored and from which chunk to resume. Default: this page's memory, from
   * chunk 0 (nothing survives the page).
   */
  resume?: ChunkedRenderResume;
  /** GOPs per chunk (shared/render-chunk-plan.ts); only for a render without a job (the bench's single-chunk baseline). */
  chunkGops?: number;
  /** The server's neural voice for the narration (mix-audio.ts); absent: the offline voice. */
  voice?: NarrationVoiceOptions;
}

/** What {@link renderVideo} produces. */
export interface RenderVideoResult {
  /** The MP4 (`video/mp4`): moov before mdat, H.264 High video, AAC-LC 48 kHz stereo audio. */
  blob: Blob;
  /** Video frames in the file: `round(durationMs / 1000 * fps)`. */
  framesEncoded: number;
  /** Frames this call drew and encoded: fewer than `framesEncoded` when it resumed. */
  framesEncodedHere: number;
  /** Chunks in the video, and the first one this call encoded. */
  chunkCount: number;
  firstChunk: number;
  /** Wall-clock time of the whole export in ms (mixing, fonts, encoding, muxing). */
  wallMs: number;
  /**
   * What the encoder used: codec string (e.g. `avc1.640028`) and a description of the colour space
   * it reported (the file always declares BT.709 limited range).
   */
  encoder: { codec: string; colorSpace: string };
  /**
   * Where the time went, in ms. Mixing (main thread) overlaps loading the worker and preparing;
   * the rest runs one after another.
   */
  timings: { mixAudioMs: number; workerStartMs: number; assembleMs: number } & WorkerTimings;
}

type WorkerTimings = Extract<WorkerEvent, { type: 'done' }>['timings'];

/** Copies the mix into transferable planar arrays (an AudioBuffer's own memory cannot be transferred). */
export function toMixedAudio(buffer: AudioBuffer): MixedAudio {
  const channels: Float32Array<ArrayBuffer>[] = [];
  for (let channel = 0; channel < buffer.numberOfChannels; channel++) {
    const data = new Float32Array(buffer.length);
    buffer.copyFromChannel(data, channel);
    channels.push(data);
  }
  return { sampleRate: buffer.sampleRate, channels };
}

/**
 * Renders a draft to an MP4 in this browser.
 *
 * @param draft the timeline; validated with `draftSchema`
 * @param options progress callback and abort signal
 * @returns the MP4 blob, the number of video frames, the wall time in ms, and encoder details
 * @throws RenderError with a plain message: `invalid-draft`, `unsupported-video` ("This browser
 *   cannot encode H.264 …"), `unsupported-audio`, `audio-mix-failed`, `font-load-failed`,
 *   `encode-failed`; RenderAbortedError when `signal` aborts
 */
export async function renderVideo(
  draft: Draft,
  options: RenderVideoOptions = {},
): Promise<RenderVideoResult> {
  const { onProgress, signal, mediaUrls = {}, chunkGops, voice } = options;
  const { store, firstChunk, audioStored }: ChunkedRenderResume = options.resume ?? {
    store: memoryChunkStore(),
    firstChunk: 0,
    audioStored: false,
  };
  const startedAt = performance.now();
  const parsed = draftSchema.safeParse(draft);
  if (!parsed.success) {
    throw new RenderError(
      'invalid-draft',
      `The draft is not valid: ${parsed.error.issues[0]?.message ?? 'unknown problem'}.`,
    );
  }
  if (signal?.aborted) throw new RenderAbortedError({ cause: signal.reason });
  if (typeof Worker === 'undefined') {
    throw new RenderError(
      'unsupported-video',
      'This browser cannot render in the background (Web Workers missing).',
    );
  }

  const worker = new Worker(new URL('./encode-worker.ts', import.meta.url), {
    type: 'module',
    name: 'reelwright-encode',
  });
  const workerCreatedAt = performance.now();
  let mixAudioMs = 0;
  let onAbort: (() => void) | null = null;
  let audioSaved: Promise<void> = Promise.resolve();
  /** Chunk saves run one after another, in order. */
  let chunkSaves: Promise<void> = Promise.resolve();
  try {
    const finished = new Promise<RenderVideoResult>((resolve, reject) => {
      onAbort = () => reject(new RenderAbortedError({ cause: signal?.reason }));
      signal?.addEventListener('abort', onAbort, { once: true });
      worker.addEventListener('error', (event) => {
        reject(
          new RenderError(
            'encode-failed',
            `The encode worker failed: ${event.message || 'it could not start'}.`,
          ),
        );
      });
      worker.addEventListener('messageerror', () => {
        reject(
          new RenderError(
            'encode-failed',
            'The encode worker sent a message that could not be read.',
          ),
        );
      });
      worker.addEventListener('message', (event: MessageEvent<unknown>) => {
        const message = workerEventSchema.safeParse(event.data);
        if (!message.success) {
          reject(new RenderError('encode-failed', 'The encode worker sent an unexpected message.'));
          return;
        }
        const data = message.data;
        switch (data.type) {
          case 'progress':
            onProgress?.({
              framesDone: data.framesDone,
              totalFrames: data.totalFrames,
              fps: data.fps,
              etaMs: data.etaMs,
            });
            break;
          case 'audio-encoded': {
            audioSaved = store.saveAudio(new Uint8Array(data.bytes));
            audioSaved.catch(reject);
            break;
          }
          case 'chunk': {
            const bytes = new Uint8Array(data.bytes);
            const index = data.index;
            chunkSaves = chunkSaves
              .then(() => store.saveChunk(index, bytes))
              .then(() => worker.postMessage({ type: 'chunk-saved', index }));
            chunkSaves.catch(reject);
            break;
          }
          case 'done': {
            const done = data;
            const {
              prepareMs,
              waitAudioMs,
              encodeAudioMs,
              encodeVideoMs,
              finalizeMs,
              saveChunksMs,
            } = done.timings;
            // What the worker did not account for: loading its code, and passing messages.
            const workerStartMs = Math.max(
              0,
              performance.now() -
                workerCreatedAt -
                prepareMs -
                waitAudioMs -
                encodeAudioMs -
                encodeVideoMs -
                finalizeMs -
                saveChunksMs,
            );
            const assembleStartedAt = performance.now();
            joinChunks(store, audioSaved, done.chunkCount, done.totalFrames, parsed.data)
              .then((blob) => {
                resolve({
                  blob,
                  framesEncoded: done.totalFrames,
                  framesEncodedHere: done.framesEncoded,
                  chunkCount: done.chunkCount,
                  firstChunk,
                  wallMs: performance.now() - startedAt,
                  encoder: { codec: done.videoCodec, colorSpace: done.colorSpace },
                  timings: {
                    mixAudioMs,
                    workerStartMs,
                    assembleMs: performance.now() - assembleStartedAt,
                    ...done.timings,
                  },
                });
              })
              .catch(reject);
            break;
          }
          case 'error':
            reject(renderErrorFromCode(data.code, data.message));
            break;
        }
      });
    });
    // Keep a failure that arrives while we are still mixing from becoming an unhandled rejection.
    finished.catch(() => undefined);
    // The worker loads its code and prepares (encoder, fonts) while this thread mixes the audio.
    worker.postMessage({
      type: 'render',
      draft: parsed.data,
      mediaUrls: { ...mediaUrls },
      headers: requestHeaders(),
      firstChunk,
      chunkGops,
      encodeAudio: !audioStored,
    });
    if (audioStored) return await finished;
    const mixed = await Promise.race([
      mixAudio(parsed.data, urlLoader(mediaUrls), voice).then((buffer) => {
        mixAudioMs = performance.now() - startedAt;
        return toMixedAudio(buffer);
      }),
      finished.then(() => null), // the worker cannot finish first; it can only fail or be aborted
    ]);
    if (mixed)
      worker.postMessage(
        { type: 'audio', audio: mixed },
        mixed.channels.map((channel) => channel.buffer),
      );
    return await finished;
  } finally {
    worker.terminate();
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * Reads the audio and then every chunk (made here, or stored by an earlier page) back from the
 * store, one chunk at a time, and remuxes them into the MP4 with the draft's captions as a
 * subtitle track. Waits for the audio's save first, so a failed save fails the render.
 * @param frameCount video frames in the whole render (one packet each)
 */
async function joinChunks(
  store: RenderChunkStore,
  audioSaved: Promise<void>,
  chunkCount: number,
  frameCount: number,
  draft: Draft,
): Promise<Blob> {
  await audioSaved;
  const audio = decodeChunkFile(await store.loadAudio());
  const loadChunk = async (index: number) => decodeChunkFile(await store.loadChunk(index));
  return assembleMp4(
    { chunkCount, packetCount: frameCount, loadChunk },
    audio,
    draft.canvas.fps,
    subtitleTrack(draft),
  );
}
