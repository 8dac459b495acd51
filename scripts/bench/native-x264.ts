/**
 * @module native-x264 (bench)
 * The benches' native baseline: ffmpeg's libx264 `veryfast` encoding `frames` 1080p30 frames of
 * a synthetic source (`testsrc2`) to nowhere. Returns the wall time, ms.
 */
import { execFileSync } from 'node:child_process';

/** Encodes `frames` 1080p30 frames with libx264 veryfast; the wall time, ms. */
export function nativeX264Ms(frames: number): number {
  const startedAt = performance.now();
  execFileSync('ffmpeg', [
    '-v',
    'error',
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=1920x1080:rate=30',
    '-frames:v',
    String(frames),
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-pix_fmt',
    'yuv420p',
    '-f',
    'null',
    '-',
  ]);
  return performance.now() - startedAt;
}
