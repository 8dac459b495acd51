/**
 * @module assemble-mp4
 * Joins a render's stored chunks and its audio into the final fast-start MP4 by remux, no
 * re-encode: mediabunny `EncodedVideoPacketSource` / `EncodedAudioPacketSource` with the stored
 * packets and decoder configs, `Mp4OutputFormat({ fastStart: 'in-memory' })`.
 *
 * Runs in the browser (not the Worker): the page already holds the chunks it encoded, a Worker
 * has 128 MB of memory for an MP4 that may reach ~600 MB, and the finished file is uploaded
 * with the same streamed `PUT …/file` as before.
 */
import { BufferTarget, EncodedAudioPacketSource, EncodedPacket, EncodedVideoPacketSource, Mp4OutputFormat, Output } from 'mediabunny';
import { ChunkFileError, fromBase64 } from '../../shared/render-chunk-file';
import type { ChunkDecoderConfig, ChunkFile, ChunkPacket } from '../../shared/render-chunk-file';
import { z } from 'zod';
import { RenderError } from './render-errors';

function toPacket(p: ChunkPacket): EncodedPacket {
  return new EncodedPacket(p.data, p.key ? 'key' : 'delta', p.timestampUs / 1_000_000, p.durationUs / 1_000_000);
}

function description(config: ChunkDecoderConfig): Uint8Array<ArrayBuffer> | undefined {
  return config.description === null ? undefined : fromBase64(config.description);
}

/**
 * Builds the MP4 from video chunks 0..n-1 (in order) and the audio chunk file.
 * @param fps the video's frame rate (the track's timescale)
 * @returns the MP4 bytes: moov before mdat, H.264 + AAC
 * @throws RenderError `encode-failed` when chunks are out of order, of another kind, or were
 *   encoded with a different decoder config (they could not share one track)
 */
export async function assembleMp4(videoChunks: readonly ChunkFile[], audio: ChunkFile, fps: number): Promise<ArrayBuffer> {
  const first = videoChunks[0];
  if (!first) throw new RenderError('encode-failed', 'There are no video chunks to join.');
  const firstDescription = first.header.decoderConfig.description;
  videoChunks.forEach((chunk, index) => {
    if (chunk.header.kind !== 'video' || chunk.header.index !== index) throw new RenderError('encode-failed', `Chunk ${index} is missing or out of order.`);
    if (chunk.header.encoderKey !== first.header.encoderKey || chunk.header.decoderConfig.description !== firstDescription) {
      throw new RenderError('encode-failed', `Chunk ${index} was encoded with other settings than chunk 0; the render must start over.`);
    }
  });
  if (audio.header.kind !== 'audio') throw new RenderError('encode-failed', 'The stored audio is not an audio chunk.', { cause: new ChunkFileError() });

  const output = new Output({ format: new Mp4OutputFormat({ fastStart: 'in-memory' }), target: new BufferTarget() });
  const audioSource = new EncodedAudioPacketSource('aac');
  output.addAudioTrack(audioSource);
  const videoSource = new EncodedVideoPacketSource('avc');
  output.addVideoTrack(videoSource, { frameRate: fps });
  await output.start();

  const a = audio.header.decoderConfig;
  const audioConfig: AudioDecoderConfig = {
    codec: a.codec,
    sampleRate: a.sampleRate ?? 48_000,
    numberOfChannels: a.numberOfChannels ?? 2,
    ...(a.description === null ? {} : { description: description(a) }),
  };
  let firstAudio = true;
  for (const p of audio.packets) {
    await audioSource.add(toPacket(p), firstAudio ? { decoderConfig: audioConfig } : undefined);
    firstAudio = false;
  }
  audioSource.close();

  const v = first.header.decoderConfig;
  const videoConfig: VideoDecoderConfig = {
    codec: v.codec,
    ...(v.codedWidth ? { codedWidth: v.codedWidth } : {}),
    ...(v.codedHeight ? { codedHeight: v.codedHeight } : {}),
    ...(v.description === null ? {} : { description: description(v) }),
    ...(v.colorSpace ? { colorSpace: toColorSpace(v.colorSpace) } : {}),
  };
  let firstVideo = true;
  for (const chunk of videoChunks) {
    for (const p of chunk.packets) {
      await videoSource.add(toPacket(p), firstVideo ? { decoderConfig: videoConfig } : undefined);
      firstVideo = false;
    }
  }
  videoSource.close();
  await output.finalize();
  const bytes = output.target.buffer;
  if (!bytes) throw new RenderError('encode-failed', 'The MP4 file was not produced.');
  return bytes;
}

const primariesSchema = z.enum(['bt709', 'bt470bg', 'smpte170m']);
const transferSchema = z.enum(['bt709', 'smpte170m', 'iec61966-2-1']);
const matrixSchema = z.enum(['bt709', 'bt470bg', 'smpte170m', 'rgb']);

/** The stored colour space as WebCodecs takes it (unknown names are left out). */
function toColorSpace(c: NonNullable<ChunkDecoderConfig['colorSpace']>): VideoColorSpaceInit {
  const out: VideoColorSpaceInit = {};
  const primaries = primariesSchema.safeParse(c.primaries);
  const transfer = transferSchema.safeParse(c.transfer);
  const matrix = matrixSchema.safeParse(c.matrix);
  if (primaries.success) out.primaries = primaries.data;
  if (transfer.success) out.transfer = transfer.data;
  if (matrix.success) out.matrix = matrix.data;
  if (typeof c.fullRange === 'boolean') out.fullRange = c.fullRange;
  return out;
}
