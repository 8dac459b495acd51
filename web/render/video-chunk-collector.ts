/**
 * @module video-chunk-collector
 * Collects the H.264 packets of one render chunk (between two encoder flushes) and writes them
 * as a chunk file (shared/render-chunk-file.ts) with the decoder config the encoder reported
 * first in this page session, so the chunk can be joined later to chunks from other sessions.
 */
import type { EncodedPacket } from 'mediabunny';
import { encodeChunkFile, toBase64 } from '../../shared/render-chunk-file';
import type { ChunkDecoderConfig, ChunkPacket } from '../../shared/render-chunk-file';
import type { VideoPacketSink } from './h264-canvas-encoder';
import { RenderError } from './render-errors';

/** Packets → chunk files. Give it to {@link H264CanvasEncoder} as its sink. */
export class VideoChunkCollector implements VideoPacketSink {
  private packets: ChunkPacket[] = [];
  private decoderConfig: ChunkDecoderConfig | null = null;

  /** Keeps one packet (and the decoder config, when it comes with it). */
  add(packet: EncodedPacket, meta?: EncodedVideoChunkMetadata): void {
    const config = meta?.decoderConfig;
    if (config && this.decoderConfig === null) {
      const { description } = config;
      this.decoderConfig = {
        codec: config.codec,
        description: description ? toBase64(toBytes(description)) : null,
        ...(config.codedWidth ? { codedWidth: config.codedWidth } : {}),
        ...(config.codedHeight ? { codedHeight: config.codedHeight } : {}),
        ...(config.colorSpace ? { colorSpace: { ...config.colorSpace } } : {}),
      };
    }
    this.packets.push({
      timestampUs: Math.round(packet.timestamp * 1_000_000),
      durationUs: Math.round(packet.duration * 1_000_000),
      key: packet.type === 'key',
      data: packet.data,
    });
  }

  /**
   * Writes the packets collected since the last call as chunk `index` and forgets them.
   * @throws RenderError `encode-failed` when the encoder never gave its decoder config
   */
  take(chunk: {
    index: number;
    firstFrame: number;
    frameCount: number;
    encoderKey: string;
  }): Uint8Array<ArrayBuffer> {
    if (this.decoderConfig === null)
      throw new RenderError('encode-failed', 'The video encoder gave no decoder configuration.');
    const bytes = encodeChunkFile(
      { kind: 'video', ...chunk, decoderConfig: this.decoderConfig },
      this.packets,
    );
    this.packets = [];
    return bytes;
  }
}

function toBytes(source: AllowSharedBufferSource): Uint8Array {
  return ArrayBuffer.isView(source)
    ? new Uint8Array(source.buffer, source.byteOffset, source.byteLength)
    : new Uint8Array(source);
}
