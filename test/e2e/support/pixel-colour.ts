/**
 * @module pixel-colour (e2e support)
 * The colour of one pixel of a picture or of a video frame, read with Debian's `ffmpeg`: for
 * checking where things landed in a render (e.g. that a rotated clip is shown upright).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { FFMPEG_PATH } from './ffprobe';

const execFileAsync = promisify(execFile);

/** An sRGB colour, 0..255 per channel. */
export interface Rgb {
  r: number;
  g: number;
  b: number;
}

/**
 * The colour at (`x`, `y`) px of the frame shown at `atSeconds` (0 for a still picture).
 * @throws Error when ffmpeg fails or the point is outside the frame
 * @example await pixelRgb('render.mp4', 3, 480, 700) // { r: 16, g: 18, b: 238 }
 */
export async function pixelRgb(
  filePath: string,
  atSeconds: number,
  x: number,
  y: number,
): Promise<Rgb> {
  return regionRgb(filePath, atSeconds, { x, y, width: 1, height: 1 });
}

/**
 * The mean colour of the `width × height` px box at (`x`, `y`) of the frame shown at `atSeconds`
 * (ffmpeg's area scaling averages it), for checking what covers a part of the frame. The frame
 * becomes RGB before the crop: a 1-px crop of 4:2:0 video would leave a chroma plane of width 0.
 * @throws Error when ffmpeg fails or the box is outside the frame
 */
export async function regionRgb(
  filePath: string,
  atSeconds: number,
  box: { x: number; y: number; width: number; height: number },
): Promise<Rgb> {
  const { stdout } = await execFileAsync(
    FFMPEG_PATH,
    [
      '-v',
      'error',
      '-ss',
      String(atSeconds),
      '-i',
      filePath,
      '-frames:v',
      '1',
      '-vf',
      `format=rgb24,crop=${box.width}:${box.height}:${box.x}:${box.y},scale=1:1:flags=area`,
      '-f',
      'rawvideo',
      '-',
    ],
    { encoding: 'buffer' },
  );
  if (stdout.length < 3)
    throw new Error(`ffmpeg read no pixels in ${JSON.stringify(box)} of ${filePath}`);
  return { r: stdout[0] ?? 0, g: stdout[1] ?? 0, b: stdout[2] ?? 0 };
}
