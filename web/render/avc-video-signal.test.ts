import { describe, expect, it } from 'vitest';
import {
  BT709_LIMITED,
  readSpsVideoSignal,
  rewriteAvcDecoderConfigurationRecord,
  rewriteAvcPacketVideoSignal,
  rewriteSpsVideoSignal,
  type VideoSignal,
} from './avc-video-signal';

/** SPS written by Chromium 156's WebCodecs H.264 encoder (High, 320x240) for a canvas frame: BT.709, sRGB transfer, full range. */
const CHROMIUM_SPS = Uint8Array.from(Buffer.from('67640c14ac191a8141f26e021a020f08846a00', 'hex'));
const CHROMIUM_SIGNAL: VideoSignal = { fullRange: true, primaries: 1, transfer: 13, matrix: 1 };
/** A Baseline SPS without VUI (ffmpeg libx264 `-x264opts no-vui`-style, 16x16). */
const SPS_WITHOUT_VUI = Uint8Array.from([0x67, 0x42, 0xc0, 0x0a, 0xf8, 0x41, 0xa2]);

describe('avc video signal', () => {
  it('reads the signal Chromium writes', () => {
    expect(readSpsVideoSignal(CHROMIUM_SPS)).toEqual(CHROMIUM_SIGNAL);
  });

  it('rewrites it to BT.709 limited range and back to the identical bytes', () => {
    const limited = rewriteSpsVideoSignal(CHROMIUM_SPS, BT709_LIMITED);
    expect(readSpsVideoSignal(limited)).toEqual(BT709_LIMITED);
    expect(limited.length).toBe(CHROMIUM_SPS.length);
    expect(Buffer.from(rewriteSpsVideoSignal(limited, CHROMIUM_SIGNAL)).toString('hex')).toBe(
      Buffer.from(CHROMIUM_SPS).toString('hex'),
    );
  });

  it('adds a VUI to an SPS that has none', () => {
    expect(readSpsVideoSignal(SPS_WITHOUT_VUI)).toBeNull();
    expect(readSpsVideoSignal(rewriteSpsVideoSignal(SPS_WITHOUT_VUI, BT709_LIMITED))).toEqual(
      BT709_LIMITED,
    );
  });

  it('rewrites the SPS inside an avcC record and inside a length-prefixed packet', () => {
    const pps = Uint8Array.from([0x68, 0xce, 0x3c, 0x80]);
    const avcC = Uint8Array.from([
      1,
      0x64,
      0x0c,
      0x14,
      0xff,
      0xe1,
      0,
      CHROMIUM_SPS.length,
      ...CHROMIUM_SPS,
      1,
      0,
      pps.length,
      ...pps,
    ]);
    const rewritten = rewriteAvcDecoderConfigurationRecord(avcC, BT709_LIMITED);
    const spsLength = ((rewritten[6] ?? 0) << 8) | (rewritten[7] ?? 0);
    expect(readSpsVideoSignal(rewritten.subarray(8, 8 + spsLength))).toEqual(BT709_LIMITED);
    expect([...rewritten.subarray(8 + spsLength)]).toEqual([1, 0, pps.length, ...pps]);

    const slice = Uint8Array.from([0x65, 0x88, 0x84, 0x00]);
    const packet = Uint8Array.from([
      0,
      0,
      0,
      CHROMIUM_SPS.length,
      ...CHROMIUM_SPS,
      0,
      0,
      0,
      slice.length,
      ...slice,
    ]);
    const out = rewriteAvcPacketVideoSignal(packet, BT709_LIMITED, 4);
    expect(readSpsVideoSignal(out.subarray(4, 4 + (out[3] ?? 0)))).toEqual(BT709_LIMITED);
    expect([...out.subarray(out.length - slice.length)]).toEqual([...slice]);
    const sliceOnly = Uint8Array.from([0, 0, 0, slice.length, ...slice]);
    expect(rewriteAvcPacketVideoSignal(sliceOnly, BT709_LIMITED, 4)).toBe(sliceOnly);
  });
});
