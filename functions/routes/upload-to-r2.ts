/**
 * @module upload-to-r2
 * Streams an already-started request body into R2 without holding it in memory. R2 needs to
 * know a stream's length up front, so the bytes pass through a `FixedLengthStream` of the
 * request's `Content-Length` (which also fails the upload if fewer or more bytes arrive).
 */

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
 * @returns the stored object's size in bytes.
 * @throws {UploadIncompleteError} when the stream ended early or ran long (the client's fault);
 *   a plain `Error` when only R2 failed (ours).
 */
export async function uploadToR2(
  bucket: R2Bucket,
  key: string,
  prefix: Uint8Array[],
  reader: ReadableStreamDefaultReader<Uint8Array>,
  length: number,
  contentType: string,
): Promise<number> {
  const { readable, writable } = new FixedLengthStream(length);
  const pump = async (): Promise<void> => {
    const writer = writable.getWriter();
    try {
      for (const chunk of prefix) await writer.write(chunk);
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        await writer.write(value);
      }
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
  if (pumped.status === 'rejected') throw new UploadIncompleteError(pumped.reason);
  if (stored.status === 'rejected') throw new Error('R2 refused the upload', { cause: stored.reason });
  return stored.value.size;
}
