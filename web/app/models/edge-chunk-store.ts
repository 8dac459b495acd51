/**
 * @module edge-chunk-store
 * The chunk store of a resumable browser render kept at the edge: each chunk and the audio go
 * to R2 through the render routes and are recorded in the `RenderJob`, so a page opened later
 * resumes after the last stored chunk. Uploads run in order behind the renderer, in a bounded
 * queue ({@link UPLOAD_QUEUE_MAX_CHUNKS} chunks, {@link UPLOAD_QUEUE_MAX_BYTES}): while the
 * edge is unreachable the page keeps rendering until the queue is full, and the uploads retry
 * with backoff (net/retry-while-unreachable.ts) and carry on when it is back. A refusal (4xx,
 * e.g. 409 `chunk_conflict` when another page stored the chunk first) is not retried: the next
 * save and {@link EdgeChunkStore.drain} reject with it.
 * What this page stored is also kept here as a `Blob` and read back from it for the join, which
 * reads each chunk once: the copy is given up when read, so the join's new MP4 parts take the
 * place of the chunks it has read (a browser without disk for blobs, e.g. a private window,
 * holds about one MP4's worth of blobs, not two). Chunks stored by an earlier page, read a
 * second time, or whose copy cannot be read (a private window refuses blobs beyond its memory
 * for them, ~512 MiB in Chromium here), are downloaded.
 */
import type { ApiClient } from '../api-client';
import { isTransient } from '../api-error';
import { blobBytes } from '../../render/render-chunk-store';
import type { RenderChunkStore } from '../../render/render-chunk-store';
import { retryWithBackoff } from '../net/retry-with-backoff';
import { retryWhileUnreachable } from '../net/retry-while-unreachable';

/**
 * Chunks rendered but not yet stored at the edge before the renderer waits: 4 (16 s of video,
 * ~16 s of a 10-s server blip's rendering at ~45 fps). Bounds what a lost page loses too.
 */
export const UPLOAD_QUEUE_MAX_CHUNKS = 4;
/** Bytes waiting in that queue before the renderer waits: 64 MiB (a 4-s 1080p chunk is ~4 MB). */
export const UPLOAD_QUEUE_MAX_BYTES = 64 * 1024 ** 2;
/** Tries per chunk download for the join: 3 (a dropped connection or a restarting Worker). */
export const CHUNK_REQUEST_TRIES = 3;
/** Wait before the first download retry, ms; doubled each time (0.5 s, 1 s). */
export const CHUNK_RETRY_DELAY_MS = 500;

/** The edge store, plus a wait for its queued uploads. */
export interface EdgeChunkStore extends RenderChunkStore {
  /** Resolves once every queued chunk and the audio are stored; rejects with the upload failure. */
  drain(): Promise<void>;
}

/** Options of {@link createEdgeChunkStore}. */
export interface EdgeChunkStoreOptions {
  /** Stops the uploads (a wait to retry rejects with an `AbortError`). */
  signal?: AbortSignal;
  /** Called with the number of chunks stored after each chunk. */
  onChunkStored?: (chunksStored: number) => void;
  /** `true` while an upload waits for the edge to answer again, `false` once it did. */
  onReconnecting?: (reconnecting: boolean) => void;
}

const download = <T>(run: () => Promise<T>): Promise<T> =>
  retryWithBackoff(run, {
    tries: CHUNK_REQUEST_TRIES,
    firstDelayMs: CHUNK_RETRY_DELAY_MS,
    shouldRetry: isTransient,
  });

/** The edge store of render `renderId`; chunks are labelled with page session `attempt` (a UUID). */
export function createEdgeChunkStore(
  api: ApiClient,
  renderId: string,
  attempt: string,
  options: EdgeChunkStoreOptions = {},
): EdgeChunkStore {
  const { signal, onChunkStored, onReconnecting } = options;
  const keptChunks = new Map<number, Blob>();
  let keptAudio: Blob | null = null;
  /** Uploads not yet stored, oldest first, with their sizes. */
  const queued: { stored: Promise<void>; sizeBytes: number }[] = [];
  let tail: Promise<void> = Promise.resolve();
  /** The first upload that failed for good: every later save and the drain reject with it. */
  let failure: { cause: unknown } | null = null;

  /** Queues `send` after the uploads before it; resolves when it is stored. */
  function enqueue(sizeBytes: number, send: () => Promise<void>): Promise<void> {
    const stored = tail.then(async () => {
      if (failure !== null) throw failure.cause;
      await retryWhileUnreachable(send, signal, onReconnecting);
    });
    const entry = { stored, sizeBytes };
    queued.push(entry);
    tail = stored.then(
      () => undefined,
      (cause: unknown) => {
        failure ??= { cause };
      },
    );
    void tail.then(() => queued.splice(queued.indexOf(entry), 1));
    return stored;
  }

  /** Waits while the queue is over its bounds (rejects when an upload failed for good). */
  async function waitForRoom(): Promise<void> {
    for (;;) {
      const bytes = queued.reduce((sum, entry) => sum + entry.sizeBytes, 0);
      const oldest = queued[0];
      if (
        oldest === undefined ||
        (queued.length <= UPLOAD_QUEUE_MAX_CHUNKS && bytes <= UPLOAD_QUEUE_MAX_BYTES)
      )
        return;
      await oldest.stored;
    }
  }

  return {
    async saveChunk(index, bytes) {
      if (failure !== null) throw failure.cause;
      keptChunks.set(index, new Blob([bytes]));
      const stored = enqueue(bytes.byteLength, async () => {
        const state = await api.putRenderChunk(renderId, index, bytes, attempt);
        onChunkStored?.(state.version);
      });
      stored.catch(() => undefined); // reported by the next save or the drain
      await waitForRoom();
    },
    async saveAudio(bytes) {
      if (failure !== null) throw failure.cause;
      keptAudio = new Blob([bytes]);
      const stored = enqueue(bytes.byteLength, async () => {
        await api.putRenderAudio(renderId, bytes);
      });
      stored.catch(() => undefined);
      await waitForRoom();
    },
    async drain() {
      await tail;
      if (failure !== null) throw failure.cause;
    },
    loadChunk(index) {
      const kept = keptChunks.get(index);
      keptChunks.delete(index);
      const fetchStored = () => download(() => api.getRenderChunk(renderId, index));
      return kept ? blobBytes(kept).catch(fetchStored) : fetchStored();
    },
    loadAudio: () =>
      keptAudio ? blobBytes(keptAudio) : download(() => api.getRenderAudio(renderId)),
  };
}
