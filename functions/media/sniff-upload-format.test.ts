import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  MP4_SNIFF_BYTES,
  SNIFF_BYTES,
  looksLikeMp4,
  readPrefix,
  sniffUploadFormat,
} from './sniff-upload-format';

const head = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url))).subarray(
    0,
    SNIFF_BYTES,
  );

describe('sniffUploadFormat', () => {
  it.each([
    ['clip-waves.mp4', 'mp4'],
    ['clip-waves-with-audio.mov', 'mov'],
    ['clip-homeworld.webm', 'webm'],
    ['photo-space.jpg', 'jpg'],
    ['photo-inksplat.png', 'png'],
    ['photo-lines.webp', 'webp'],
    ['music-forest.mp3', 'mp3'],
    ['music-tropical.m4a', 'm4a'],
    ['jingle-classic.wav', 'wav'],
    ['bad-truncated.mp4', 'mp4'],
  ])('knows %s as %s by its bytes', (name, format) => {
    expect(sniffUploadFormat(head(name))).toBe(format);
  });

  it('refuses text named .mp4', () => {
    expect(sniffUploadFormat(head('bad-not-a-video.mp4'))).toBeNull();
  });

  it('knows GIF, AVI, MKV, ADTS AAC and Ogg', () => {
    const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
    expect(sniffUploadFormat(bytes('GIF89a....'))).toBe('gif');
    expect(sniffUploadFormat(bytes('RIFF\0\0\0\0AVI LIST'))).toBe('avi');
    expect(
      sniffUploadFormat(
        new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 0x42, 0x82, 0x88, ...bytes('matroska')]),
      ),
    ).toBe('mkv');
    expect(sniffUploadFormat(new Uint8Array([0xff, 0xf1, 0x50, 0x80]))).toBe('aac');
    expect(sniffUploadFormat(new Uint8Array([0xff, 0xfb, 0x90, 0x00]))).toBe('mp3');
    // The first page of an Ogg Opus file as libopus writes it: `OggS`, version 0, BOS flag.
    expect(
      sniffUploadFormat(
        new Uint8Array([
          ...bytes('OggS'),
          0x00,
          0x02,
          ...new Array<number>(22).fill(0),
          0x01,
          0x13,
          ...bytes('OpusHead'),
        ]),
      ),
    ).toBe('ogg');
    expect(sniffUploadFormat(bytes('Oggs not an ogg page'))).toBeNull();
  });
});

describe('looksLikeMp4', () => {
  it('takes an MP4 by its ftyp box and refuses text or a WebM', () => {
    expect(looksLikeMp4(head('render-4s.mp4').subarray(0, MP4_SNIFF_BYTES))).toBe(true);
    expect(looksLikeMp4(head('bad-not-a-video.mp4'))).toBe(false);
    expect(looksLikeMp4(head('clip-homeworld.webm'))).toBe(false);
    expect(looksLikeMp4(head('render-4s.mp4').subarray(0, MP4_SNIFF_BYTES - 1))).toBe(false);
  });
});

describe('readPrefix', () => {
  const streamOf = (chunks: number[][]): ReadableStreamDefaultReader<Uint8Array> =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(new Uint8Array(chunk));
        controller.close();
      },
    }).getReader();

  it('joins the first bytes across chunks and keeps the chunks whole', async () => {
    const { chunks, head: first } = await readPrefix(streamOf([[1, 2], [3, 4, 5], [6]]), 4);
    expect([...first]).toEqual([1, 2, 3, 4]);
    expect(chunks.map((chunk) => [...chunk])).toEqual([
      [1, 2],
      [3, 4, 5],
    ]);
  });

  it('returns what there is when the stream ends early', async () => {
    const { chunks, head: first } = await readPrefix(streamOf([[7, 8]]), 8);
    expect([...first]).toEqual([7, 8]);
    expect(chunks).toHaveLength(1);
  });
});
