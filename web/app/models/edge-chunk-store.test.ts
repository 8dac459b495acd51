import { describe, expect, it, vi } from 'vitest';
import type { RenderChunkState } from '../../../shared/api-schema';
import { ApiError } from '../api-error';
import { UPLOAD_QUEUE_MAX_CHUNKS, createEdgeChunkStore } from './edge-chunk-store';
import { fakeApiClient } from '../../../test/unit-helpers/fake-api-client';

const STATE: RenderChunkState = {
  version: 1,
  chunkCount: 8,
  chunkFrames: 120,
  totalFrames: 900,
  chunks: [],
  audio: null,
  encoderKey: 'k',
};

describe('edge chunk store', () => {
  it('retries a chunk upload that got no answer or a 5xx, and reports the chunks stored', async () => {
    vi.useFakeTimers();
    try {
      const put = vi
        .fn<
          (
            renderId: string,
            index: number,
            bytes: Uint8Array<ArrayBuffer>,
            attempt: string,
          ) => Promise<RenderChunkState>
        >()
        .mockRejectedValueOnce(new ApiError(0, 'network', 'offline'))
        .mockRejectedValueOnce(new ApiError(503, 'internal', 'restarting'))
        .mockResolvedValue(STATE);
      const stored: number[] = [];
      const store = createEdgeChunkStore(fakeApiClient([], { putRenderChunk: put }), 'r1', 'a1', {
        onChunkStored: (n) => stored.push(n),
      });
      await store.saveChunk(0, new Uint8Array([1]));
      const drained = store.drain();
      await vi.runAllTimersAsync();
      await drained;
      expect(put).toHaveBeenCalledTimes(3);
      expect(put.mock.calls[0]?.slice(0, 2)).toEqual(['r1', 0]);
      expect(put.mock.calls[0]?.[3]).toBe('a1');
      expect(stored).toEqual([1]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('reads a chunk this page stored back from its own copy once, and downloads one an earlier page stored', async () => {
    const get = vi.fn(async (_renderId: string, index: number) => new Uint8Array([index, 9]));
    const getAudio = vi.fn(async () => new Uint8Array([8]));
    const store = createEdgeChunkStore(
      fakeApiClient([], {
        putRenderChunk: async () => STATE,
        putRenderAudio: async () => STATE,
        getRenderChunk: get,
        getRenderAudio: getAudio,
      }),
      'r1',
      'a1',
    );
    await store.saveChunk(1, new Uint8Array([1, 2, 3]));
    await store.saveAudio(new Uint8Array([4, 5]));
    expect([...(await store.loadChunk(1))]).toEqual([1, 2, 3]);
    expect([...(await store.loadAudio())]).toEqual([4, 5]);
    expect(get).not.toHaveBeenCalled();
    expect(getAudio).not.toHaveBeenCalled();
    expect([...(await store.loadChunk(0))]).toEqual([0, 9]);
    expect(get).toHaveBeenCalledWith('r1', 0);
    // The page's copy was given up when read: a second read downloads the stored chunk.
    expect([...(await store.loadChunk(1))]).toEqual([1, 9]);
    expect(get).toHaveBeenCalledWith('r1', 1);
  });

  it('downloads a chunk whose copy in the page cannot be read (the browser refused the blob)', async () => {
    const get = vi.fn(async () => new Uint8Array([7]));
    const store = createEdgeChunkStore(
      fakeApiClient([], { putRenderChunk: async () => STATE, getRenderChunk: get }),
      'r1',
      'a1',
    );
    await store.saveChunk(2, new Uint8Array([1, 2, 3]));
    const unreadable = vi
      .spyOn(Blob.prototype, 'arrayBuffer')
      .mockRejectedValue(new DOMException('refused', 'NotReadableError'));
    try {
      expect([...(await store.loadChunk(2))]).toEqual([7]);
      expect(get).toHaveBeenCalledWith('r1', 2);
    } finally {
      unreadable.mockRestore();
    }
  });

  it('does not retry a refusal (another page stored the chunk first): the drain and the next save reject with it', async () => {
    const put = vi.fn(() => Promise.reject(new ApiError(409, 'chunk_conflict', 'taken')));
    const store = createEdgeChunkStore(fakeApiClient([], { putRenderChunk: put }), 'r1', 'a1');
    await store.saveChunk(0, new Uint8Array([1]));
    await expect(store.drain()).rejects.toMatchObject({ code: 'chunk_conflict' });
    await expect(store.saveChunk(1, new Uint8Array([2]))).rejects.toMatchObject({
      code: 'chunk_conflict',
    });
    expect(put).toHaveBeenCalledTimes(1);
  });

  it('keeps rendering into a bounded queue while the edge is unreachable, says it is reconnecting, then stores every chunk once, in order', async () => {
    vi.useFakeTimers();
    try {
      let edgeUp = false;
      const puts: number[] = [];
      const put = vi.fn(async (_renderId: string, index: number) => {
        if (!edgeUp) throw new ApiError(0, 'network', 'Could not reach the Reelwright server.');
        puts.push(index);
        return { ...STATE, version: index + 1 };
      });
      const reconnecting: boolean[] = [];
      const store = createEdgeChunkStore(fakeApiClient([], { putRenderChunk: put }), 'r1', 'a1', {
        onReconnecting: (on) => reconnecting.push(on),
      });
      // Four saves return at once while the edge is down (chunk 0 retrying, 1..3 queued); the fifth waits for room.
      for (let index = 0; index < UPLOAD_QUEUE_MAX_CHUNKS; index++)
        await store.saveChunk(index, new Uint8Array([index]));
      let fifthSaved = false;
      const fifth = store.saveChunk(UPLOAD_QUEUE_MAX_CHUNKS, new Uint8Array([9])).then(() => {
        fifthSaved = true;
      });
      await vi.advanceTimersByTimeAsync(10_000);
      expect(fifthSaved).toBe(false); // the queue is full: the renderer waits
      expect(reconnecting).toEqual([true]);
      edgeUp = true;
      await vi.advanceTimersByTimeAsync(10_000);
      await fifth;
      await store.drain();
      expect(puts).toEqual([0, 1, 2, 3, 4]);
      expect(reconnecting).toEqual([true, false]);
    } finally {
      vi.useRealTimers();
    }
  });
});
