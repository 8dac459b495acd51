/**
 * @module sniff-media-type
 * Checks that an upload starts like an MP4 without reading it whole: the first box of an
 * ISO-BMFF file is `ftyp`, so bytes 4..8 are the ASCII letters `ftyp` (ISO/IEC 14496-12 §4.3).
 */

/** Bytes needed to recognise an MP4: a box size (4) plus the `ftyp` type (4). */
export const MP4_SNIFF_BYTES = 8;

const FTYP = [0x66, 0x74, 0x79, 0x70];

/** True if `head` (at least {@link MP4_SNIFF_BYTES} long) has `ftyp` at bytes 4..8. */
export function looksLikeMp4(head: Uint8Array): boolean {
  return head.length >= MP4_SNIFF_BYTES && FTYP.every((byte, i) => head[4 + i] === byte);
}

/** What {@link readPrefix} read: the chunks as they came, and their first bytes joined. */
export interface Prefix {
  chunks: Uint8Array[];
  head: Uint8Array;
}

/**
 * Reads chunks from `reader` until at least `bytes` bytes came (or the stream ended), keeping
 * the chunks so they can be written on unchanged.
 */
export async function readPrefix(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  bytes: number,
): Promise<Prefix> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  while (total < bytes) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    total += value.byteLength;
  }
  const head = new Uint8Array(Math.min(total, bytes));
  let at = 0;
  for (const chunk of chunks) {
    if (at >= head.length) break;
    const part = chunk.subarray(0, head.length - at);
    head.set(part, at);
    at += part.length;
  }
  return { chunks, head };
}
