/**
 * @module encode-audio-chunk
 * Encodes the whole video's mixed soundtrack once as AAC-LC (48 kHz stereo, 160 kbps; the
 * browser's encoder or mediabunny's WebAssembly one) and writes its packets as an audio chunk
 * file (shared/render-chunk-file.ts), stored beside the video chunks and remuxed into the MP4.
 */
import {
  AudioSample,
  AudioSampleSource,
  Mp4OutputFormat,
  NullTarget,
  Output,
  Quality,
} from 'mediabunny';
import { encodeChunkFile, toBase64 } from '../../shared/render-chunk-file';
import type { ChunkDecoderConfig, ChunkPacket } from '../../shared/render-chunk-file';
import { AUDIO_BITRATE } from './encoder-settings';
import type { MixedAudio } from './encode-protocol';
import { RenderError } from './render-errors';

/** Audio is handed to the encoder in 1-second pieces: small copies, few calls. */
const AUDIO_PIECE_SECONDS = 1;

/**
 * Encodes `audio` to AAC and returns the audio chunk file.
 * @throws RenderError `encode-failed` when the encoder produced nothing or no decoder config
 */
export async function encodeAudioChunk(audio: MixedAudio): Promise<Uint8Array<ArrayBuffer>> {
  const packets: ChunkPacket[] = [];
  let decoderConfig: ChunkDecoderConfig | null = null;
  const source = new AudioSampleSource({
    codec: 'aac',
    quality: new Quality({ bitrate: AUDIO_BITRATE }),
    onEncodedPacket: (packet, meta) => {
      const config = meta?.decoderConfig;
      if (config && decoderConfig === null) {
        const { description } = config;
        decoderConfig = {
          codec: config.codec,
          description: description ? toBase64(toBytes(description)) : null,
          sampleRate: config.sampleRate,
          numberOfChannels: config.numberOfChannels,
        };
      }
      packets.push({
        timestampUs: Math.round(packet.timestamp * 1_000_000),
        durationUs: Math.round(packet.duration * 1_000_000),
        key: packet.type === 'key',
        data: packet.data.slice(),
      });
    },
  });
  // The packets are taken as they are encoded; the container written here is thrown away.
  const output = new Output({ format: new Mp4OutputFormat(), target: new NullTarget() });
  output.addAudioTrack(source);
  await output.start();
  const channelCount = audio.channels.length;
  const length = audio.channels[0]?.length ?? 0;
  const pieceFrames = Math.round(AUDIO_PIECE_SECONDS * audio.sampleRate);
  for (let offset = 0; offset < length; offset += pieceFrames) {
    const frames = Math.min(pieceFrames, length - offset);
    const planar = new Float32Array(frames * channelCount);
    for (const [index, channel] of audio.channels.entries()) {
      planar.set(channel.subarray(offset, offset + frames), index * frames);
    }
    const sample = new AudioSample({
      data: planar,
      format: 'f32-planar',
      numberOfChannels: channelCount,
      sampleRate: audio.sampleRate,
      timestamp: offset / audio.sampleRate,
    });
    try {
      await source.add(sample);
    } finally {
      sample.close();
    }
  }
  source.close();
  await output.finalize();
  const config: ChunkDecoderConfig | null = decoderConfig;
  if (config === null || packets.length === 0)
    throw new RenderError('encode-failed', 'The audio encoder produced no audio.');
  return encodeChunkFile(
    {
      kind: 'audio',
      index: 0,
      firstFrame: 0,
      frameCount: 0,
      encoderKey: `aac ${audio.sampleRate}Hz ${channelCount}ch ${AUDIO_BITRATE}bps`,
      decoderConfig: config,
    },
    packets,
  );
}

function toBytes(source: AllowSharedBufferSource): Uint8Array {
  return ArrayBuffer.isView(source)
    ? new Uint8Array(source.buffer, source.byteOffset, source.byteLength)
    : new Uint8Array(source);
}
