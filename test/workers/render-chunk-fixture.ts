/**
 * @module render-chunk-fixture (workers tests)
 * Well-formed render chunk files for a job (fake packet bytes, real timestamps) and the PUT
 * that uploads one, as the browser renderer would.
 */
import type { RenderJobInfo } from '../../shared/api-schema';
import { encodeChunkFile, toBase64 } from '../../shared/render-chunk-file';
import type { ChunkPacket } from '../../shared/render-chunk-file';
import { chunkFrameRange, frameTimestampUs, planChunks } from '../../shared/render-chunk-plan';
import type { Visitor } from './visitor-client';

/** The encoder settings every test chunk claims. */
export const ENCODER_KEY = 'avc1.640028 1920x1080 30fps 7000000bps gop60';

/**
 * A well-formed chunk file for chunk `index` of `job` (fake packet bytes, real timestamps).
 * @param options.seed varies the packet bytes; `encoderKey`, `codec` what the file claims;
 *   `packetBytes` the size of each packet (6 unless given)
 */
export function chunkFile(
  job: RenderJobInfo,
  index: number,
  options: { seed?: number; encoderKey?: string; codec?: string; packetBytes?: number } = {},
): Uint8Array<ArrayBuffer> {
  const plan = planChunks({ durationMs: job.draft.durationMs, fps: job.draft.canvas.fps });
  const { firstFrame, frameCount } = chunkFrameRange(plan, index);
  const packets: ChunkPacket[] = Array.from({ length: frameCount }, (_, i) => ({
    timestampUs: frameTimestampUs(firstFrame + i, plan.fps),
    durationUs: frameTimestampUs(1, plan.fps),
    key: i % plan.gopFrames === 0,
    data: packetData([index, i & 255, options.seed ?? 0, 1, 2, 3], options.packetBytes),
  }));
  return encodeChunkFile(
    {
      kind: 'video',
      index,
      firstFrame,
      frameCount,
      encoderKey: options.encoderKey ?? ENCODER_KEY,
      decoderConfig: {
        codec: options.codec ?? 'avc1.640028',
        description: toBase64(new Uint8Array([1, 100, 0, 40])),
      },
    },
    packets,
  );
}

/** `head`, then zero bytes up to `sizeBytes` (at least `head`'s length). */
function packetData(head: number[], sizeBytes = head.length): Uint8Array {
  const data = new Uint8Array(Math.max(sizeBytes, head.length));
  data.set(head, 0);
  return data;
}

/** PUTs `body` as chunk `index` of render `renderId`. */
export function putChunk(
  visitor: Visitor,
  renderId: string,
  index: number,
  body: BodyInit,
  headers: Record<string, string> = {},
): Promise<Response> {
  return visitor.fetch(`/api/renders/${renderId}/chunks/${index}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/octet-stream', ...headers },
    body,
  });
}

/** A well-formed audio chunk file (one fake AAC packet whose first byte is `seed`). */
export function audioChunkFile(seed: number): Uint8Array<ArrayBuffer> {
  return encodeChunkFile(
    {
      kind: 'audio',
      index: 0,
      firstFrame: 0,
      frameCount: 0,
      encoderKey: 'aac 48000Hz 2ch 160000bps',
      decoderConfig: {
        codec: 'mp4a.40.2',
        description: toBase64(new Uint8Array([17, 144])),
        sampleRate: 48_000,
        numberOfChannels: 2,
      },
    },
    [{ timestampUs: 0, durationUs: 21_333, key: true, data: new Uint8Array([seed, 1, 2]) }],
  );
}
