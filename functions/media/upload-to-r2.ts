/**
 * @module upload-to-r2
 * Streams an already-started request body into one R2 object without holding it in memory
 * (pipe-exact-length.ts: exactly the request's `Content-Length`, or the upload fails).
 * While bytes flow, an optional `onProgress` hook proves the upload alive (every
 * {@link UPLOAD_PROGRESS_EVERY_BYTES} or {@link UPLOAD_PROGRESS_EVERY_MS}, whichever comes first)
 * and may stop it; it is always asked before the last bytes go to R2.
 */
import { pipeExactLength } from './pipe-exact-length';

/**
 * Bytes between two progress reports on a fast link, bytes: 8 MiB. A 2 GiB upload then reports
 * about 256 times, each a small Durable Object call, next to 8 MiB of streaming.
 */
export const UPLOAD_PROGRESS_EVERY_BYTES = 8 * 1024 * 1024;
/**
 * Longest gap between two progress reports while bytes arrive, ms: 5 s. Well inside the 30-s
 * quiet limit after which an upload counts as cut off (render-job.ts UPLOAD_QUIET_TIMEOUT_MS),
 * so a slow but live upload is never taken over.
 */
export const UPLOAD_PROGRESS_EVERY_MS = 5_000;

/**
 * Told how many bytes arrived so far (always once with all of them, before the last bytes go to
 * R2). A throw stops the upload: nothing is stored and the error is rethrown as is.
 */
export type UploadProgressHook = (bytesReceived: number) => Promise<void>;

/**
 * Writes `prefix` then the rest of `reader` to R2 at `key`, `length` bytes in all.
 *
 * @param length the total size in bytes, from `Content-Length`.
 * @param onProgress see {@link UploadProgressHook}; none for an upload nobody watches.
 * @returns the stored object's size in bytes.
 * @throws {StreamLengthError} when the body ran short, long or broke off (the client's fault);
 *   whatever `onProgress` threw when it stopped the upload; {@link SinkError} when only R2 failed (ours).
 */
export async function uploadToR2(
  bucket: R2Bucket,
  key: string,
  prefix: Uint8Array[],
  reader: ReadableStreamDefaultReader<Uint8Array>,
  length: number,
  contentType: string,
  onProgress?: UploadProgressHook,
): Promise<number> {
  let reportedBytes = 0;
  let reportedAtMs = Date.now();
  const beforeWrite = async (receivedBytes: number): Promise<void> => {
    // The last bytes always wait for a report: R2 may commit the object as soon as it has
    // them all, and an upload another one took over must stop before that.
    const last = receivedBytes >= length;
    if (
      !last &&
      receivedBytes - reportedBytes < UPLOAD_PROGRESS_EVERY_BYTES &&
      Date.now() - reportedAtMs < UPLOAD_PROGRESS_EVERY_MS
    )
      return;
    reportedBytes = receivedBytes;
    reportedAtMs = Date.now();
    await onProgress?.(receivedBytes);
  };
  const stored = await pipeExactLength({
    prefix,
    reader,
    lengthBytes: length,
    sink: (readable) => bucket.put(key, readable, { httpMetadata: { contentType } }),
    beforeWrite,
  });
  return stored.size;
}
