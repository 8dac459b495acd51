/**
 * @module avc-video-signal
 * Rewrites the colour signalling of an H.264 stream: the `video_signal_type` fields of the
 * sequence parameter set's VUI (video range, colour primaries, transfer characteristics, matrix
 * coefficients), in the `avcC` decoder configuration record and in any SPS carried inside a
 * packet. Nothing else in the bitstream changes.
 *
 * Why: Chromium's WebCodecs encoder converts canvas frames to YUV with BT.709 coefficients at
 * full range and signals that (`pc`, sRGB transfer). The export draws its frames already
 * compressed to video levels (16–235) and then signals BT.709 limited range here, which is what
 * players and upload sites expect (docs/design-decisions.md#rendering).
 *
 * Reference: ITU-T H.264 (08/2021) §7.3.2.1.1 (SPS syntax), Annex E.1.1 (VUI syntax), §7.4.1
 * (emulation prevention); ISO/IEC 14496-15 §5.3.3.1 (AVCDecoderConfigurationRecord).
 */

/** The colour signal written into the SPS, as H.264 Annex E code points. */
export interface VideoSignal {
  /** `video_full_range_flag`: false = limited ("tv", luma 16–235). */
  fullRange: boolean;
  /** `colour_primaries` (1 = BT.709). */
  primaries: number;
  /** `transfer_characteristics` (1 = BT.709). */
  transfer: number;
  /** `matrix_coefficients` (1 = BT.709). */
  matrix: number;
}

/** BT.709 primaries, transfer and matrix at limited range: the HD video standard. */
export const BT709_LIMITED: VideoSignal = {
  fullRange: false,
  primaries: 1,
  transfer: 1,
  matrix: 1,
};

/** `video_format` 5 = "unspecified" (used when the SPS had no signal type to keep). */
const VIDEO_FORMAT_UNSPECIFIED = 5;
/** NAL unit type of a sequence parameter set. */
const NAL_TYPE_SPS = 7;
/** Profiles whose SPS carries chroma format, bit depths and scaling matrices (§7.3.2.1.1). */
const HIGH_PROFILES = new Set([100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135]);

/** Removes emulation prevention bytes (`00 00 03` → `00 00`): NAL payload → RBSP. */
function toRbsp(nal: Uint8Array): Uint8Array {
  const out = new Uint8Array(nal.length);
  let length = 0;
  let zeros = 0;
  for (const byte of nal) {
    if (zeros >= 2 && byte === 0x03) {
      zeros = 0;
      continue;
    }
    out[length++] = byte;
    zeros = byte === 0 ? zeros + 1 : 0;
  }
  return out.subarray(0, length);
}

/** Adds emulation prevention bytes: RBSP → NAL payload. */
function fromRbsp(rbsp: Uint8Array): Uint8Array {
  const out: number[] = [];
  let zeros = 0;
  for (const byte of rbsp) {
    if (zeros >= 2 && byte <= 0x03) {
      out.push(0x03);
      zeros = 0;
    }
    out.push(byte);
    zeros = byte === 0 ? zeros + 1 : 0;
  }
  return Uint8Array.from(out);
}

class BitReader {
  position = 0;
  constructor(private readonly bytes: Uint8Array) {}

  bit(): number {
    const byte = this.bytes[this.position >> 3];
    if (byte === undefined) throw new RangeError('SPS ended early');
    const value = (byte >> (7 - (this.position & 7))) & 1;
    this.position += 1;
    return value;
  }

  bits(count: number): number {
    let value = 0;
    for (let i = 0; i < count; i++) value = value * 2 + this.bit();
    return value;
  }

  /** Unsigned Exp-Golomb, ue(v). */
  ue(): number {
    let leadingZeros = 0;
    while (this.bit() === 0) {
      leadingZeros += 1;
      if (leadingZeros > 31) throw new RangeError('bad Exp-Golomb code in SPS');
    }
    return 2 ** leadingZeros - 1 + this.bits(leadingZeros);
  }

  /** Signed Exp-Golomb, se(v). */
  se(): number {
    const code = this.ue();
    return code % 2 === 1 ? (code + 1) / 2 : -code / 2;
  }
}

class BitWriter {
  private readonly out: number[] = [];
  private current = 0;
  private filled = 0;

  bits(value: number, count: number): void {
    for (let i = count - 1; i >= 0; i--) {
      this.current = (this.current << 1) | (Math.floor(value / 2 ** i) & 1);
      this.filled += 1;
      if (this.filled === 8) {
        this.out.push(this.current);
        this.current = 0;
        this.filled = 0;
      }
    }
  }

  /** Copies bits `[from, to)` of `source`. */
  copy(source: Uint8Array, from: number, to: number): void {
    for (let position = from; position < to; position++) {
      this.bits(((source[position >> 3] ?? 0) >> (7 - (position & 7))) & 1, 1);
    }
  }

  /** Ends the RBSP: a stop bit, then zeros to the byte boundary (`rbsp_trailing_bits`). */
  finish(): Uint8Array {
    this.bits(1, 1);
    while (this.filled !== 0) this.bits(0, 1);
    return Uint8Array.from(this.out);
  }
}

function skipScalingList(reader: BitReader, size: number): void {
  let last = 8;
  let next = 8;
  for (let j = 0; j < size; j++) {
    if (next !== 0) next = (last + reader.se() + 256) % 256;
    last = next === 0 ? last : next;
  }
}

/** Position of the last set bit (the RBSP stop bit). */
function stopBitPosition(rbsp: Uint8Array): number {
  for (let index = rbsp.length - 1; index >= 0; index--) {
    const byte = rbsp[index] ?? 0;
    if (byte !== 0) {
      let bit = 7;
      while (((byte >> (7 - bit)) & 1) === 0) bit -= 1;
      return index * 8 + bit;
    }
  }
  throw new RangeError('SPS has no stop bit');
}

function writeSignal(writer: BitWriter, signal: VideoSignal, videoFormat: number): void {
  writer.bits(1, 1); // video_signal_type_present_flag
  writer.bits(videoFormat, 3);
  writer.bits(signal.fullRange ? 1 : 0, 1);
  writer.bits(1, 1); // colour_description_present_flag
  writer.bits(signal.primaries, 8);
  writer.bits(signal.transfer, 8);
  writer.bits(signal.matrix, 8);
}

/** Where the video signal sits in an SPS's RBSP, in bits. */
interface SignalLocation {
  /** Bit position of `vui_parameters_present_flag`. */
  vuiFlagAt: number;
  /** False when the SPS has no VUI at all. */
  hasVui: boolean;
  /** Bits `[signalAt, signalEnd)` hold `video_signal_type_present_flag` and what it guards. */
  signalAt: number;
  signalEnd: number;
  videoFormat: number;
  /** The current signal, or null when the SPS does not state one. */
  signal: VideoSignal | null;
}

function locateVideoSignal(rbsp: Uint8Array): SignalLocation {
  const reader = new BitReader(rbsp);
  if ((reader.bits(8) & 0x1f) !== NAL_TYPE_SPS) throw new RangeError('not an SPS NAL unit');
  const profile = reader.bits(8);
  reader.bits(16); // constraint flags, level_idc
  reader.ue(); // seq_parameter_set_id
  if (HIGH_PROFILES.has(profile)) {
    const chromaFormat = reader.ue();
    if (chromaFormat === 3) reader.bit(); // separate_colour_plane_flag
    reader.ue(); // bit_depth_luma_minus8
    reader.ue(); // bit_depth_chroma_minus8
    reader.bit(); // qpprime_y_zero_transform_bypass_flag
    if (reader.bit()) {
      for (let i = 0; i < (chromaFormat === 3 ? 12 : 8); i++) {
        if (reader.bit()) skipScalingList(reader, i < 6 ? 16 : 64);
      }
    }
  }
  reader.ue(); // log2_max_frame_num_minus4
  const pocType = reader.ue();
  if (pocType === 0) {
    reader.ue();
  } else if (pocType === 1) {
    reader.bit();
    reader.se();
    reader.se();
    const cycle = reader.ue();
    for (let i = 0; i < cycle; i++) reader.se();
  }
  reader.ue(); // max_num_ref_frames
  reader.bit(); // gaps_in_frame_num_value_allowed_flag
  reader.ue(); // pic_width_in_mbs_minus1
  reader.ue(); // pic_height_in_map_units_minus1
  if (!reader.bit()) reader.bit(); // frame_mbs_only_flag, mb_adaptive_frame_field_flag
  reader.bit(); // direct_8x8_inference_flag
  if (reader.bit()) for (let i = 0; i < 4; i++) reader.ue(); // frame cropping offsets

  const vuiFlagAt = reader.position;
  if (!reader.bit()) {
    return {
      vuiFlagAt,
      hasVui: false,
      signalAt: vuiFlagAt,
      signalEnd: vuiFlagAt,
      videoFormat: VIDEO_FORMAT_UNSPECIFIED,
      signal: null,
    };
  }
  if (reader.bit() && reader.bits(8) === 255) reader.bits(32); // aspect_ratio_idc, Extended_SAR
  if (reader.bit()) reader.bit(); // overscan_appropriate_flag
  const signalAt = reader.position;
  let videoFormat = VIDEO_FORMAT_UNSPECIFIED;
  let signal: VideoSignal | null = null;
  if (reader.bit()) {
    videoFormat = reader.bits(3);
    const fullRange = reader.bit() === 1;
    // Without a colour description the code points are 2, "unspecified".
    signal = reader.bit()
      ? { fullRange, primaries: reader.bits(8), transfer: reader.bits(8), matrix: reader.bits(8) }
      : { fullRange, primaries: 2, transfer: 2, matrix: 2 };
  }
  return { vuiFlagAt, hasVui: true, signalAt, signalEnd: reader.position, videoFormat, signal };
}

/**
 * Reads the video signal an SPS states (range and colour code points), or null when it states none.
 * @param sps the SPS NAL unit, header byte included
 * @throws RangeError when the bytes are not a parsable SPS
 */
export function readSpsVideoSignal(sps: Uint8Array): VideoSignal | null {
  return locateVideoSignal(toRbsp(sps)).signal;
}

/**
 * Returns the SPS NAL unit (header byte included, no start code or length) with its VUI video
 * signal set to `signal`; adds a minimal VUI when the SPS has none.
 * @throws RangeError when the bytes are not a parsable SPS
 */
export function rewriteSpsVideoSignal(sps: Uint8Array, signal: VideoSignal): Uint8Array {
  const rbsp = toRbsp(sps);
  const location = locateVideoSignal(rbsp);
  const writer = new BitWriter();
  if (!location.hasVui) {
    // No VUI: add one that only states the signal type.
    writer.copy(rbsp, 0, location.vuiFlagAt);
    writer.bits(1, 1); // vui_parameters_present_flag
    writer.bits(0, 2); // aspect_ratio_info_present_flag, overscan_info_present_flag
    writeSignal(writer, signal, VIDEO_FORMAT_UNSPECIFIED);
    writer.bits(0, 5); // chroma_loc, timing, nal_hrd, vcl_hrd, bitstream_restriction: absent
    return fromRbsp(writer.finish());
  }
  writer.copy(rbsp, 0, location.signalAt);
  writeSignal(writer, signal, location.videoFormat);
  const stopBit = stopBitPosition(rbsp);
  writer.copy(rbsp, location.signalEnd, stopBit);
  // Keep any trailing zero bytes after the stop bit (Chromium writes one), so the size is unchanged.
  const trailingZeros = rbsp.length - ((stopBit >> 3) + 1);
  return fromRbsp(concat([writer.finish(), new Uint8Array(trailingZeros)]));
}

/**
 * Returns the `avcC` record (the WebCodecs `decoderConfig.description`) with every SPS rewritten
 * by {@link rewriteSpsVideoSignal}; PPS and extension fields are copied unchanged.
 * @throws RangeError when the record is truncated or not version 1
 */
export function rewriteAvcDecoderConfigurationRecord(
  avcC: Uint8Array,
  signal: VideoSignal,
): Uint8Array {
  if (avcC[0] !== 1 || avcC.length < 7)
    throw new RangeError('not an AVCDecoderConfigurationRecord');
  const parts: Uint8Array[] = [avcC.subarray(0, 6)];
  const spsCount = (avcC[5] ?? 0) & 0x1f;
  let offset = 6;
  for (let i = 0; i < spsCount; i++) {
    const length = ((avcC[offset] ?? 0) << 8) | (avcC[offset + 1] ?? 0);
    const end = offset + 2 + length;
    if (end > avcC.length) throw new RangeError('truncated SPS in avcC');
    const sps = rewriteSpsVideoSignal(avcC.subarray(offset + 2, end), signal);
    parts.push(Uint8Array.of(sps.length >> 8, sps.length & 0xff), sps);
    offset = end;
  }
  parts.push(avcC.subarray(offset));
  return concat(parts);
}

/** NAL length field size in bytes from an `avcC` record (`lengthSizeMinusOne + 1`). */
export function nalLengthSize(avcC: Uint8Array): number {
  return ((avcC[4] ?? 3) & 0x03) + 1;
}

/**
 * Rewrites the SPS NAL units inside one length-prefixed (AVCC format) packet; returns the same
 * array when the packet carries no SPS (the usual case: the SPS lives in `avcC`).
 * @param lengthSize bytes per NAL length prefix (see {@link nalLengthSize})
 */
export function rewriteAvcPacketVideoSignal(
  packet: Uint8Array,
  signal: VideoSignal,
  lengthSize: number,
): Uint8Array {
  const parts: Uint8Array[] = [];
  let offset = 0;
  let changed = false;
  while (offset + lengthSize <= packet.length) {
    let length = 0;
    for (let i = 0; i < lengthSize; i++) length = length * 256 + (packet[offset + i] ?? 0);
    const start = offset + lengthSize;
    const end = start + length;
    if (end > packet.length) return packet; // not length-prefixed as expected: leave it alone
    const nal = packet.subarray(start, end);
    if (((nal[0] ?? 0) & 0x1f) === NAL_TYPE_SPS) {
      const sps = rewriteSpsVideoSignal(nal, signal);
      const prefix = new Uint8Array(lengthSize);
      for (let i = 0; i < lengthSize; i++)
        prefix[lengthSize - 1 - i] = Math.floor(sps.length / 256 ** i) & 0xff;
      parts.push(prefix, sps);
      changed = true;
    } else {
      parts.push(packet.subarray(offset, end));
    }
    offset = end;
  }
  return changed ? concat(parts) : packet;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
