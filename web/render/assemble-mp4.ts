/**
 * @module assemble-mp4
 * Joins a render's stored chunks and its audio into the final fast-start MP4 by remux, no
 * re-encode: mediabunny `EncodedVideoPacketSource` / `EncodedAudioPacketSource` with the stored
 * packets and decoder configs, `Mp4OutputFormat({ fastStart: 'reserve' })`: room for the `moov`
 * box is reserved after `ftyp` (sized from the known packet counts), the media data is written
 * after it as it comes, and the `moov` is written into the room at the end (the rest of the room
 * becomes a `free` box). The file goes out through a `StreamTarget` in {@link MP4_PART_BYTES}
 * parts, each kept as a `Blob` part (Chromium keeps big blobs out of the page, on disk when
 * needed), and video chunks are read one at a time: the page holds about one chunk and one part,
 * not the whole video.
 *
 * When the video has captions, they go in as a WebVTT subtitle track (ISO/IEC 14496-30 `wvtt`
 * samples, mediabunny `TextSubtitleSource('webvtt')`), the same file as the `.vtt` download, so
 * a player can show them without burning them in.
 *
 * Runs in the browser (not the Worker): a Worker has 128 MB of memory for an MP4 that may reach
 * ~600 MB, and the finished file is uploaded with the same streamed `PUT …/file` as before.
 */
import {
  EncodedAudioPacketSource,
  EncodedPacket,
  EncodedVideoPacketSource,
  Mp4OutputFormat,
  Output,
  StreamTarget,
  TextSubtitleSource,
} from 'mediabunny';
import type { StreamTargetChunk } from 'mediabunny';
import { ChunkFileError, fromBase64 } from '../../shared/render-chunk-file';
import type { ChunkDecoderConfig, ChunkFile, ChunkPacket } from '../../shared/render-chunk-file';
import * as z from 'zod/mini';
import { RenderError } from './render-errors';

/**
 * Size of each part of the MP4 kept as a `Blob` part, bytes: 16 MiB (mediabunny's default
 * `StreamTarget` chunk size), so a 600 MB file is ~36 parts and the page buffers one part.
 */
const MP4_PART_BYTES = 16 * 1_048_576;

/** A subtitle track for the MP4: a WebVTT file and how many cues it holds. */
export interface SubtitleTrackText {
  webvtt: string;
  cueCount: number;
  /** ISO 639-2/T language of the cues ('eng', 'zho'). */
  languageCode: string;
}

/**
 * Most `wvtt` samples `cueCount` cues make: one per span between cue bounds (2 per cue) plus the
 * empty `vtte` samples in the gaps; mediabunny's fast start needs the count before it writes.
 */
function subtitleSampleBound(cueCount: number): number {
  return 2 * cueCount + 1;
}

/** The video chunks of a render, read one at a time. */
export interface VideoChunkReader {
  /** Chunks 0..chunkCount-1. */
  chunkCount: number;
  /** Video packets in all chunks together: one per frame. */
  packetCount: number;
  /** Reads chunk `index`; called once per chunk, in order. */
  loadChunk(index: number): Promise<ChunkFile>;
}

function toPacket(p: ChunkPacket): EncodedPacket {
  return new EncodedPacket(
    p.data,
    p.key ? 'key' : 'delta',
    p.timestampUs / 1_000_000,
    p.durationUs / 1_000_000,
  );
}

function description(config: ChunkDecoderConfig): Uint8Array<ArrayBuffer> | undefined {
  return config.description === null ? undefined : fromBase64(config.description);
}

/**
 * Collects what a `StreamTarget` writes into the parts of a `Blob`: bytes written at the end of
 * the file become a new part, bytes written over earlier ones (the `moov` box and the `mdat`
 * size, at the end) are kept as patches and laid over the parts by slicing in `toBlob`.
 * @returns the stream to give the `StreamTarget`, and `toBlob(type)` for the file once it is closed
 * @throws RenderError `encode-failed` (from a write) when a write starts past the end (a gap);
 *   from `toBlob` when the browser refused to keep a part: a Chromium private window (no disk
 *   for blobs) keeps at most 512 MiB of blobs, measured here in an off-the-record context (the
 *   blob that crosses it cannot be read, `NotReadableError`); a normal window moves big blobs
 *   to disk
 */
export function blobCollector(): {
  writable: WritableStream<StreamTargetChunk>;
  toBlob(type: string): Promise<Blob>;
} {
  const parts: Blob[] = [];
  const patches: Array<{ position: number; part: Blob }> = [];
  let sizeBytes = 0;
  const writable = new WritableStream<StreamTargetChunk>({
    write({ data, position }) {
      if (position > sizeBytes)
        throw new RenderError('encode-failed', 'The MP4 writer left a gap in the file.');
      const end = position + data.byteLength;
      if (position < sizeBytes)
        patches.push({
          position,
          part: new Blob([data.subarray(0, Math.min(end, sizeBytes) - position)]),
        });
      if (end > sizeBytes) {
        parts.push(new Blob([data.subarray(sizeBytes - position)]));
        sizeBytes = end;
      }
    },
  });
  return {
    writable,
    async toBlob(type) {
      // A refused blob fails every read: one byte of each part tells, before the upload would fail.
      await Promise.all(
        [...parts, ...patches.map((p) => p.part)].map((part) => part.slice(0, 1).arrayBuffer()),
      ).catch((cause: unknown) => {
        throw new RenderError(
          'encode-failed',
          'This browser window could not keep the finished video (a private window holds only about 500 MB of files); export it from a normal window.',
          { cause },
        );
      });
      let file = new Blob(parts);
      for (const { position, part } of patches)
        file = new Blob([file.slice(0, position), part, file.slice(position + part.size)]);
      return new Blob([file], { type });
    },
  };
}

/**
 * Builds the MP4 from video chunks 0..n-1 (read in order, one at a time) and the audio chunk file.
 * @param fps the video's frame rate (the track's timescale)
 * @param subtitles captions to carry as a WebVTT track (none when null or without cues)
 * @returns the MP4 (`video/mp4`): `ftyp`, `moov`, `free`, `mdat`; H.264 + AAC (+ WebVTT)
 * @throws RenderError `encode-failed` when chunks are out of order, of another kind, hold more
 *   packets than the video has frames, or were encoded with a different decoder config (they
 *   could not share one track)
 */
export async function assembleMp4(
  video: VideoChunkReader,
  audio: ChunkFile,
  fps: number,
  subtitles: SubtitleTrackText | null = null,
): Promise<Blob> {
  if (video.chunkCount < 1)
    throw new RenderError('encode-failed', 'There are no video chunks to join.');
  if (audio.header.kind !== 'audio')
    throw new RenderError('encode-failed', 'The stored audio is not an audio chunk.', {
      cause: new ChunkFileError(),
    });

  const collector = blobCollector();
  const output = new Output({
    format: new Mp4OutputFormat({ fastStart: 'reserve' }),
    target: new StreamTarget(collector.writable, { chunked: true, chunkSize: MP4_PART_BYTES }),
  });
  const audioSource = new EncodedAudioPacketSource('aac');
  output.addAudioTrack(audioSource, { maximumPacketCount: audio.packets.length });
  const videoSource = new EncodedVideoPacketSource('avc');
  output.addVideoTrack(videoSource, { frameRate: fps, maximumPacketCount: video.packetCount });
  const subtitleSource =
    subtitles && subtitles.cueCount > 0 ? new TextSubtitleSource('webvtt') : null;
  if (subtitles && subtitleSource)
    output.addSubtitleTrack(subtitleSource, {
      languageCode: subtitles.languageCode,
      maximumPacketCount: subtitleSampleBound(subtitles.cueCount),
    });
  try {
    await output.start();
    if (subtitles && subtitleSource) {
      await subtitleSource.add(subtitles.webvtt);
      subtitleSource.close();
    }
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

    let first: ChunkFile['header'] | null = null;
    let packetsAdded = 0;
    for (let index = 0; index < video.chunkCount; index++) {
      const chunk = await video.loadChunk(index);
      if (chunk.header.kind !== 'video' || chunk.header.index !== index)
        throw new RenderError('encode-failed', `Chunk ${index} is missing or out of order.`);
      if (
        first &&
        (chunk.header.encoderKey !== first.encoderKey ||
          chunk.header.decoderConfig.description !== first.decoderConfig.description)
      ) {
        throw new RenderError(
          'encode-failed',
          `Chunk ${index} was encoded with other settings than chunk 0; the render must start over.`,
        );
      }
      packetsAdded += chunk.packets.length;
      if (packetsAdded > video.packetCount)
        throw new RenderError(
          'encode-failed',
          `Chunk ${index} holds more packets than the video has frames.`,
        );
      for (const p of chunk.packets) {
        await videoSource.add(
          toPacket(p),
          first ? undefined : { decoderConfig: videoConfig(chunk.header.decoderConfig) },
        );
        first ??= chunk.header;
      }
    }
    videoSource.close();
    await output.finalize();
  } catch (error) {
    // Stop the muxer and drop what it buffered; the first failure is the one to report.
    await output.cancel().catch(() => undefined);
    throw error;
  }
  return await collector.toBlob('video/mp4');
}

/** The stored video decoder config as WebCodecs takes it. */
function videoConfig(v: ChunkDecoderConfig): VideoDecoderConfig {
  return {
    codec: v.codec,
    ...(v.codedWidth ? { codedWidth: v.codedWidth } : {}),
    ...(v.codedHeight ? { codedHeight: v.codedHeight } : {}),
    ...(v.description === null ? {} : { description: description(v) }),
    ...(v.colorSpace ? { colorSpace: toColorSpace(v.colorSpace) } : {}),
  };
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
