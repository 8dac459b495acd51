import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import subsrt from 'subsrt-ts';
import { ALL_FORMATS, BlobSource, BufferSource, EncodedPacketSink, Input } from 'mediabunny';
import type { InputTrack } from 'mediabunny';
import { describe, expect, it, vi } from 'vitest';
import { decodeChunkFile, encodeChunkFile, toBase64 } from '../../shared/render-chunk-file';
import type { ChunkDecoderConfig, ChunkFile, ChunkPacket } from '../../shared/render-chunk-file';
import { assembleMp4, blobCollector } from './assemble-mp4';
import type { VideoChunkReader } from './assemble-mp4';
import { probeMedia, wvttCues } from '../../test/e2e/support/ffprobe';

const FIXTURES = path.join(__dirname, '..', '..', 'test', 'fixtures');
/** Audio packets taken from the music fixture: ~2 s of AAC. */
const AUDIO_PACKETS = 90;

async function readPackets(track: InputTrack, limit = Infinity): Promise<ChunkPacket[]> {
  const packets: ChunkPacket[] = [];
  for await (const p of new EncodedPacketSink(track).packets()) {
    if (packets.length >= limit) break;
    packets.push({
      timestampUs: Math.round(p.timestamp * 1e6),
      durationUs: Math.round(p.duration * 1e6),
      key: p.type === 'key',
      data: p.data,
    });
  }
  return packets;
}

function storedConfig(
  config: { codec: string; description?: AllowSharedBufferSource },
  extra: Partial<ChunkDecoderConfig>,
): ChunkDecoderConfig {
  const d = config.description;
  const description = d
    ? toBase64(
        ArrayBuffer.isView(d)
          ? new Uint8Array(d.buffer, d.byteOffset, d.byteLength)
          : new Uint8Array(d),
      )
    : null;
  return { codec: config.codec, description, ...extra };
}

/** The fixture's 180 H.264 packets split into two video chunk files, and ~2 s of AAC as the audio chunk file. */
async function fixtureRender(): Promise<{ video: ChunkFile[]; audio: ChunkFile }> {
  const clip = await new Input({
    source: new BufferSource(readFileSync(path.join(FIXTURES, 'clip-waves.mp4'))),
    formats: ALL_FORMATS,
  }).getPrimaryVideoTrack();
  const music = await new Input({
    source: new BufferSource(readFileSync(path.join(FIXTURES, 'music-tropical.m4a'))),
    formats: ALL_FORMATS,
  }).getPrimaryAudioTrack();
  if (!clip || !music) throw new Error('fixture tracks missing');
  const videoPackets = await readPackets(clip);
  const videoConfig = storedConfig((await clip.getDecoderConfig()) ?? { codec: '' }, {
    codedWidth: 1920,
    codedHeight: 1080,
  });
  const half = videoPackets.length / 2;
  const video = [videoPackets.slice(0, half), videoPackets.slice(half)].map((packets, index) =>
    decodeChunkFile(
      encodeChunkFile(
        {
          kind: 'video',
          index,
          firstFrame: index * half,
          frameCount: half,
          encoderKey: 'test',
          decoderConfig: videoConfig,
        },
        packets,
      ),
    ),
  );
  const audioConfig = storedConfig((await music.getDecoderConfig()) ?? { codec: '' }, {
    sampleRate: music.sampleRate,
    numberOfChannels: music.numberOfChannels,
  });
  const audio = decodeChunkFile(
    encodeChunkFile(
      {
        kind: 'audio',
        index: 0,
        firstFrame: 0,
        frameCount: 0,
        encoderKey: 'test',
        decoderConfig: audioConfig,
      },
      await readPackets(music, AUDIO_PACKETS),
    ),
  );
  return { video, audio };
}

function reader(
  chunks: readonly ChunkFile[],
  packetCount = chunks.reduce((sum, c) => sum + c.packets.length, 0),
): VideoChunkReader & { loads: number[] } {
  const loads: number[] = [];
  return {
    chunkCount: chunks.length,
    packetCount,
    loads,
    async loadChunk(index) {
      loads.push(index);
      const chunk = chunks[index];
      if (!chunk) throw new Error(`no chunk ${index}`);
      return chunk;
    },
  };
}

/** Top-level box types of an MP4 in file order. */
function boxOrder(bytes: Uint8Array): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const types: string[] = [];
  for (let offset = 0; offset < bytes.byteLength; ) {
    let size = view.getUint32(offset);
    if (size === 1) size = Number(view.getBigUint64(offset + 8));
    types.push(String.fromCharCode(...bytes.subarray(offset + 4, offset + 8)));
    if (size < 8) throw new Error(`bad box size at ${offset}`);
    offset += size;
  }
  return types;
}

describe('assembleMp4', () => {
  it('joins chunks read one at a time into a fast-start MP4 with the same packets and timestamps', async () => {
    const { video, audio } = await fixtureRender();
    const chunks = reader(video);
    const blob = await assembleMp4(chunks, audio, 30);
    expect(chunks.loads).toEqual([0, 1]);
    expect(blob.type).toBe('video/mp4');
    expect(boxOrder(new Uint8Array(await blob.arrayBuffer()))).toEqual([
      'ftyp',
      'moov',
      'free',
      'mdat',
    ]);

    const input = new Input({ source: new BlobSource(blob), formats: ALL_FORMATS });
    const outVideo = await input.getPrimaryVideoTrack();
    const outAudio = await input.getPrimaryAudioTrack();
    if (!outVideo || !outAudio) throw new Error('output tracks missing');
    const strip = (p: ChunkPacket) => ({
      timestampUs: p.timestampUs,
      key: p.key,
      byteLength: p.data.byteLength,
    });
    expect((await readPackets(outVideo)).map(strip)).toEqual(
      video.flatMap((c) => c.packets).map(strip),
    );
    expect((await readPackets(outAudio)).map(strip)).toEqual(audio.packets.map(strip));
    expect((await readPackets(outVideo, 1))[0]?.data).toEqual(video[0]?.packets[0]?.data);
  });

  it('carries captions as a WebVTT subtitle track that ffprobe reads back cue for cue', async () => {
    const { video, audio } = await fixtureRender();
    const cues = [
      { start: 0, end: 900, text: 'Meet Lumen Notes,' },
      { start: 1_200, end: 2_400, text: '会自己整理的笔记本。' },
      { start: 2_400, end: 5_000, text: 'the notebook that organises itself.' },
    ];
    const webvtt = subsrt.build(
      cues.map((c, i) => ({
        type: 'caption' as const,
        index: i + 1,
        ...c,
        duration: c.end - c.start,
        content: c.text,
      })),
      { format: 'vtt' },
    );
    const blob = await assembleMp4(reader(video), audio, 30, {
      webvtt,
      cueCount: cues.length,
      languageCode: 'zho',
    });
    const dir = mkdtempSync(path.join(tmpdir(), 'assemble-mp4-'));
    try {
      const file = path.join(dir, 'captioned.mp4');
      writeFileSync(file, new Uint8Array(await blob.arrayBuffer()));
      const streams = (await probeMedia(file)).streams;
      // Debian's ffmpeg 5.1 lists a `wvtt` track as data it cannot decode; newer ones as webvtt.
      expect(streams[2]).toMatchObject({ codec_tag_string: 'wvtt', tags: { language: 'zho' } });
      expect(await wvttCues(file, 2)).toEqual(
        cues.map((c) => ({ startMs: c.start, endMs: c.end, text: c.text })),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('adds no subtitle track without cues', async () => {
    const { video, audio } = await fixtureRender();
    const blob = await assembleMp4(reader(video), audio, 30, {
      webvtt: 'WEBVTT\n',
      cueCount: 0,
      languageCode: 'eng',
    });
    const input = new Input({ source: new BlobSource(blob), formats: ALL_FORMATS });
    expect((await input.getTracks()).map((t) => t.type)).toEqual(['audio', 'video']);
  });

  it('refuses chunks out of order, with other settings, or with more packets than frames', async () => {
    const { video, audio } = await fixtureRender();
    const [first, second] = video;
    if (!first || !second) throw new Error('fixture chunks missing');
    await expect(assembleMp4(reader([second, first]), audio, 30)).rejects.toMatchObject({
      code: 'encode-failed',
      message: 'Chunk 0 is missing or out of order.',
    });
    const otherKey = { ...second, header: { ...second.header, encoderKey: 'other' } };
    await expect(assembleMp4(reader([first, otherKey]), audio, 30)).rejects.toThrow(
      'Chunk 1 was encoded with other settings',
    );
    await expect(assembleMp4(reader(video, 100), audio, 30)).rejects.toThrow(
      'Chunk 1 holds more packets than the video has frames.',
    );
  });
});

describe('blobCollector', () => {
  it('appends writes at the end and lays writes over earlier bytes, also across the end', async () => {
    const collector = blobCollector();
    const writer = collector.writable.getWriter();
    await writer.write({ type: 'write', data: new Uint8Array([1, 2, 3, 4]), position: 0 });
    await writer.write({ type: 'write', data: new Uint8Array([5, 6, 7, 8]), position: 4 });
    await writer.write({ type: 'write', data: new Uint8Array([9, 9]), position: 1 });
    await writer.write({ type: 'write', data: new Uint8Array([7, 7, 7, 7]), position: 6 });
    await writer.close();
    const blob = await collector.toBlob('video/mp4');
    expect(blob.type).toBe('video/mp4');
    expect([...new Uint8Array(await blob.arrayBuffer())]).toEqual([1, 9, 9, 4, 5, 6, 7, 7, 7, 7]);
  });

  it('fails with a plain message when the browser refused to keep a part', async () => {
    const collector = blobCollector();
    const writer = collector.writable.getWriter();
    await writer.write({ type: 'write', data: new Uint8Array([1, 2]), position: 0 });
    await writer.close();
    const refused = vi
      .spyOn(Blob.prototype, 'arrayBuffer')
      .mockRejectedValue(new DOMException('refused', 'NotReadableError'));
    try {
      await expect(collector.toBlob('video/mp4')).rejects.toMatchObject({
        code: 'encode-failed',
        message: expect.stringContaining('export it from a normal window'),
      });
    } finally {
      refused.mockRestore();
    }
  });

  it('refuses a write that would leave a gap', async () => {
    const writer = blobCollector().writable.getWriter();
    await expect(
      writer.write({ type: 'write', data: new Uint8Array([1]), position: 3 }),
    ).rejects.toThrow('gap');
  });
});
