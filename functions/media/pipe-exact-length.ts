/**
 * @module pipe-exact-length
 * Streams a request body into storage without holding it in memory, counting the bytes as they
 * pass. R2 needs a stream's length up front, so the bytes go through a `FixedLengthStream` of the
 * announced size while `sink` (an R2 put or part upload) reads the other end. A body that runs
 * longer is cut at the first chunk that would overflow (the excess is never written); one that
 * ends short, or breaks off, fails the whole upload. Used for upload parts (routes/media.ts) and
 * whole files (media/upload-to-r2.ts), and render chunks (routes/render-chunks.ts).
 */

/** The body was longer or shorter than announced, or broke off before its end. */
export class StreamLengthError extends Error {
  override readonly name = 'StreamLengthError';
  /**
   * @param expectedBytes the announced size
   * @param receivedBytes bytes counted when it stopped (for an overflow: including the chunk that overflowed)
   * @param overflow true when more bytes came than announced
   */
  constructor(
    readonly expectedBytes: number,
    readonly receivedBytes: number,
    readonly overflow: boolean,
    options?: ErrorOptions,
  ) {
    super(
      overflow
        ? `the body is longer than the ${expectedBytes} bytes announced`
        : `the body ended after ${receivedBytes} of its ${expectedBytes} bytes`,
      options,
    );
  }
}

/** Storage refused or failed the write while the body itself was whole (our fault, not the client's). */
export class SinkError extends Error {
  override readonly name = 'SinkError';
  constructor(cause: unknown) {
    super('storage refused the upload', { cause });
  }
}

/** What {@link pipeExactLength} needs. */
export interface PipeExactLengthOptions<T> {
  /** Bytes already read from the body (e.g. to sniff its type), written first. */
  prefix: readonly Uint8Array[];
  /** The rest of the body. */
  reader: ReadableStreamDefaultReader<Uint8Array>;
  /** The exact size of prefix plus rest, bytes. */
  lengthBytes: number;
  /** Stores the stream it is given (reads it to the end). */
  sink: (readable: ReadableStream<Uint8Array>) => Promise<T>;
  /**
   * Called before each chunk is written, with the bytes counted so far including it and the
   * chunk itself (e.g. to hash it); a throw stops the upload (nothing more is written) and is
   * rethrown by {@link pipeExactLength} as is.
   */
  beforeWrite?: (receivedBytes: number, chunk: Uint8Array) => Promise<void>;
}

/**
 * Writes `prefix` then the rest of `reader`, exactly `lengthBytes`, into `sink`.
 * @returns what `sink` resolved to
 * @throws {StreamLengthError} when the body is longer, shorter or breaks off (the client's fault);
 *   whatever `beforeWrite` threw; {@link SinkError} when only the storage failed
 */
export async function pipeExactLength<T>(options: PipeExactLengthOptions<T>): Promise<T> {
  const { prefix, reader, lengthBytes, sink, beforeWrite } = options;
  const { readable, writable } = new FixedLengthStream(lengthBytes);
  let receivedBytes = 0;
  const pump = async (): Promise<void> => {
    const writer = writable.getWriter();
    // A write fails when the sink gave up: the sink's failure, not the body's.
    const toSink = (cause: unknown): never => {
      throw new SinkError(cause);
    };
    const write = async (chunk: Uint8Array): Promise<void> => {
      receivedBytes += chunk.byteLength;
      if (receivedBytes > lengthBytes)
        throw new StreamLengthError(lengthBytes, receivedBytes, true);
      await beforeWrite?.(receivedBytes, chunk);
      await writer.write(chunk).catch(toSink);
    };
    try {
      for (const chunk of prefix) await write(chunk);
      for (;;) {
        const { done, value } = await reader.read().catch((cause: unknown) => {
          throw new StreamLengthError(lengthBytes, receivedBytes, false, { cause });
        });
        if (done) break;
        await write(value);
      }
      // Closing a FixedLengthStream short of its length does not fail here (only the sink's side does).
      if (receivedBytes < lengthBytes)
        throw new StreamLengthError(lengthBytes, receivedBytes, false);
      await writer.close().catch(toSink);
    } catch (error) {
      await writer.abort(error).catch(() => undefined);
      await reader.cancel().catch(() => undefined);
      throw error;
    }
  };
  const [pumped, stored] = await Promise.allSettled([pump(), sink(readable)]);
  // The body's fault or the hook's stop comes first: the sink then failed only because of it.
  if (pumped.status === 'rejected' && !(pumped.reason instanceof SinkError)) throw pumped.reason;
  if (stored.status === 'rejected') throw new SinkError(stored.reason);
  if (pumped.status === 'rejected') throw pumped.reason;
  return stored.value;
}
