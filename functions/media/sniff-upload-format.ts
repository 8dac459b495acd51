/**
 * @module sniff-upload-format
 * Tells what an upload is from its first bytes (magic numbers), never from its name: ISO-BMFF
 * `ftyp` brands (MP4 / MOV / M4A), EBML with its DocType (WebM / MKV), RIFF forms (AVI / WAV /
 * WebP), JPEG, PNG, GIF, MP3 (ID3 tag or MPEG audio frame sync), AAC (ADTS sync) and Ogg
 * (`OggS` page capture pattern, RFC 3533 §6: Vorbis or Opus sound). A finished render must be
 * an MP4: {@link looksLikeMp4} only checks the `ftyp` box (ISO/IEC 14496-12 §4.3).
 * {@link readPrefix} reads those first bytes off a request body and keeps them for the upload.
 */
import type { MediaFormat } from '../../shared/media-schema';

/** Bytes read before deciding: enough for the EBML header's DocType and an `ftyp` brand. */
export const SNIFF_BYTES = 64;

const ascii = (head: Uint8Array, at: number, text: string): boolean =>
  head.length >= at + text.length &&
  [...text].every((char, i) => head[at + i] === char.charCodeAt(0));

const startsWith = (head: Uint8Array, bytes: readonly number[]): boolean =>
  head.length >= bytes.length && bytes.every((byte, i) => head[i] === byte);

/** Bytes needed to recognise an MP4: a box size (4) plus the `ftyp` type (4). */
export const MP4_SNIFF_BYTES = 8;

/** Boxes a QuickTime file may start with instead of `ftyp` (old MOVs). */
const QUICKTIME_FIRST_BOXES = ['moov', 'mdat', 'wide', 'free', 'skip'];

/** `ftyp` major brands of audio-only MP4 files. */
const AUDIO_BRANDS = ['M4A ', 'M4B ', 'M4P '];

/** True if `head` (at least {@link MP4_SNIFF_BYTES} long) has `ftyp` at bytes 4..8. */
export function looksLikeMp4(head: Uint8Array): boolean {
  return ascii(head, 4, 'ftyp');
}

function sniffIsoBmff(head: Uint8Array): MediaFormat | null {
  if (looksLikeMp4(head)) {
    if (ascii(head, 8, 'qt  ')) return 'mov';
    if (AUDIO_BRANDS.some((brand) => ascii(head, 8, brand))) return 'm4a';
    return 'mp4';
  }
  return QUICKTIME_FIRST_BOXES.some((box) => ascii(head, 4, box)) ? 'mov' : null;
}

function sniffEbml(head: Uint8Array): MediaFormat | null {
  if (!startsWith(head, [0x1a, 0x45, 0xdf, 0xa3])) return null;
  for (let i = 4; i + 4 <= head.length; i++) if (ascii(head, i, 'webm')) return 'webm';
  return 'mkv';
}

function sniffRiff(head: Uint8Array): MediaFormat | null {
  if (!ascii(head, 0, 'RIFF')) return null;
  if (ascii(head, 8, 'AVI ')) return 'avi';
  if (ascii(head, 8, 'WAVE')) return 'wav';
  if (ascii(head, 8, 'WEBP')) return 'webp';
  return null;
}

function sniffImage(head: Uint8Array): MediaFormat | null {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpg';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (ascii(head, 0, 'GIF87a') || ascii(head, 0, 'GIF89a')) return 'gif';
  return null;
}

function sniffAudioStream(head: Uint8Array): MediaFormat | null {
  if (ascii(head, 0, 'OggS')) return 'ogg';
  if (ascii(head, 0, 'ID3')) return 'mp3';
  const [b0, b1] = [head[0] ?? 0, head[1] ?? 0];
  if (b0 !== 0xff || (b1 & 0xe0) !== 0xe0) return null;
  // ADTS has layer bits 00 (ISO/IEC 13818-7); MPEG audio layers are 01..11 (ISO/IEC 11172-3).
  if ((b1 & 0xf6) === 0xf0) return 'aac';
  return (b1 & 0x06) !== 0 ? 'mp3' : null;
}

/**
 * The format of an upload from its first bytes.
 * @param head the first {@link SNIFF_BYTES} bytes (fewer if the file is shorter)
 * @returns the format, or null when the bytes are none of the accepted formats
 * @example sniffUploadFormat(new TextEncoder().encode('hello')) // null
 */
export function sniffUploadFormat(head: Uint8Array): MediaFormat | null {
  return (
    sniffIsoBmff(head) ??
    sniffEbml(head) ??
    sniffRiff(head) ??
    sniffImage(head) ??
    sniffAudioStream(head)
  );
}

/** What {@link readPrefix} read: the chunks as they came, and their first bytes joined. */
export interface Prefix {
  chunks: Uint8Array[];
  head: Uint8Array;
}

/**
 * Reads chunks from `reader` until at least `bytes` bytes came (or the stream ended), keeping
 * the chunks so they can be written on unchanged.
 * @returns the chunks read, and their first `bytes` bytes (fewer when the stream was shorter).
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
