/**
 * @module render-chunk-store
 * Where a chunked render keeps its finished chunks and its audio (chunk files,
 * shared/render-chunk-file.ts): the edge (R2 via the render routes, so a closed tab can resume)
 * or, for a render without a job (tests, bench), this page. Both keep what this page stored as
 * `Blob`s (Chromium holds big blobs outside the page's heap, on disk when needed), so a long
 * render does not hold every chunk in the page's memory until the join.
 */

/** Stores and reads back a render's chunks and audio. */
export interface RenderChunkStore {
  /** Stores chunk `index`; resolves once it is recorded (the next chunk starts only then). */
  saveChunk(index: number, bytes: Uint8Array<ArrayBuffer>): Promise<void>;
  /** Stores the whole video's audio chunk file. */
  saveAudio(bytes: Uint8Array<ArrayBuffer>): Promise<void>;
  /** Reads back stored chunk `index` (encoded here or in an earlier page session). */
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

/** Reads a kept `Blob` back into bytes. */
export async function blobBytes(blob: Blob): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await blob.arrayBuffer());
}

/** A store in this page, as `Blob`s (nothing survives the page). */
export function memoryChunkStore(): RenderChunkStore {
  const chunks = new Map<number, Blob>();
  let audio: Blob | null = null;
  return {
    async saveChunk(index, bytes) {
      chunks.set(index, new Blob([bytes]));
    },
    async saveAudio(bytes) {
      audio = new Blob([bytes]);
    },
    async loadChunk(index) {
      const blob = chunks.get(index);
      if (!blob) throw new Error(`chunk ${index} is not stored`);
      return blobBytes(blob);
    },
    async loadAudio() {
      if (!audio) throw new Error('the audio is not stored');
      return blobBytes(audio);
    },
  };
}
