/**
 * @module edge-chunk-store
 * The chunk store of a resumable browser render kept at the edge: each chunk and the audio go
 * to R2 through the render routes and are recorded in the `RenderJob`, so a page opened later
 * resumes after the last stored chunk. A failed request is retried a few times; a refusal
 * (4xx, e.g. 409 `chunk_conflict` when another page stored the chunk first) is not.
 * What this page stored is also kept here as a `Blob` and read back from it for the join, which
 * reads each chunk once: the copy is given up when read, so the join's new MP4 parts take the
 * place of the chunks it has read (a browser without disk for blobs, e.g. a private window,
 * holds about one MP4's worth of blobs, not two). Chunks stored by an earlier page, read a
 * second time, or whose copy cannot be read (a private window refuses blobs beyond its memory
 * for them, ~512 MiB in Chromium here), are downloaded.
 */
import type { ApiClient } from '../api-client';
import { ApiError } from '../api-error';
import { blobBytes } from '../../render/render-chunk-store';
import type { RenderChunkStore } from '../../render/render-chunk-store';

/** Tries per request: 3 (a dropped connection or a restarting Worker, not a refusal). */
export const CHUNK_REQUEST_TRIES = 3;
/** Wait before the first retry, ms; doubled each time (0.5 s, 1 s). */
export const CHUNK_RETRY_DELAY_MS = 500;

/** True for failures worth retrying: no answer, or a 5xx. */
function retryable(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 0 || error.status >= 500) && error.code !== 'aborted';
}

async function withRetries<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= CHUNK_REQUEST_TRIES || !retryable(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, CHUNK_RETRY_DELAY_MS * 2 ** (attempt - 1)));
    }
  }
}

/**
 * The edge store of render `renderId`; chunks are labelled with page session `attempt` (a UUID).
 * @param onChunkStored called with the number of chunks stored after each chunk
 */
export function createEdgeChunkStore(api: ApiClient, renderId: string, attempt: string, onChunkStored?: (chunksStored: number) => void): RenderChunkStore {
  const keptChunks = new Map<number, Blob>();
  let keptAudio: Blob | null = null;
  return {
    async saveChunk(index, bytes) {
      const state = await withRetries(() => api.putRenderChunk(renderId, index, bytes, attempt));
      keptChunks.set(index, new Blob([bytes]));
      onChunkStored?.(state.version);
    },
    async saveAudio(bytes) {
      await withRetries(() => api.putRenderAudio(renderId, bytes));
      keptAudio = new Blob([bytes]);
    },
    loadChunk(index) {
      const kept = keptChunks.get(index);
      keptChunks.delete(index);
      const download = () => withRetries(() => api.getRenderChunk(renderId, index));
      return kept ? blobBytes(kept).catch(download) : download();
    },
    loadAudio: () => (keptAudio ? blobBytes(keptAudio) : withRetries(() => api.getRenderAudio(renderId))),
  };
}
