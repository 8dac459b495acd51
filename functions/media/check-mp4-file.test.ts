import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_MOOV_BYTES, MAX_TOP_LEVEL_BOXES, Mp4FileError, checkMp4File } from './check-mp4-file';
import type { ReadRange } from './check-mp4-file';

function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url)));
}

/** Ranged reads over `bytes` (zeros past its end up to `sizeBytes`), counting what was read. */
function reader(bytes: Uint8Array): { read: ReadRange; readBytes: () => number } {
  let total = 0;
  const read: ReadRange = async (offset, length) => {
    total += length;
    const out = new Uint8Array(length);
    out.set(bytes.subarray(offset, offset + length));
    return out;
  };
  return { read, readBytes: () => total };
}

function check(
  bytes: Uint8Array,
  durationMs: number,
  sizeBytes = bytes.byteLength,
): ReturnType<typeof checkMp4File> {
  return checkMp4File(reader(bytes).read, sizeBytes, durationMs);
}

function box(type: string, payload: Uint8Array | number[]): Uint8Array {
  const out = new Uint8Array(8 + payload.length);
  new DataView(out.buffer).setUint32(0, out.byteLength);
  out.set(
    [...type].map((ch) => ch.charCodeAt(0)),
    4,
  );
  out.set(payload, 8);
  return out;
}

/** The parts one after another (small test files only: it spreads every byte). */
function concat(...parts: Uint8Array[]): Uint8Array {
  return Uint8Array.from(parts.flatMap((part) => [...part]));
}

/** Splits a file into its top-level boxes (the fixtures use 32-bit sizes). */
function topLevel(bytes: Uint8Array): Map<string, Uint8Array> {
  const boxes = new Map<string, Uint8Array>();
  for (let at = 0; at < bytes.byteLength; ) {
    const size = new DataView(bytes.buffer, bytes.byteOffset + at).getUint32(0);
    boxes.set(
      String.fromCharCode(...bytes.subarray(at + 4, at + 8)),
      bytes.subarray(at, at + size),
    );
    at += size;
  }
  return boxes;
}

const FOUR_S = fixture('render-4s.mp4');

describe('checkMp4File', () => {
  it('accepts a fast-start H.264 MP4 as long as the job, reading only box headers and moov', async () => {
    const { read, readBytes } = reader(FOUR_S);
    const facts = await checkMp4File(read, FOUR_S.byteLength, 4_000);
    expect(facts).toEqual({ durationMs: 4_000, videoCodec: 'avc1' });
    const moov = topLevel(FOUR_S).get('moov')?.byteLength ?? 0;
    expect(readBytes()).toBeLessThanOrEqual(moov + 16 * 4);
    // ±0.5 s of the job's duration.
    await expect(check(FOUR_S, 4_500)).resolves.toEqual({ durationMs: 4_000, videoCodec: 'avc1' });
    await expect(check(FOUR_S, 3_500)).resolves.toEqual({ durationMs: 4_000, videoCodec: 'avc1' });
    // Just past the tolerance on either side is refused.
    await expect(check(FOUR_S, 4_501)).rejects.toThrow(/lasts 4\.00 s/);
    await expect(check(FOUR_S, 3_499)).rejects.toThrow(/lasts 4\.00 s/);
  });

  it('accepts moov at the end, an audio track next to the video, and a 64-bit mdat size', async () => {
    await expect(check(fixture('moov-at-end-render-4s.mp4'), 4_000)).resolves.toMatchObject({
      videoCodec: 'avc1',
    });
    await expect(check(fixture('with-audio-render-4s.mp4'), 4_000)).resolves.toMatchObject({
      videoCodec: 'avc1',
    });
    const boxes = topLevel(FOUR_S);
    const mdat = boxes.get('mdat') ?? new Uint8Array();
    const large = new Uint8Array(mdat.byteLength + 8);
    const view = new DataView(large.buffer);
    view.setUint32(0, 1);
    large.set([0x6d, 0x64, 0x61, 0x74], 4);
    view.setBigUint64(8, BigInt(large.byteLength));
    large.set(mdat.subarray(8), 16);
    const withLargeMdat = concat(
      boxes.get('ftyp') ?? new Uint8Array(),
      boxes.get('moov') ?? new Uint8Array(),
      large,
    );
    await expect(check(withLargeMdat, 4_000)).resolves.toEqual({
      durationMs: 4_000,
      videoCodec: 'avc1',
    });
    // The 64-bit size is read, not the 32-bit field: one byte short of it is refused.
    await expect(
      check(withLargeMdat.subarray(0, withLargeMdat.byteLength - 1), 4_000),
    ).rejects.toThrow(Mp4FileError);
  });

  it.each([
    [
      '76 bytes of HTML whose bytes 4–8 read ftyp',
      new TextEncoder().encode('<!--ftyp--><html><script>alert(1)</script></html>'.padEnd(76)),
      4_000,
      /box/,
    ],
    ['another duration', FOUR_S, 30_000, /lasts 4\.00 s, not the 30\.00 s/],
    ['bytes after the last box', concat(FOUR_S, new Uint8Array([1, 2, 3])), 4_000, /header/],
    ['a cut-off file', FOUR_S.subarray(0, FOUR_S.byteLength - 100), 4_000, /runs past the end/],
    ['MPEG-4 Part 2 video', fixture('bad-render-mpeg4-4s.mp4'), 4_000, /"mp4v", not H\.264/],
    ['two video tracks', fixture('bad-render-two-videos-4s.mp4'), 4_000, /2 video tracks/],
    ['no ftyp first', concat(box('free', []), FOUR_S), 4_000, /start with exactly one "ftyp"/],
    [
      'a box an MP4 render does not have',
      concat(FOUR_S, box('uuid', [1, 2, 3])),
      4_000,
      /"uuid" box/,
    ],
    [
      'no moov',
      concat(
        topLevel(FOUR_S).get('ftyp') ?? new Uint8Array(),
        topLevel(FOUR_S).get('mdat') ?? new Uint8Array(),
      ),
      4_000,
      /exactly one "moov"/,
    ],
    [
      'too many boxes',
      concat(FOUR_S, ...Array.from({ length: MAX_TOP_LEVEL_BOXES }, () => box('free', []))),
      4_000,
      /more than 16 top-level boxes/,
    ],
  ])('refuses %s', async (_what, bytes, durationMs, message) => {
    await expect(check(bytes, durationMs)).rejects.toThrow(Mp4FileError);
    await expect(check(bytes, durationMs)).rejects.toThrow(message);
  });

  it('refuses a moov larger than the cap without reading it', async () => {
    const ftyp = topLevel(FOUR_S).get('ftyp') ?? new Uint8Array();
    const moovSize = MAX_MOOV_BYTES + 8;
    const mdatAt = ftyp.byteLength + moovSize;
    const header = (type: string, size: number): Uint8Array => {
      const out = box(type, []);
      new DataView(out.buffer).setUint32(0, size);
      return out;
    };
    // Only the box headers exist: reading the 16-MiB moov would show up in the count.
    const sparse = new Map<number, Uint8Array>([
      [0, ftyp],
      [ftyp.byteLength, header('moov', moovSize)],
      [mdatAt, header('mdat', 8)],
    ]);
    let readBytes = 0;
    const read: ReadRange = async (offset, length) => {
      readBytes += length;
      return (sparse.get(offset) ?? new Uint8Array(length)).subarray(0, length);
    };
    await expect(checkMp4File(read, mdatAt + 8, 4_000)).rejects.toThrow(
      /"moov" box is larger than 16 MiB/,
    );
    expect(readBytes).toBeLessThan(100);
  });
});
