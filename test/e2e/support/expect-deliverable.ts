/**
 * @module expect-deliverable (e2e support)
 * The check every exported MP4 must pass, as the issues state it: one H.264 High (level ≥ 4.0)
 * video stream at the asked size and 30 fps, the asked duration within ±0.5 s, exactly one AAC
 * stream, and fast start (`moov` before `mdat`).
 */
import { expect } from 'vitest';
import { isFastStart, parseFrameRate, probeMedia, type ProbeResult } from './ffprobe';

/** The issues' tolerance on an export's duration, s. */
export const DURATION_TOLERANCE_S = 0.5;

/**
 * Probes `file` with ffprobe and asserts the deliverable shape (see the module doc).
 * @param width expected picture width, px
 * @param height expected picture height, px
 * @param durationS expected duration, s
 * @returns the probe, for further checks
 */
export async function expectDeliverable(
  file: string,
  width: number,
  height: number,
  durationS: number,
): Promise<ProbeResult> {
  const probe = await probeMedia(file);
  const videos = probe.streams.filter((stream) => stream.codec_type === 'video');
  expect(videos).toHaveLength(1);
  const video = videos[0];
  expect(video?.codec_name).toBe('h264');
  expect(video?.profile).toBe('High');
  expect(video?.level).toBeGreaterThanOrEqual(40);
  expect([video?.width, video?.height]).toEqual([width, height]);
  expect(parseFrameRate(video?.avg_frame_rate)).toBeCloseTo(30, 1);
  expect(Math.abs(probe.format.duration - durationS)).toBeLessThanOrEqual(DURATION_TOLERANCE_S);
  expect(
    probe.streams
      .filter((stream) => stream.codec_type === 'audio')
      .map((stream) => stream.codec_name),
  ).toEqual(['aac']);
  expect(await isFastStart(file)).toBe(true);
  return probe;
}
