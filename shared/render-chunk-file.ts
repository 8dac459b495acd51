/**
 * @module render-chunk-file
 * The file one stored render chunk (or the render's audio) is kept in: encoded packets with
 * their timestamps and the decoder configuration, so the final MP4 can be assembled by remux
 * without re-encoding, from chunks encoded in different page sessions.
 *
 * Layout: `RWCK` (4 bytes), the header's length (uint32 big-endian), the header as UTF-8 JSON
 * ({@link chunkHeaderSchema}: kind, chunk index, frame range, encoder key, decoder config, and per
 * packet its timestamp, duration, key flag and size), then every packet's bytes in decode order.
 * Pure: used by the renderer (writes), the edge (checks) and the assembler (reads).
 */
import * as z from 'zod/mini';
import { chunkFrameRange, frameTimestampUs } from './render-chunk-plan';
import type { ChunkPlan } from './render-chunk-plan';

/** Magic at the start of every chunk file: "RWCK" (Reelwright chunk). */
const MAGIC = [0x52, 0x57, 0x43, 0x4b] as const;
/** Bytes before the header: magic + uint32 header length. */
export const CHUNK_PREFIX_BYTES = 8;
/** Most packets in one file: 10 minutes of AAC (48 kHz / 1024 ≈ 47 packets/s) is ~28,000. */
export const MAX_PACKETS = 100_000;
/**
 * Largest header accepted, bytes: 8 MiB. A packet's entry is ~70–80 bytes of JSON, so this holds
 * {@link MAX_PACKETS}; the render's one audio file (all of a 10-minute video, ~28,000 packets,
 * ~2 MB of header) must fit, not only a 4-s video chunk.
 */
export const MAX_CHUNK_HEADER_BYTES = 8 * 1024 * 1024;

/** What a decoder needs (WebCodecs `VideoDecoderConfig` / `AudioDecoderConfig`, description in base64). */
export const chunkDecoderConfigSchema = z.object({
  codec: z.string().check(z.minLength(1), z.maxLength(64)),
  /** `avcC` / AudioSpecificConfig bytes, base64; null when the codec needs none. */
  description: z.nullable(z.string().check(z.maxLength(65_536))),
  codedWidth: z.optional(z.number().check(z.int(), z.positive())),
  codedHeight: z.optional(z.number().check(z.int(), z.positive())),
  sampleRate: z.optional(z.number().check(z.int(), z.positive())),
  numberOfChannels: z.optional(z.number().check(z.int(), z.positive())),
  colorSpace: z.optional(
    z.object({
      primaries: z.optional(z.nullable(z.string())),
      transfer: z.optional(z.nullable(z.string())),
      matrix: z.optional(z.nullable(z.string())),
      fullRange: z.optional(z.nullable(z.boolean())),
    }),
  ),
});

/** One packet's timing and size (its bytes follow the header, in this order). */
export const chunkPacketInfoSchema = z.object({
  /** Presentation time, integer µs (may be negative for audio priming). */
  timestampUs: z.number().check(z.int()),
  durationUs: z.number().check(z.int(), z.nonnegative()),
  key: z.boolean(),
  byteLength: z.number().check(z.int(), z.nonnegative()),
});

/** The JSON header of a chunk file. */
export const chunkHeaderSchema = z.object({
  format: z.literal(1),
  kind: z.enum(['video', 'audio']),
  /** Chunk index (0-based); 0 for audio. */
  index: z.number().check(z.int(), z.nonnegative()),
  /** First video frame of the chunk and how many it holds; 0 and 0 for audio. */
  firstFrame: z.number().check(z.int(), z.nonnegative()),
  frameCount: z.number().check(z.int(), z.nonnegative()),
  /** Encoder settings in one string (`avc1.640028 1920x1080 30fps 7000000bps gop60`): every chunk of a render must match. */
  encoderKey: z.string().check(z.minLength(1), z.maxLength(200)),
  decoderConfig: chunkDecoderConfigSchema,
  packets: z.array(chunkPacketInfoSchema).check(z.minLength(1), z.maxLength(MAX_PACKETS)),
});

export type ChunkDecoderConfig = z.infer<typeof chunkDecoderConfigSchema>;
export type ChunkHeader = z.infer<typeof chunkHeaderSchema>;

/** One packet with its bytes. */
export interface ChunkPacket {
  timestampUs: number;
  durationUs: number;
  key: boolean;
  data: Uint8Array;
}

/** A decoded chunk file. */
export interface ChunkFile {
  header: ChunkHeader;
  packets: ChunkPacket[];
}

/** A chunk file that cannot be read or does not fit the render's plan. */
export class ChunkFileError extends Error {
  override readonly name = 'ChunkFileError';
  constructor(message = 'the render chunk is not valid') {
    super(message);
  }
}

/**
 * Writes a chunk file.
 * @param header everything but the packets' timing and sizes
 * @param packets in decode order
 * @returns the file's bytes
 */
export function encodeChunkFile(
  header: Omit<ChunkHeader, 'format' | 'packets'>,
  packets: readonly ChunkPacket[],
): Uint8Array<ArrayBuffer> {
  const full: ChunkHeader = {
    format: 1,
    ...header,
    packets: packets.map((p) => ({
      timestampUs: p.timestampUs,
      durationUs: p.durationUs,
      key: p.key,
      byteLength: p.data.byteLength,
    })),
  };
  const json = new TextEncoder().encode(JSON.stringify(full));
  const dataBytes = packets.reduce((sum, p) => sum + p.data.byteLength, 0);
  const out = new Uint8Array(CHUNK_PREFIX_BYTES + json.byteLength + dataBytes);
  out.set(MAGIC, 0);
  new DataView(out.buffer).setUint32(4, json.byteLength);
  out.set(json, CHUNK_PREFIX_BYTES);
  let offset = CHUNK_PREFIX_BYTES + json.byteLength;
  for (const p of packets) {
    out.set(p.data, offset);
    offset += p.data.byteLength;
  }
  return out;
}

/**
 * The header's length, from the first {@link CHUNK_PREFIX_BYTES} of a `fileBytes`-long chunk file.
 * @throws ChunkFileError when the magic is wrong or the header cannot fit
 */
export function readChunkHeaderLength(prefix: Uint8Array, fileBytes: number): number {
  if (prefix.byteLength < CHUNK_PREFIX_BYTES || MAGIC.some((b, i) => prefix[i] !== b))
    throw new ChunkFileError('the render chunk does not start with "RWCK"');
  const headerLength = new DataView(prefix.buffer, prefix.byteOffset, prefix.byteLength).getUint32(
    4,
  );
  if (headerLength > MAX_CHUNK_HEADER_BYTES || CHUNK_PREFIX_BYTES + headerLength > fileBytes)
    throw new ChunkFileError('the render chunk header is too long');
  if (headerLength === 0) throw new ChunkFileError('the render chunk header is empty');
  return headerLength;
}

/**
 * Parses a chunk file's header (a trust boundary: {@link chunkHeaderSchema}) and checks that
 * its packets fill the `fileBytes`-long file exactly.
 * @param json the header's bytes (after the prefix)
 * @throws ChunkFileError when the header is not valid or the sizes do not add up
 */
export function parseChunkHeader(json: Uint8Array, fileBytes: number): ChunkHeader {
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder().decode(json));
  } catch {
    throw new ChunkFileError('the render chunk header is not JSON');
  }
  const parsed = chunkHeaderSchema.safeParse(raw);
  if (!parsed.success)
    throw new ChunkFileError(
      `the render chunk header is not valid: ${parsed.error.issues[0]?.message ?? 'unknown problem'}`,
    );
  const dataBytes = parsed.data.packets.reduce((sum, p) => sum + p.byteLength, 0);
  const expected = CHUNK_PREFIX_BYTES + json.byteLength + dataBytes;
  if (expected > fileBytes)
    throw new ChunkFileError('the render chunk is shorter than its header says');
  if (expected < fileBytes)
    throw new ChunkFileError('the render chunk is longer than its header says');
  return parsed.data;
}

/**
 * Reads a chunk file (a trust boundary: the header is parsed with {@link chunkHeaderSchema}).
 * Packet data are views into `bytes`, not copies.
 * @throws ChunkFileError when the magic, header or sizes are wrong
 */
export function decodeChunkFile(bytes: Uint8Array): ChunkFile {
  const headerLength = readChunkHeaderLength(bytes, bytes.byteLength);
  const header = parseChunkHeader(
    bytes.subarray(CHUNK_PREFIX_BYTES, CHUNK_PREFIX_BYTES + headerLength),
    bytes.byteLength,
  );
  let offset = CHUNK_PREFIX_BYTES + headerLength;
  const packets = header.packets.map((info): ChunkPacket => {
    const data = bytes.subarray(offset, offset + info.byteLength);
    offset += info.byteLength;
    return { timestampUs: info.timestampUs, durationUs: info.durationUs, key: info.key, data };
  });
  return { header, packets };
}

/** Codecs a chunk may claim: H.264 video (the MP4 is H.264) and AAC audio, as WebCodecs names them. */
const CODEC_PATTERN_BY_KIND = { video: /^avc[13]\./, audio: /^mp4a\./ } as const;

/**
 * Checks that a chunk file holds what the renderer writes: H.264 video or AAC audio.
 * @throws ChunkFileError naming the codec
 */
export function checkChunkCodec(header: ChunkHeader): void {
  if (!CODEC_PATTERN_BY_KIND[header.kind].test(header.decoderConfig.codec)) {
    throw new ChunkFileError(
      `the ${header.kind} chunk is "${header.decoderConfig.codec}", not ${header.kind === 'video' ? 'H.264' : 'AAC'}`,
    );
  }
}

/**
 * Checks that a video chunk is chunk `index` of `plan`: its frame range, one packet per frame,
 * a keyframe first, and exactly the timestamps of its frames (none missing, none repeated), so
 * chunks join without frozen or repeated frames.
 * @throws ChunkFileError naming the first problem
 */
export function checkVideoChunk(header: ChunkHeader, plan: ChunkPlan, index: number): void {
  const { firstFrame, frameCount } = chunkFrameRange(plan, index);
  if (header.kind !== 'video') throw new ChunkFileError('this is not a video chunk');
  if (index >= plan.chunkCount)
    throw new ChunkFileError(`this render has only ${plan.chunkCount} chunks`);
  if (header.index !== index)
    throw new ChunkFileError(`the file is chunk ${header.index}, not chunk ${index}`);
  if (header.firstFrame !== firstFrame || header.frameCount !== frameCount) {
    throw new ChunkFileError(
      `chunk ${index} must hold frames ${firstFrame}–${firstFrame + frameCount - 1}`,
    );
  }
  if (header.packets.length !== frameCount)
    throw new ChunkFileError(
      `chunk ${index} has ${header.packets.length} packets for ${frameCount} frames`,
    );
  if (!header.packets[0]?.key)
    throw new ChunkFileError(`chunk ${index} does not start with a keyframe`);
  const stamps = header.packets.map((p) => p.timestampUs).sort((a, b) => a - b);
  stamps.forEach((stamp, i) => {
    if (stamp !== frameTimestampUs(firstFrame + i, plan.fps))
      throw new ChunkFileError(
        `chunk ${index} has a missing or repeated frame timestamp near frame ${firstFrame + i}`,
      );
  });
}

/** Bytes → base64 (decoder descriptions in the header). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** base64 → bytes. @throws ChunkFileError on bad input */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  try {
    return Uint8Array.from(atob(text), (ch) => ch.charCodeAt(0));
  } catch {
    throw new ChunkFileError('the decoder description is not base64');
  }
}
