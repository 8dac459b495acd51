/**
 * @module check-mp4-file
 * Checks that a stored file is the MP4 a render must be, reading only box headers and the
 * `moov` box through ranged reads (a 500 MB file is never loaded): top-level boxes are only
 * `ftyp` (first), one `moov`, `mdat` and `free`/`skip` padding, and their sizes add up to the
 * file's byte count exactly; the movie has exactly one video track, H.264 (`avc1`/`avc3`), and
 * its duration (`mvhd`, and the video track's `mdhd`) is within {@link DURATION_TOLERANCE_MS}
 * of the job's. Box layout: ISO/IEC 14496-12 §4.2 (size, type, 64-bit `largesize` when size
 * is 1, "to the end of the file" when size is 0), §8.2.2 `mvhd`, §8.4.2 `mdhd`, §8.4.3 `hdlr`,
 * §8.5.2 `stsd`.
 */

/** Reads `lengthBytes` bytes at `offsetBytes` of the file (fewer only at its end). */
export type ReadRange = (offsetBytes: number, lengthBytes: number) => Promise<Uint8Array>;

/**
 * Most top-level boxes read, count: 16. A render is `ftyp`, `moov`, perhaps a `free`, and `mdat`;
 * a file of thousands of tiny boxes would cost one read each.
 */
export const MAX_TOP_LEVEL_BOXES = 16;
/**
 * Largest `moov` read, bytes: 16 MiB. The sample tables of a 10-minute 1080p30 render with audio
 * are well under 1 MB; the cap bounds the one read that is held in memory.
 */
export const MAX_MOOV_BYTES = 16 * 1024 ** 2;
/** How far the file's duration may be from the job's, ms: ±0.5 s (issue 10; a frame or an AAC priming is far less). */
export const DURATION_TOLERANCE_MS = 500;

/** Top-level box types a render may hold. */
const TOP_LEVEL_TYPES: ReadonlySet<string> = new Set(['ftyp', 'moov', 'mdat', 'free', 'skip']);
/** Sample entry types of H.264 video. */
const H264_SAMPLE_ENTRIES: ReadonlySet<string> = new Set(['avc1', 'avc3']);
/** A box header: 32-bit size and type, then the 64-bit size when the size is 1. */
const LARGE_HEADER_BYTES = 16;
const HEADER_BYTES = 8;

/** The file is not the MP4 a render must be; the message says why, in plain words. */
export class Mp4FileError extends Error {
  override readonly name = 'Mp4FileError';
}

/** What the check found in a valid file. */
export interface Mp4Facts {
  /** The movie's duration (`mvhd`), ms. */
  durationMs: number;
  /** The video track's sample entry: `avc1` or `avc3`. */
  videoCodec: string;
}

interface Box {
  type: string;
  /** Offset of the box's first byte. */
  start: number;
  /** Offset of its payload (after the header). */
  payload: number;
  /** Offset just past its end. */
  end: number;
}

function fourcc(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(
    bytes[at] ?? 0,
    bytes[at + 1] ?? 0,
    bytes[at + 2] ?? 0,
    bytes[at + 3] ?? 0,
  );
}

/**
 * The box whose header starts at `at` in `bytes` (which hold the file from `base` on), ending
 * at most at `limit` (file offsets).
 */
function readBoxHeader(bytes: Uint8Array, at: number, base: number, limit: number): Box {
  const start = base + at;
  if (bytes.byteLength - at < HEADER_BYTES)
    throw new Mp4FileError(`the file ends inside a box header at byte ${start}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset + at, bytes.byteLength - at);
  const type = fourcc(bytes, at + 4);
  const size32 = view.getUint32(0);
  let size: number;
  let header = HEADER_BYTES;
  if (size32 === 1) {
    if (view.byteLength < LARGE_HEADER_BYTES)
      throw new Mp4FileError(`the "${type}" box header is cut off`);
    size = Number(view.getBigUint64(8));
    header = LARGE_HEADER_BYTES;
  } else {
    size = size32 === 0 ? limit - start : size32;
  }
  if (size < header)
    throw new Mp4FileError(
      `the "${type}" box at byte ${start} has an impossible size (${size} bytes)`,
    );
  if (start + size > limit)
    throw new Mp4FileError(`the "${type}" box at byte ${start} runs past the end of what holds it`);
  return { type, start, payload: start + header, end: start + size };
}

/** The boxes inside `bytes[from, to)` (file offsets `base + …`), each checked to fit. */
function childBoxes(bytes: Uint8Array, from: number, to: number, base: number): Box[] {
  const boxes: Box[] = [];
  let at = from;
  while (at < to) {
    const box = readBoxHeader(bytes.subarray(0, to), at, base, base + to);
    boxes.push(box);
    at = box.end - base;
  }
  return boxes;
}

/** The first child of type `type`, or null. */
function child(bytes: Uint8Array, parent: Box, type: string, base: number): Box | null {
  return (
    childBoxes(bytes, parent.payload - base, parent.end - base, base).find(
      (box) => box.type === type,
    ) ?? null
  );
}

/** `mvhd`/`mdhd` (same layout up to the duration): the duration in ms. */
function headerDurationMs(bytes: Uint8Array, box: Box, base: number): number {
  const at = box.payload - base;
  const version = bytes[at];
  // ISO/IEC 14496-12 defines versions 0 (32-bit times) and 1 (64-bit) only.
  if (version !== 0 && version !== 1)
    throw new Mp4FileError(`the "${box.type}" box has an unknown version ${String(version)}`);
  const need = version === 1 ? 32 : 20;
  if (box.end - box.payload < need) throw new Mp4FileError(`the "${box.type}" box is too short`);
  const view = new DataView(bytes.buffer, bytes.byteOffset + at, need);
  const timescale = version === 1 ? view.getUint32(20) : view.getUint32(12);
  const duration = version === 1 ? Number(view.getBigUint64(24)) : view.getUint32(16);
  if (timescale === 0) throw new Mp4FileError(`the "${box.type}" box has no timescale`);
  if (version !== 1 && duration === 0xffffffff)
    throw new Mp4FileError(`the "${box.type}" box has no duration`);
  return (duration / timescale) * 1_000;
}

/** The walked top-level boxes, checked for types, order and sizes that add up to `sizeBytes`. */
async function topLevelBoxes(read: ReadRange, sizeBytes: number): Promise<Box[]> {
  const boxes: Box[] = [];
  let at = 0;
  while (at < sizeBytes) {
    if (boxes.length === MAX_TOP_LEVEL_BOXES)
      throw new Mp4FileError(`the file has more than ${MAX_TOP_LEVEL_BOXES} top-level boxes`);
    const head = await read(at, Math.min(LARGE_HEADER_BYTES, sizeBytes - at));
    const box = readBoxHeader(head, 0, at, sizeBytes);
    if (!TOP_LEVEL_TYPES.has(box.type))
      throw new Mp4FileError(
        `the file holds a "${box.type}" box where an MP4 has ftyp, moov and mdat`,
      );
    if ((boxes.length === 0) !== (box.type === 'ftyp'))
      throw new Mp4FileError('the file does not start with exactly one "ftyp" box');
    boxes.push(box);
    at = box.end;
  }
  if (boxes.filter((box) => box.type === 'moov').length !== 1)
    throw new Mp4FileError('the file does not have exactly one "moov" box');
  if (!boxes.some((box) => box.type === 'mdat'))
    throw new Mp4FileError('the file has no "mdat" box (no media data)');
  return boxes;
}

/**
 * Checks a stored MP4 (see the module docs).
 *
 * @param read ranged reads of the file (a handful of 16-byte reads, then one read of `moov`).
 * @param sizeBytes the file's byte count.
 * @param expectedDurationMs the job's duration, ms.
 * @returns what was found.
 * @throws {Mp4FileError} naming the first problem; whatever `read` throws.
 */
export async function checkMp4File(
  read: ReadRange,
  sizeBytes: number,
  expectedDurationMs: number,
): Promise<Mp4Facts> {
  const boxes = await topLevelBoxes(read, sizeBytes);
  const moov = boxes.find((box) => box.type === 'moov');
  if (moov === undefined) throw new Mp4FileError('the file has no "moov" box');
  if (moov.end - moov.start > MAX_MOOV_BYTES)
    throw new Mp4FileError(`the "moov" box is larger than ${MAX_MOOV_BYTES / 1024 ** 2} MiB`);
  const bytes = await read(moov.start, moov.end - moov.start);
  if (bytes.byteLength !== moov.end - moov.start)
    throw new Mp4FileError('the "moov" box could not be read whole');
  const base = moov.start;
  const mvhd = child(bytes, moov, 'mvhd', base);
  if (mvhd === null) throw new Mp4FileError('the movie has no "mvhd" header');
  const durationMs = headerDurationMs(bytes, mvhd, base);
  const videoTracks = childBoxes(bytes, moov.payload - base, moov.end - base, base)
    .filter((box) => box.type === 'trak')
    .flatMap((trak) => {
      const mdia = child(bytes, trak, 'mdia', base);
      const hdlr = mdia === null ? null : child(bytes, mdia, 'hdlr', base);
      // hdlr payload: version/flags (4), pre_defined (4), handler_type (4).
      return hdlr !== null &&
        hdlr.end - hdlr.payload >= 12 &&
        fourcc(bytes, hdlr.payload - base + 8) === 'vide' &&
        mdia !== null
        ? [mdia]
        : [];
    });
  if (videoTracks.length !== 1)
    throw new Mp4FileError(
      `the file has ${videoTracks.length} video tracks; a render has exactly one`,
    );
  const [mdia] = videoTracks as [Box];
  const mdhd = child(bytes, mdia, 'mdhd', base);
  if (mdhd === null) throw new Mp4FileError('the video track has no "mdhd" header');
  const trackMs = headerDurationMs(bytes, mdhd, base);
  const minf = child(bytes, mdia, 'minf', base);
  const stbl = minf === null ? null : child(bytes, minf, 'stbl', base);
  const stsd = stbl === null ? null : child(bytes, stbl, 'stsd', base);
  // stsd payload: version/flags (4), entry count (4), then the first sample entry box.
  if (stsd === null || stsd.end - stsd.payload < 16)
    throw new Mp4FileError('the video track does not say its codec');
  const videoCodec = fourcc(bytes, stsd.payload - base + 12);
  if (!H264_SAMPLE_ENTRIES.has(videoCodec))
    throw new Mp4FileError(`the video is "${videoCodec}", not H.264`);
  for (const [what, ms] of [
    ['movie', durationMs],
    ['video track', trackMs],
  ] as const) {
    if (Math.abs(ms - expectedDurationMs) > DURATION_TOLERANCE_MS) {
      throw new Mp4FileError(
        `the ${what} lasts ${(ms / 1_000).toFixed(2)} s, not the ${(expectedDurationMs / 1_000).toFixed(2)} s of this render`,
      );
    }
  }
  return { durationMs, videoCodec };
}
