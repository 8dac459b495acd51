/**
 * @module r2-range-reader
 * Ranged reads of one stored R2 object, for checks that look at a few headers of a large file
 * (check-mp4-file.ts, the chunk files of routes/render-chunks.ts) without reading it whole.
 */
import type { ReadRange } from './check-mp4-file';

/**
 * A {@link ReadRange} over the object at `key`.
 * @throws Error (from the reads) when the object is gone
 */
export function r2RangeReader(bucket: R2Bucket, key: string): ReadRange {
  return async (offsetBytes, lengthBytes) => {
    const object = await bucket.get(key, { range: { offset: offsetBytes, length: lengthBytes } });
    if (object === null) throw new Error(`R2 object ${key} vanished while it was being checked`);
    return new Uint8Array(await object.arrayBuffer());
  };
}
