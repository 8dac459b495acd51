/**
 * @module render-chunk-plan
 * How a browser render is cut into chunks (docs/design-decisions.md#rendering): a keyframe
 * every {@link GOP_SECONDS}, chunks of {@link CHUNK_GOPS} GOPs, so every chunk starts on a
 * keyframe and a resumed render joins the stored chunks without re-encoding. Pure; the edge
 * checks uploaded chunks against the same plan the renderer encodes with.
 */

/** A keyframe every 2 s (docs/design-decisions.md#rendering): chunks are cut on these. */
export const GOP_SECONDS = 2;

/**
 * GOPs per chunk: 2 (4 s). A closed tab loses at most one chunk of work (~3 s of encoding at
 * 45 fps here), while the per-chunk cost (encoder flush, upload, record: ~50–100 ms) stays
 * a few percent of a chunk's encode time.
 */
export const CHUNK_GOPS = 2;

/** The chunk layout of one render. Frame `i` shows the draft at `i × 1000 / fps` ms. */
export interface ChunkPlan {
  fps: number;
  /** Frames in the whole video: `round(durationMs / 1000 × fps)`. */
  totalFrames: number;
  /** Frames between keyframes. */
  gopFrames: number;
  /** Frames in every chunk but possibly the last (a whole number of GOPs). */
  chunkFrames: number;
  /** Number of chunks (≥ 1). */
  chunkCount: number;
}

/**
 * Plans the chunks of a video `durationMs` long at `fps`.
 *
 * @param chunkGops GOPs per chunk; a render without a server may pass a huge number for a
 *   single chunk covering the whole video (the bench's single-pass baseline)
 * @example planChunks({ durationMs: 30_000, fps: 30 }) // { totalFrames: 900, gopFrames: 60, chunkFrames: 120, chunkCount: 8, fps: 30 }
 */
export function planChunks(
  video: { durationMs: number; fps: number },
  chunkGops: number = CHUNK_GOPS,
): ChunkPlan {
  const { durationMs, fps } = video;
  const totalFrames = Math.round((durationMs / 1000) * fps);
  const gopFrames = Math.max(1, Math.round(GOP_SECONDS * fps));
  const chunkFrames = gopFrames * Math.max(1, Math.floor(chunkGops));
  const chunkCount = Math.max(1, Math.ceil(totalFrames / chunkFrames));
  return { fps, totalFrames, gopFrames, chunkFrames, chunkCount };
}

/** First frame and frame count of chunk `index` (0-based) of `plan`. */
export function chunkFrameRange(
  plan: ChunkPlan,
  index: number,
): { firstFrame: number; frameCount: number } {
  const firstFrame = index * plan.chunkFrames;
  return {
    firstFrame,
    frameCount: Math.max(0, Math.min(plan.chunkFrames, plan.totalFrames - firstFrame)),
  };
}

/** Timestamp of frame `frameIndex`, integer µs (what the encoder stamps each frame with). */
export function frameTimestampUs(frameIndex: number, fps: number): number {
  return Math.round((frameIndex * 1_000_000) / fps);
}
