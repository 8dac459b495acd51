/**
 * @module expect-chunk-joins (e2e support)
 * The check for an MP4 joined from separately encoded chunks (a resumed render, two encode
 * workers, render workers): ffprobe reads one H.264 stream of exactly the video's frames and one AAC stream, the
 * duration is right within {@link JOINED_DURATION_TOLERANCE_S}, ffmpeg decodes it without a
 * single error, and its video has one timestamp per frame,
 * evenly spaced, none missing or repeated at a join, and a keyframe at the start of every chunk.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect } from 'vitest';
import { FFMPEG_PATH, probeMedia, videoPackets } from './ffprobe';

const run = promisify(execFile);

/** A joined file's duration may differ from the draft's by AAC padding (≤ 21 ms); 0.1 s is what a person could notice. */
export const JOINED_DURATION_TOLERANCE_S = 0.1;

/**
 * Asserts the joins of `file` (see the module doc).
 * @param plan frames in the video, frames per chunk and chunks (from the render's chunk state),
 *   and the expected duration in s
 */
export async function expectChunkJoins(
  file: string,
  plan: { totalFrames: number; chunkFrames: number; chunkCount: number; durationS: number },
): Promise<void> {
  const probe = await probeMedia(file, { countFrames: true });
  const videos = probe.streams.filter((s) => s.codec_type === 'video');
  expect(videos).toHaveLength(1);
  expect(videos[0]?.codec_name).toBe('h264');
  expect(videos[0]?.nb_read_frames).toBe(plan.totalFrames);
  expect(probe.streams.filter((s) => s.codec_type === 'audio')).toHaveLength(1);
  expect(Math.abs(probe.format.duration - plan.durationS)).toBeLessThanOrEqual(
    JOINED_DURATION_TOLERANCE_S,
  );
  const decode = await run(FFMPEG_PATH, ['-v', 'error', '-i', file, '-f', 'null', '-']);
  expect(decode.stderr.trim()).toBe('');
  const packets = await videoPackets(file);
  const pts = packets.map((p) => p.pts).sort((a, b) => a - b);
  expect(pts).toHaveLength(plan.totalFrames);
  expect(new Set(pts).size).toBe(plan.totalFrames);
  const step = (pts[1] ?? 0) - (pts[0] ?? 0);
  expect(step).toBeGreaterThan(0);
  const gaps = pts
    .slice(1)
    .map((value, i) => value - (pts[i] ?? 0))
    .filter((gap) => gap !== step);
  expect(gaps).toEqual([]);
  const keyframeAt = new Map(packets.map((p) => [p.pts, p.flags.includes('K')]));
  for (let index = 0; index < plan.chunkCount; index++) {
    expect(keyframeAt.get(pts[index * plan.chunkFrames] ?? -1)).toBe(true);
  }
}
