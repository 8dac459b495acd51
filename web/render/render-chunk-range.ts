/**
 * @module render-chunk-range
 * Renders part of a draft in the encode worker (encode-worker.ts, the same code and protocol as
 * the visitor's export): chunks `firstChunk` up to `chunkEnd` of its GOP-aligned plan
 * (shared/render-chunk-plan.ts), and/or the whole soundtrack (mixed here: `OfflineAudioContext`
 * exists only on the main thread), with the export's worker protocol (`prepare`, the ranges one
 * at a time by `encode-range`, the mix by `audio`). Each finished chunk file is handed to
 * `onChunk`; the worker is sent the next range only once that resolves. A render worker's page uses it for one leased unit.
 *
 * @example
 * await renderChunkRange(draft, { firstChunk: 2, chunkEnd: 3, encodeAudio: false,
 *   onChunk: (index, bytes) => upload(index, bytes) });
 */
import type { Draft } from '../../shared/draft-schema';
import { workerEventSchema } from './encode-protocol';
import { mixAudio } from './mix-audio';
import { urlLoader } from './media-frames';
import { RenderAbortedError, RenderError, renderErrorFromCode } from './render-errors';
import { toMixedAudio } from './render-video';
import { chunkFrameRange, planChunks } from '../../shared/render-chunk-plan';

/** Options of {@link renderChunkRange}. */
export interface ChunkRangeOptions {
  /** First chunk to encode. */
  firstChunk: number;
  /** The chunk after the last one; equal to `firstChunk` for no video. */
  chunkEnd: number;
  /** Mix and encode the whole soundtrack too (handed to `onAudio`). */
  encodeAudio: boolean;
  /** Takes chunk `index`'s chunk file (shared/render-chunk-file.ts); the next starts once it resolves. */
  onChunk?: (index: number, bytes: Uint8Array<ArrayBuffer>) => Promise<void>;
  /** Takes the soundtrack's audio chunk file. */
  onAudio?: (bytes: Uint8Array<ArrayBuffer>) => Promise<void>;
  /** Aborting stops the worker at once and rejects with {@link RenderAbortedError}. */
  signal?: AbortSignal;
}

/**
 * Renders the range and resolves once every chunk (and the audio) was handed over and taken.
 * @throws RenderError (`encode-failed`, `unsupported-video`, `audio-mix-failed`, …) as the
 *   export does; RenderAbortedError when `signal` aborts; whatever `onChunk`/`onAudio` throw
 */
export async function renderChunkRange(draft: Draft, options: ChunkRangeOptions): Promise<void> {
  const { signal, onChunk, onAudio } = options;
  if (signal?.aborted) throw new RenderAbortedError({ cause: signal.reason });
  const plan = planChunks({ durationMs: draft.durationMs, fps: draft.canvas.fps });
  const chunkEnd = Math.min(options.chunkEnd, plan.chunkCount);
  const worker = new Worker(new URL('./encode-worker.ts', import.meta.url), {
    type: 'module',
    name: 'reelwright-encode',
  });
  let onAbort: (() => void) | null = null;
  try {
    const finished = new Promise<void>((resolve, reject) => {
      onAbort = () => reject(new RenderAbortedError({ cause: signal?.reason }));
      signal?.addEventListener('abort', onAbort, { once: true });
      let next = options.firstChunk;
      let audioDone = !options.encodeAudio;
      let handing: Promise<void> = Promise.resolve();
      const handOver = (take: () => Promise<void>) => {
        handing = handing.then(take);
        handing.catch(reject);
      };
      /** Sends the next range, or resolves once the last chunk and the audio were taken. */
      const sendNext = (): void => {
        if (next < chunkEnd) {
          worker.postMessage({ type: 'encode-range', index: next, ...chunkFrameRange(plan, next) });
          next += 1;
        } else if (audioDone) handOver(async () => resolve());
      };
      worker.addEventListener('error', (event) =>
        reject(new RenderError('encode-failed', `The encode worker failed: ${event.message}.`)),
      );
      worker.addEventListener('message', (event: MessageEvent<unknown>) => {
        const message = workerEventSchema.safeParse(event.data);
        if (!message.success) {
          reject(new RenderError('encode-failed', 'The encode worker sent an unexpected message.'));
          return;
        }
        const data = message.data;
        if (data.type === 'ready') sendNext();
        else if (data.type === 'progress')
          return; // a leased unit is one chunk: the page reports none
        else if (data.type === 'audio-encoded') {
          handOver(async () => onAudio?.(new Uint8Array(data.bytes)));
          audioDone = true;
          if (next >= chunkEnd) sendNext();
        } else if (data.type === 'chunk')
          handOver(async () => {
            await onChunk?.(data.index, new Uint8Array(data.bytes));
            sendNext();
          });
        else reject(renderErrorFromCode(data.code, data.message));
      });
    });
    finished.catch(() => undefined);
    worker.postMessage({
      type: 'prepare',
      draft,
      mediaUrls: {},
      encodeAudio: options.encodeAudio,
    });
    if (options.encodeAudio) {
      const mixed = toMixedAudio(await mixAudio(draft, urlLoader({})));
      worker.postMessage(
        { type: 'audio', audio: mixed },
        mixed.channels.map((channel) => channel.buffer),
      );
    }
    await finished;
  } finally {
    worker.terminate();
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}
