import { describe, expect, it } from 'vitest';
import {
  ChunkFileError,
  checkVideoChunk,
  decodeChunkFile,
  encodeChunkFile,
  fromBase64,
  toBase64,
} from './render-chunk-file';
import type { ChunkPacket } from './render-chunk-file';
import { chunkFrameRange, frameTimestampUs, planChunks } from './render-chunk-plan';

const plan = planChunks({ durationMs: 10_000, fps: 30 });

function videoChunk(
  index: number,
  mutate: (packets: ChunkPacket[]) => void = () => undefined,
): Uint8Array<ArrayBuffer> {
  const { firstFrame, frameCount } = chunkFrameRange(plan, index);
  const packets: ChunkPacket[] = Array.from({ length: frameCount }, (_, i) => ({
    timestampUs: frameTimestampUs(firstFrame + i, 30),
    durationUs: 33_333,
    key: i % plan.gopFrames === 0,
    data: new Uint8Array([i, i + 1, i + 2]),
  }));
  mutate(packets);
  return encodeChunkFile(
    {
      kind: 'video',
      index,
      firstFrame,
      frameCount,
      encoderKey: 'avc1.640028 test',
      decoderConfig: {
        codec: 'avc1.640028',
        description: toBase64(new Uint8Array([1, 100, 0, 40])),
      },
    },
    packets,
  );
}

describe('render chunk plan and file', () => {
  it('plans 4-s chunks on 2-s GOPs, the last one shorter', () => {
    expect(planChunks({ durationMs: 30_000, fps: 30 })).toEqual({
      fps: 30,
      totalFrames: 900,
      gopFrames: 60,
      chunkFrames: 120,
      chunkCount: 8,
    });
    expect(chunkFrameRange(planChunks({ durationMs: 30_000, fps: 30 }), 7)).toEqual({
      firstFrame: 840,
      frameCount: 60,
    });
    expect(planChunks({ durationMs: 30_000, fps: 30 }, 1_000).chunkCount).toBe(1);
  });

  it('round-trips packets, timestamps and the decoder config', () => {
    const file = decodeChunkFile(videoChunk(1));
    expect(file.header.firstFrame).toBe(120);
    expect(file.packets).toHaveLength(120);
    expect(file.packets[5]?.timestampUs).toBe(frameTimestampUs(125, 30));
    expect(Array.from(file.packets[5]?.data ?? [])).toEqual([5, 6, 7]);
    expect(Array.from(fromBase64(file.header.decoderConfig.description ?? ''))).toEqual([
      1, 100, 0, 40,
    ]);
    expect(() => checkVideoChunk(file.header, plan, 1)).not.toThrow();
  });

  it('refuses a chunk with a repeated or missing timestamp, no keyframe first, or the wrong range', () => {
    const repeated = decodeChunkFile(
      videoChunk(0, (p) => {
        if (p[10] && p[9]) p[10].timestampUs = p[9].timestampUs;
      }),
    );
    expect(() => checkVideoChunk(repeated.header, plan, 0)).toThrow(/missing or repeated/);
    const noKey = decodeChunkFile(
      videoChunk(0, (p) => {
        if (p[0]) p[0].key = false;
      }),
    );
    expect(() => checkVideoChunk(noKey.header, plan, 0)).toThrow(/keyframe/);
    expect(() => checkVideoChunk(decodeChunkFile(videoChunk(1)).header, plan, 2)).toThrow(
      ChunkFileError,
    );
  });

  it('holds the audio of a 10-minute video (the longest draft) in one file', () => {
    // AAC at 48 kHz: 1024 samples per packet, ~46.9 packets a second, with realistic timestamps.
    const packetCount = Math.ceil((600 * 48_000) / 1024);
    const packets: ChunkPacket[] = Array.from({ length: packetCount }, (_, i) => ({
      timestampUs: Math.round((i * 1024 * 1_000_000) / 48_000),
      durationUs: 21_333,
      key: true,
      data: new Uint8Array([i % 256, 1, 2, 3]),
    }));
    const bytes = encodeChunkFile(
      {
        kind: 'audio',
        index: 0,
        firstFrame: 0,
        frameCount: 0,
        encoderKey: 'aac 48000Hz 2ch 128000bps',
        decoderConfig: {
          codec: 'mp4a.40.2',
          sampleRate: 48_000,
          numberOfChannels: 2,
          description: toBase64(new Uint8Array([17, 144])),
        },
      },
      packets,
    );
    const file = decodeChunkFile(bytes);
    expect(file.packets).toHaveLength(packetCount);
    expect(file.packets.at(-1)?.timestampUs).toBe(packets.at(-1)?.timestampUs);
  });

  it('refuses bytes that are not a chunk file or are cut short', () => {
    expect(() => decodeChunkFile(new TextEncoder().encode('<html></html>'))).toThrow(/RWCK/);
    const bytes = videoChunk(0);
    expect(() => decodeChunkFile(bytes.subarray(0, bytes.byteLength - 1))).toThrow(/shorter/);
  });
});
