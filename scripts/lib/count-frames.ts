/**
 * @module count-frames
 * Counts the video frames of a media file with Debian's `ffprobe` (apt `ffmpeg`), by reading
 * every packet of the first video stream (exact even when the container's frame count is
 * missing). Used by `npm run bench`.
 */
import { execFileSync } from 'node:child_process';

/**
 * @returns the number of frames of the first video stream of `file`
 * @throws Error when ffprobe is missing, cannot read the file, or finds no video stream
 */
export function countFrames(file: string): number {
  const out = execFileSync('ffprobe', [
    '-v',
    'error',
    '-select_streams',
    'v:0',
    '-count_packets',
    '-show_entries',
    'stream=nb_read_packets',
    '-of',
    'csv=p=0',
    file,
  ]);
  const frames = Number(out.toString().trim());
  if (!Number.isInteger(frames) || frames <= 0)
    throw new Error(`ffprobe found no video frames in ${file}`);
  return frames;
}
