/**
 * @module frame-similarity
 * How alike a frame of a rendered video is to a source picture: both are taken with ffmpeg at
 * the given times, the source scaled (cover) to the render's size, and compared with ffmpeg's
 * SSIM filter (1 = identical, ~0 = unrelated).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { FFMPEG_PATH } from './ffprobe';

const execFileAsync = promisify(execFile);

/**
 * SSIM (all planes) between the render's frame at `renderAtS` and the source's frame at
 * `sourceAtS` (use 0 for a still picture), the source scaled to cover `width × height`; with
 * `region` (px of the render, even sizes), only that part of the render, the source scaled to it.
 */
export async function frameSsim(
  renderPath: string,
  renderAtS: number,
  sourcePath: string,
  sourceAtS: number,
  width: number,
  height: number,
  region?: { x: number; y: number; width: number; height: number },
): Promise<number> {
  const size = region ?? { width, height };
  const cover = `scale=${size.width}:${size.height}:force_original_aspect_ratio=increase,crop=${size.width}:${size.height},format=yuv420p`;
  const cut = region ? `crop=${region.width}:${region.height}:${region.x}:${region.y},` : '';
  const { stderr } = await execFileAsync(FFMPEG_PATH, [
    '-hide_banner',
    '-nostats',
    '-ss',
    String(renderAtS),
    '-i',
    renderPath,
    '-ss',
    String(sourceAtS),
    '-i',
    sourcePath,
    '-filter_complex',
    `[0:v]${cut}format=yuv420p,trim=end_frame=1,setpts=PTS-STARTPTS[a];[1:v]${cover},trim=end_frame=1,setpts=PTS-STARTPTS[b];[a][b]ssim`,
    '-frames:v',
    '1',
    '-f',
    'null',
    '-',
  ]);
  const match = /SSIM .*All:([0-9.]+)/.exec(stderr);
  if (!match?.[1]) throw new Error(`ffmpeg printed no SSIM:\n${stderr.slice(-500)}`);
  return Number(match[1]);
}
