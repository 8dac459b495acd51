/**
 * @module stream-part
 * Streams one part of a resumable upload into an R2 multipart upload without holding it in
 * memory, counting the bytes as they pass: the part must be exactly the size its number implies
 * (R2 needs equal parts but the last; the total then cannot pass the declared size). Bytes beyond
 * that size are never written — the stream is cut at the first chunk that would overflow.
 */

/** The part was longer or shorter than its number implies. */
export class PartSizeError extends Error {
  override readonly name = 'PartSizeError';
  readonly receivedBytes: number;
  constructor(expectedBytes: number, receivedBytes: number, overflow: boolean) {
    super(
      overflow
        ? `the part is longer than the ${expectedBytes} bytes expected`
        : `the part ended after ${receivedBytes} of ${expectedBytes} bytes`,
    );
    this.receivedBytes = receivedBytes;
  }
}

/**
 * Writes `prefix` then the rest of `reader` as part `partNumber` of `upload`.
 *
 * @param expectedBytes the exact size of this part in bytes
 * @returns the stored part (number and etag)
 * @throws {PartSizeError} when the body is longer or shorter (the client's fault; nothing of the
 *   excess is stored); a plain `Error` when only R2 failed
 */
export async function streamPart(
  upload: R2MultipartUpload,
  partNumber: number,
  prefix: Uint8Array[],
  reader: ReadableStreamDefaultReader<Uint8Array>,
  expectedBytes: number,
): Promise<R2UploadedPart> {
  const { readable, writable } = new FixedLengthStream(expectedBytes);
  let counted = 0;
  let sizeError: PartSizeError | null = null;
  const pump = async (): Promise<void> => {
    const writer = writable.getWriter();
    const write = async (chunk: Uint8Array): Promise<void> => {
      counted += chunk.byteLength;
      if (counted > expectedBytes) throw (sizeError = new PartSizeError(expectedBytes, counted, true));
      await writer.write(chunk);
    };
    try {
      for (const chunk of prefix) await write(chunk);
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        await write(value);
      }
      if (counted < expectedBytes) throw (sizeError = new PartSizeError(expectedBytes, counted, false));
      await writer.close();
    } catch (error) {
      await writer.abort(error).catch(() => undefined);
      await reader.cancel().catch(() => undefined);
      throw error;
    }
  };
  const [pumped, stored] = await Promise.allSettled([pump(), upload.uploadPart(partNumber, readable)]);
  if (sizeError !== null) throw sizeError;
  if (pumped.status === 'rejected') throw new PartSizeError(expectedBytes, counted, false);
  if (stored.status === 'rejected') throw new Error('R2 refused the part', { cause: stored.reason });
  return stored.value;
}
