/**
 * @module render-chunk-store
 * Where a chunked render keeps its finished chunks and its audio (chunk files,
 * shared/render-chunk-file.ts): the edge (R2 via the render routes, so a closed tab can resume)
 * or, for a render without a job (tests, bench), this page's memory.
 */

/** Stores and reads back a render's chunks and audio. */
export interface RenderChunkStore {
  /** Stores chunk `index`; resolves once it is recorded (the next chunk starts only then). */
  saveChunk(index: number, bytes: Uint8Array<ArrayBuffer>): Promise<void>;
  /** Stores the whole video's audio chunk file. */
  saveAudio(bytes: Uint8Array<ArrayBuffer>): Promise<void>;
  /** Reads back stored chunk `index` (encoded in an earlier page session). */
  loadChunk(index: number): Promise<Uint8Array<ArrayBuffer>>;
  /** Reads back the stored audio. */
  loadAudio(): Promise<Uint8Array<ArrayBuffer>>;
}

/** A resumable render: its store and how far it got. */
export interface ChunkedRenderResume {
  store: RenderChunkStore;
  /** Chunks 0..firstChunk-1 are stored: encoding starts at `firstChunk`. */
  firstChunk: number;
  /** The audio is stored: it is neither mixed nor encoded again. */
  audioStored: boolean;
}

/** A store in this page's memory (nothing survives the page). */
export function memoryChunkStore(): RenderChunkStore {
  const chunks = new Map<number, Uint8Array<ArrayBuffer>>();
  let audio: Uint8Array<ArrayBuffer> | null = null;
  return {
    async saveChunk(index, bytes) {
      chunks.set(index, bytes);
    },
    async saveAudio(bytes) {
      audio = bytes;
    },
    async loadChunk(index) {
      const bytes = chunks.get(index);
      if (!bytes) throw new Error(`chunk ${index} is not stored`);
      return bytes;
    },
    async loadAudio() {
      if (!audio) throw new Error('the audio is not stored');
      return audio;
    },
  };
}
