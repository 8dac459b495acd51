/**
 * @module upload-to-r2
 * Streams an already-started request body into R2 without holding it in memory. R2 needs to
 * know a stream's length up front, so the bytes pass through a `FixedLengthStream` of the
 * request's `Content-Length` (which also fails the upload if fewer or more bytes arrive).
 * While bytes flow, an optional `onProgress` hook proves the upload alive (every
 * {@link UPLOAD_PROGRESS_EVERY_BYTES} or {@link UPLOAD_PROGRESS_EVERY_MS}, whichever comes first)
 * and may stop it; it is always asked before the last bytes go to R2.
 */

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

/** The body did not deliver exactly the announced number of bytes. */
export class UploadIncompleteError extends Error {
  override readonly name = 'UploadIncompleteError';
  constructor(cause: unknown) {
    super('the upload did not arrive whole', { cause });
  }
}

/**
 * Writes `prefix` then the rest of `reader` to R2 at `key`, `length` bytes in all.
 *
 * @param length the total size in bytes, from `Content-Length`.
 * @param onProgress see {@link UploadProgressHook}; none for an upload nobody watches.
 * @returns the stored object's size in bytes.
 * @throws {UploadIncompleteError} when the stream ended early or ran long (the client's fault);
 *   whatever `onProgress` threw when it stopped the upload; a plain `Error` when only R2 failed (ours).
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
  const { readable, writable } = new FixedLengthStream(length);
  let receivedBytes = 0;
  let reportedBytes = 0;
  let reportedAtMs = Date.now();
  /** Set when `onProgress` stopped the upload: rethrown as is. */
  let stoppedBy = null as { error: unknown } | null;
  const report = async (): Promise<void> => {
    if (onProgress === undefined) return;
    reportedBytes = receivedBytes;
    reportedAtMs = Date.now();
    try {
      await onProgress(receivedBytes);
    } catch (error) {
      stoppedBy = { error };
      throw error;
    }
  };
  const pump = async (): Promise<void> => {
    const writer = writable.getWriter();
    const write = async (chunk: Uint8Array): Promise<void> => {
      receivedBytes += chunk.byteLength;
      // The last bytes always wait for a report: R2 may commit the object as soon as it has
      // them all, and an upload another one took over must stop before that.
      const last = receivedBytes >= length;
      if (last || receivedBytes - reportedBytes >= UPLOAD_PROGRESS_EVERY_BYTES || Date.now() - reportedAtMs >= UPLOAD_PROGRESS_EVERY_MS) await report();
      await writer.write(chunk);
    };
    try {
      for (const chunk of prefix) await write(chunk);
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        await write(value);
      }
      // Closing a FixedLengthStream short of its length does not fail here (only R2's side does).
      if (receivedBytes !== length) throw new Error(`the body ended after ${receivedBytes} of its ${length} bytes`);
      await writer.close();
    } catch (error) {
      await writer.abort(error).catch(() => undefined);
      await reader.cancel().catch(() => undefined);
      throw error;
    }
  };
  const [pumped, stored] = await Promise.allSettled([
    pump(),
    bucket.put(key, readable, { httpMetadata: { contentType } }),
  ]);
  if (stoppedBy !== null) throw stoppedBy.error;
  if (pumped.status === 'rejected') throw new UploadIncompleteError(pumped.reason);
  if (stored.status === 'rejected') throw new Error('R2 refused the upload', { cause: stored.reason });
  return stored.value.size;
}
