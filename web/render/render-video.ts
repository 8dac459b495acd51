/**
 * @module render-video
 * The export, from the main thread: starts one or two encode workers with the draft
 * ({@link encoderCount}: two where the machine has the cores; each loads its code, checks the
 * encoder and loads fonts and media), meanwhile mixes the soundtrack here (OfflineAudioContext
 * exists only on the main thread) and transfers it to the first worker, which encodes it once.
 * Each worker is given the next chunk nobody has made yet as a frame range (chunk-schedule.ts),
 * so two chunks are drawn and encoded at once; finished chunks go to the render's chunk store
 * strictly in order (a chunk finished early waits for the one before it), progress sums both
 * workers, and a failure of either worker, of the store or an abort stops both. At the end every
 * chunk — also those stored by an earlier page — is joined into the fast-start MP4 (H.264 High,
 * BT.709 limited range + AAC-LC 48 kHz stereo) by remux, reading the chunks back from the store
 * one at a time (the store keeps them out of the page's heap).
 *
 * @example
 * const { blob } = await renderVideo(draft, { onProgress: (p) => console.log(p.framesDone, p.totalFrames) });
 * const url = URL.createObjectURL(blob);
 */
import { draftSchema, type Draft } from '../../shared/draft-schema';
import { workerEventSchema, type MixedAudio, type RenderProgress } from './encode-protocol';
import { urlLoader } from './media-frames';
import { type NarrationVoiceOptions, mixAudio } from './mix-audio';
import { RenderAbortedError, RenderError, renderErrorFromCode } from './render-errors';
import { decodeChunkFile } from '../../shared/render-chunk-file';
import { planChunks } from '../../shared/render-chunk-plan';
import { assembleMp4 } from './assemble-mp4';
import { subtitleTrack } from '../../shared/subtitle-files';
import { memoryChunkStore } from './render-chunk-store';
import type { ChunkedRenderResume, RenderChunkStore } from './render-chunk-store';
import { requestHeaders } from './request-headers';
import { ChunkSchedule } from './chunk-schedule';
import { encoderCount } from './encoder-count';

export type { ChunkedRenderResume, RenderChunkStore } from './render-chunk-store';

export type { RenderProgress } from './encode-protocol';
export { RenderAbortedError, RenderError } from './render-errors';

/** Options of {@link renderVideo}. */
export interface RenderVideoOptions {
  /** Called about every 15 frames of each worker with frames done (both workers), total, speed (frames/s) and time left (ms). */
  onProgress?: (progress: RenderProgress) => void;
  /** Aborting stops the workers at once and rejects with {@link RenderAbortedError}. */
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
  /**
   * Encode workers: 1 or 2 (tests and benches force one). Default: {@link encoderCount} of
   * `navigator.hardwareConcurrency`. Never more than the chunks left to make.
   */
  encoders?: number;
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
  /** Encode workers this call ran, and the chunks each made (e.g. `[4, 4]`). */
  encoders: number;
  chunksByEncoder: number[];
  /** Wall-clock time of the whole export in ms (mixing, fonts, encoding, muxing). */
  wallMs: number;
  /**
   * What the encoder used: codec string (e.g. `avc1.640028`) and a description of the colour space
   * it reported (the file always declares BT.709 limited range).
   */
  encoder: { codec: string; colorSpace: string };
  /**
   * Where the time went, in ms. Mixing (main thread) overlaps loading the workers, preparing and
   * drawing the first chunks.
   * `encodeVideoMs` and `saveChunksMs` add up every chunk (two workers' chunks overlap in time).
   */
  timings: {
    mixAudioMs: number;
    /** From starting the workers until the last one is ready (code, encoder, fonts, media). */
    prepareMs: number;
    /** The first worker's AAC encode of the mix (between two of its chunks). */
    encodeAudioMs: number;
    /** Drawing, encoding and flushing each chunk, summed over chunks. */
    encodeVideoMs: number;
    /** From a chunk's end until the store took it (waiting for the chunk before it, then storing), summed. */
    saveChunksMs: number;
    /** From the first range sent until the last chunk was stored. */
    videoWallMs: number;
    assembleMs: number;
  };
}

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
 * @param options progress callback, abort signal, resume point, encoder count
 * @returns the MP4 blob, the number of video frames, the wall time in ms, and encoder details
 * @throws RenderError with a plain message: `invalid-draft`, `unsupported-video` ("This browser
 *   cannot encode H.264 …"), `unsupported-audio`, `audio-mix-failed`, `font-load-failed`,
 *   `media-failed`, `encode-failed` (also when a worker fails to start); the chunk store's own
 *   error when storing fails; RenderAbortedError when `signal` aborts
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
  const plan = planChunks(
    { durationMs: parsed.data.durationMs, fps: parsed.data.canvas.fps },
    chunkGops,
  );
  if (firstChunk > plan.chunkCount)
    throw new RenderError('encode-failed', `The render has no chunk ${firstChunk}.`);
  const workerCount = Math.max(
    1,
    Math.min(
      encoderCount(options.encoders, globalThis.navigator?.hardwareConcurrency),
      plan.chunkCount - firstChunk,
    ),
  );
  /** Each finished chunk's bytes, and when it finished (performance.now() ms). */
  const schedule = new ChunkSchedule<{ bytes: Uint8Array<ArrayBuffer>; finishedAt: number }>(
    plan,
    firstChunk,
    workerCount,
  );
  const framesBefore = schedule.framesDone;

  const workers = Array.from(
    { length: workerCount },
    (_, slot) =>
      new Worker(new URL('./encode-worker.ts', import.meta.url), {
        type: 'module',
        name: `reelwright-encode-${slot + 1}`,
      }),
  );
  const timings: RenderVideoResult['timings'] = {
    mixAudioMs: 0,
    prepareMs: 0,
    encodeAudioMs: 0,
    encodeVideoMs: 0,
    saveChunksMs: 0,
    videoWallMs: 0,
    assembleMs: 0,
  };
  const encoder = { codec: '', colorSpace: 'no chunk encoded here' };
  let onAbort: (() => void) | null = null;
  /** Rejects when `signal` aborts: raced with each step below. */
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(new RenderAbortedError({ cause: signal?.reason }));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  aborted.catch(() => undefined);
  let audioSaved: Promise<void> = Promise.resolve();
  /**
   * Resolves once the audio worker (slot 0) was sent its first range, or has none to draw: the
   * mix is sent after it, so the worker encodes the soundtrack after that chunk and the first
   * frames never wait for it (a mix ready early, its speech cached, would otherwise go first).
   */
  let releaseAudio: () => void = () => undefined;
  const audioMayGo = new Promise<void>((resolve) => {
    releaseAudio = resolve;
  });
  try {
    const encoded = new Promise<void>((resolve, reject) => {
      const ready = workers.map(() => false);
      let audioDone = audioStored;
      let videoStartedAt: number | null = null;
      /** Chunk stores run one after another, in the schedule's order. */
      let saving: Promise<void> = Promise.resolve();

      /** Gives every ready, free worker its next range; resolves once everything is stored. */
      const dispatch = (): void => {
        workers.forEach((worker, slot) => {
          const range = ready[slot] ? schedule.take(slot) : null;
          if (range) {
            videoStartedAt ??= performance.now();
            worker.postMessage({ type: 'encode-range', ...range });
          }
          if (slot === 0 && ready[0]) releaseAudio();
        });
        if (schedule.allStored && audioDone) {
          if (videoStartedAt !== null) timings.videoWallMs = performance.now() - videoStartedAt;
          resolve();
        }
      };
      const report = (): void => {
        if (!onProgress || videoStartedAt === null) return;
        const framesDone = schedule.framesDone;
        const elapsedMs = performance.now() - videoStartedAt;
        const rate = elapsedMs > 0 ? ((framesDone - framesBefore) * 1000) / elapsedMs : 0;
        onProgress({
          framesDone,
          totalFrames: plan.totalFrames,
          fps: rate,
          etaMs: rate > 0 ? ((plan.totalFrames - framesDone) * 1000) / rate : 0,
        });
      };
      workers.forEach((worker, slot) => {
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
            reject(
              new RenderError('encode-failed', 'The encode worker sent an unexpected message.'),
            );
            return;
          }
          const data = message.data;
          switch (data.type) {
            case 'audio-encoded':
              timings.encodeAudioMs = data.encodeMs;
              audioSaved = store.saveAudio(new Uint8Array(data.bytes));
              audioSaved.catch(reject);
              audioDone = true;
              dispatch(); // the last chunk may be stored already: then this ends the render
              break;
            case 'ready':
              ready[slot] = true;
              encoder.codec = data.videoCodec;
              timings.prepareMs = performance.now() - startedAt;
              dispatch();
              break;
            case 'progress':
              schedule.progress(slot, data.framesDone);
              report();
              break;
            case 'chunk': {
              encoder.colorSpace = data.colorSpace; // the same from every chunk
              timings.encodeVideoMs += data.encodeMs;
              let released: ReturnType<typeof schedule.finish>;
              try {
                released = schedule.finish(slot, data.index, {
                  bytes: new Uint8Array(data.bytes),
                  finishedAt: performance.now(),
                });
              } catch (cause) {
                reject(
                  new RenderError(
                    'encode-failed',
                    'The encode worker sent a chunk it was not asked for.',
                    { cause },
                  ),
                );
                return;
              }
              report();
              for (const chunk of released) {
                saving = saving
                  .then(() => store.saveChunk(chunk.index, chunk.payload.bytes))
                  .then(() => {
                    timings.saveChunksMs += performance.now() - chunk.payload.finishedAt;
                    schedule.stored(chunk.index);
                    dispatch();
                  });
              }
              saving.catch(reject);
              break;
            }
            case 'error':
              reject(renderErrorFromCode(data.code, data.message));
              break;
          }
        });
      });
      dispatch(); // nothing left to encode: done once the audio is
    });
    // Keep a failure that arrives while we are still mixing from becoming an unhandled rejection.
    encoded.catch(() => undefined);
    // The workers load their code and prepare (encoder, fonts, media) while this thread mixes the audio.
    workers.forEach((worker, slot) => {
      worker.postMessage({
        type: 'prepare',
        draft: parsed.data,
        mediaUrls: { ...mediaUrls },
        headers: requestHeaders(),
        chunkGops,
        encodeAudio: slot === 0 && !audioStored,
      });
    });
    if (!audioStored) {
      const mixed = await Promise.race([
        mixAudio(parsed.data, urlLoader(mediaUrls), voice).then((buffer) => {
          timings.mixAudioMs = performance.now() - startedAt;
          return toMixedAudio(buffer);
        }),
        encoded.then(() => null), // cannot finish before the audio; it can only fail
        aborted,
      ]);
      if (mixed) await Promise.race([audioMayGo, encoded, aborted]); // `encoded` can only fail here
      if (mixed)
        workers[0]?.postMessage(
          { type: 'audio', audio: mixed },
          mixed.channels.map((channel) => channel.buffer),
        );
    }
    await Promise.race([encoded, aborted]);
    for (const worker of workers) worker.terminate(); // done: free their memory for the join
    const assembleStartedAt = performance.now();
    const blob = await Promise.race([
      joinChunks(store, audioSaved, plan.chunkCount, plan.totalFrames, parsed.data),
      aborted,
    ]);
    timings.assembleMs = performance.now() - assembleStartedAt;
    return {
      blob,
      framesEncoded: plan.totalFrames,
      framesEncodedHere: plan.totalFrames - framesBefore,
      chunkCount: plan.chunkCount,
      firstChunk,
      encoders: workerCount,
      chunksByEncoder: [...schedule.chunksBy],
      wallMs: performance.now() - startedAt,
      encoder,
      timings,
    };
  } finally {
    for (const worker of workers) worker.terminate();
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
