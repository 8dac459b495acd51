/**
 * @module ffmpeg-measure (e2e support)
 * Measures what a person would see and hear in a rendered file, with Debian's `ffmpeg`:
 * the brightness spread of one frame (a flat colour means nothing was drawn) and the mean
 * loudness of the audio (very low means silence).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { FFMPEG_PATH } from './ffprobe';

const execFileAsync = promisify(execFile);

/** ffmpeg prints its measurements on stderr; 16 MiB is far more than one frame's stats. */
const MAX_TOOL_OUTPUT_BYTES = 16 * 1024 * 1024;

/** Luma statistics of one frame (8-bit values, limited range is 16–235). */
export interface FrameLuma {
  min: number;
  max: number;
  average: number;
}

function metric(output: string, name: string): number {
  const match = new RegExp(`${name}=(-?[\\d.]+)`).exec(output);
  if (!match?.[1]) throw new Error(`ffmpeg printed no ${name}`);
  return Number(match[1]);
}

/**
 * Luma min/max/average of the frame shown at `atSeconds` (ffmpeg `signalstats`).
 * @throws Error when ffmpeg fails or the time is past the end
 */
export async function frameLuma(filePath: string, atSeconds: number): Promise<FrameLuma> {
  const { stdout, stderr } = await execFileAsync(
    FFMPEG_PATH,
    [
      '-hide_banner',
      '-ss',
      String(atSeconds),
      '-i',
      filePath,
      '-frames:v',
      '1',
      '-vf',
      'signalstats,metadata=mode=print:file=-',
      '-f',
      'null',
      '-',
    ],
    { maxBuffer: MAX_TOOL_OUTPUT_BYTES },
  );
  const output = stdout + stderr;
  return {
    min: metric(output, 'lavfi.signalstats.YMIN'),
    max: metric(output, 'lavfi.signalstats.YMAX'),
    average: metric(output, 'lavfi.signalstats.YAVG'),
  };
}

/**
 * Mean volume of the first audio stream in dBFS (ffmpeg `volumedetect`); digital silence is
 * −91 dB, quiet background music around −30 dB.
 * @throws Error when ffmpeg fails or the file has no audio
 */
export async function meanVolumeDb(filePath: string): Promise<number> {
  const { stderr } = await execFileAsync(
    FFMPEG_PATH,
    ['-hide_banner', '-i', filePath, '-map', '0:a:0', '-af', 'volumedetect', '-f', 'null', '-'],
    { maxBuffer: MAX_TOOL_OUTPUT_BYTES },
  );
  const match = /mean_volume:\s*(-?[\d.]+|-inf) dB/.exec(stderr);
  if (!match?.[1]) throw new Error('ffmpeg printed no mean_volume');
  return match[1] === '-inf' ? -Infinity : Number(match[1]);
}

/**
 * Writes the frame shown at `atSeconds` as a PNG (for looking at a render by eye).
 */
export async function extractFramePng(
  filePath: string,
  atSeconds: number,
  pngPath: string,
): Promise<void> {
  await execFileAsync(FFMPEG_PATH, [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-ss',
    String(atSeconds),
    '-i',
    filePath,
    '-frames:v',
    '1',
    pngPath,
  ]);
}

/** A stretch of silence, seconds from the start of the file. */
export interface Silence {
  startS: number;
  endS: number;
}

/**
 * The silences of a file's audio (ffmpeg `silencedetect`,
 * https://ffmpeg.org/ffmpeg-filters.html#silencedetect): stretches quieter than `noiseDb` for at
 * least `minSeconds`. A silence running to the end of the file ends at `durationS`.
 */
export async function silences(
  filePath: string,
  noiseDb: number,
  minSeconds: number,
  durationS: number,
): Promise<Silence[]> {
  const { stderr } = await execFileAsync(
    FFMPEG_PATH,
    [
      '-hide_banner',
      '-i',
      filePath,
      '-map',
      '0:a:0',
      '-af',
      `silencedetect=noise=${noiseDb}dB:d=${minSeconds}`,
      '-f',
      'null',
      '-',
    ],
    { maxBuffer: MAX_TOOL_OUTPUT_BYTES },
  );
  const found: Silence[] = [];
  for (const line of stderr.split('\n')) {
    const start = /silence_start: (-?[\d.]+)/.exec(line);
    if (start?.[1]) found.push({ startS: Math.max(0, Number(start[1])), endS: durationS });
    const end = /silence_end: ([\d.]+)/.exec(line);
    const last = found[found.length - 1];
    if (end?.[1] && last) last.endS = Number(end[1]);
  }
  return found;
}
