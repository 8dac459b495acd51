/**
 * @module ffprobe (e2e support)
 * Inspects media files the way a player would: `probeMedia` runs Debian's `ffprobe` and returns
 * its JSON (streams and format), `boxOrder` lists an MP4's top-level boxes so a test can check
 * fast start (`moov` before `mdat`).
 */
import { execFile } from 'node:child_process';
import { open } from 'node:fs/promises';
import { promisify } from 'node:util';
import { z } from 'zod';

const execFileAsync = promisify(execFile);

/** Where Debian's `ffmpeg` package installs the tools. */
export const FFPROBE_PATH = '/usr/bin/ffprobe';
export const FFMPEG_PATH = '/usr/bin/ffmpeg';

/** ffprobe JSON can be large for long files (one entry per stream, not per packet): 64 MiB is ample. */
const MAX_TOOL_OUTPUT_BYTES = 64 * 1024 * 1024;

const numeric = z.union([z.number(), z.string()]).transform(Number);

/** The ffprobe stream fields tests look at; everything else ffprobe prints is kept as is. */
export const probeStreamSchema = z.looseObject({
  index: z.number(),
  codec_type: z.string(),
  codec_name: z.string().optional(),
  profile: z.string().optional(),
  level: z.number().optional(),
  width: z.number().optional(),
  height: z.number().optional(),
  pix_fmt: z.string().optional(),
  color_range: z.string().optional(),
  color_space: z.string().optional(),
  color_transfer: z.string().optional(),
  color_primaries: z.string().optional(),
  /** e.g. `30/1`. */
  r_frame_rate: z.string().optional(),
  avg_frame_rate: z.string().optional(),
  sample_rate: numeric.optional(),
  channels: z.number().optional(),
  bit_rate: numeric.optional(),
  duration: numeric.optional(),
  nb_frames: numeric.optional(),
  /** Only with `countFrames: true`. */
  nb_read_frames: numeric.optional(),
});

export const probeResultSchema = z.object({
  streams: z.array(probeStreamSchema),
  format: z.looseObject({
    format_name: z.string(),
    duration: numeric,
    size: numeric,
    bit_rate: numeric.optional(),
  }),
});

export type ProbeStream = z.infer<typeof probeStreamSchema>;
export type ProbeResult = z.infer<typeof probeResultSchema>;

/**
 * Runs `ffprobe -show_format -show_streams` on a file.
 * @param filePath the media file
 * @param options `countFrames` decodes the whole file to count video frames (`nb_read_frames`)
 * @returns the parsed JSON; numeric strings (duration, bit_rate…) are numbers
 * @throws Error when ffprobe fails (missing file, not media) or prints unexpected JSON
 */
export async function probeMedia(
  filePath: string,
  options: { countFrames?: boolean } = {},
): Promise<ProbeResult> {
  const args = ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams'];
  if (options.countFrames) args.push('-count_frames');
  const { stdout } = await execFileAsync(FFPROBE_PATH, [...args, filePath], {
    maxBuffer: MAX_TOOL_OUTPUT_BYTES,
  });
  return probeResultSchema.parse(JSON.parse(stdout));
}

/** Frames per second from an ffprobe rate like `30/1` or `30000/1001`. */
export function parseFrameRate(rate: string | undefined): number {
  const [numerator, denominator] = (rate ?? '0/1').split('/').map(Number);
  return numerator !== undefined && denominator ? numerator / denominator : 0;
}

/**
 * The types of an ISO-BMFF (MP4/MOV) file's top-level boxes in file order, e.g.
 * `['ftyp', 'moov', 'mdat']` for a fast-start file.
 * @throws Error when a box header is truncated or its size is impossible
 */
export async function boxOrder(filePath: string): Promise<string[]> {
  const file = await open(filePath, 'r');
  try {
    const { size: fileSize } = await file.stat();
    const header = Buffer.alloc(16);
    const types: string[] = [];
    let offset = 0;
    while (offset < fileSize) {
      const { bytesRead } = await file.read(header, 0, 16, offset);
      if (bytesRead < 8) throw new Error(`truncated box header at byte ${offset}`);
      let size = header.readUInt32BE(0);
      const type = header.toString('latin1', 4, 8);
      if (size === 1) {
        if (bytesRead < 16) throw new Error(`truncated 64-bit box size at byte ${offset}`);
        size = Number(header.readBigUInt64BE(8));
      } else if (size === 0) {
        size = fileSize - offset; // the box runs to the end of the file
      }
      if (size < 8) throw new Error(`impossible box size ${size} for '${type}' at byte ${offset}`);
      types.push(type);
      offset += size;
    }
    return types;
  } finally {
    await file.close();
  }
}

/** True when the `moov` box comes before the first `mdat` box (the file can play while downloading). */
export async function isFastStart(filePath: string): Promise<boolean> {
  const boxes = await boxOrder(filePath);
  const moov = boxes.indexOf('moov');
  const mdat = boxes.indexOf('mdat');
  return moov !== -1 && mdat !== -1 && moov < mdat;
}

/** One cue of an MP4's WebVTT track: its text and when it shows, ms. */
export interface WvttCue {
  startMs: number;
  endMs: number;
  text: string;
}

const packetsSchema = z.object({
  packets: z.array(
    z.looseObject({
      pts_time: numeric,
      duration_time: numeric,
      data: z.string(),
    }),
  ),
});

/** The `payl` texts of a `wvtt` sample: one per `vttc` box (ISO/IEC 14496-30 §7.4); none in a `vtte`. */
function wvttPayloads(bytes: Buffer): string[] {
  const texts: string[] = [];
  const walk = (from: number, to: number): void => {
    for (let at = from; at + 8 <= to; ) {
      const size = bytes.readUInt32BE(at);
      const type = bytes.toString('latin1', at + 4, at + 8);
      if (size < 8) throw new Error(`impossible wvtt box size ${size} at byte ${at}`);
      if (type === 'vttc') walk(at + 8, at + size);
      if (type === 'payl') texts.push(bytes.toString('utf8', at + 8, at + size));
      at += size;
    }
  };
  walk(0, bytes.length);
  return texts;
}

/**
 * The cues of a file's first WebVTT-in-MP4 (`wvtt`) track, from its samples as ffprobe reads them
 * (`-show_packets -show_data`): Debian's ffmpeg 5.1 lists the track (codec tag `wvtt`) but cannot
 * decode it, so the sample boxes are read here. A cue that spans several samples is one cue.
 * @param streamIndex the track's stream index
 * @throws Error when ffprobe fails or a sample is malformed
 */
export async function wvttCues(filePath: string, streamIndex: number): Promise<WvttCue[]> {
  const { stdout } = await execFileAsync(
    FFPROBE_PATH,
    ['-v', 'error', '-select_streams', String(streamIndex), '-show_packets', '-show_data'].concat([
      '-of',
      'json',
      filePath,
    ]),
    { maxBuffer: MAX_TOOL_OUTPUT_BYTES },
  );
  const cues: WvttCue[] = [];
  for (const packet of packetsSchema.parse(JSON.parse(stdout)).packets) {
    const hex = [...packet.data.matchAll(/^[0-9a-f]{8}: (.*?) {2}/gm)]
      .map((line) => (line[1] ?? '').replace(/ /g, ''))
      .join('');
    const startMs = Math.round(packet.pts_time * 1000);
    const endMs = Math.round((packet.pts_time + packet.duration_time) * 1000);
    for (const text of wvttPayloads(Buffer.from(hex, 'hex'))) {
      const last = cues.at(-1);
      if (last && last.text === text && last.endMs === startMs) last.endMs = endMs;
      else cues.push({ startMs, endMs, text });
    }
  }
  return cues;
}

const ptsFlagsSchema = z.object({
  packets: z.array(z.object({ pts: z.number().int(), flags: z.string() })),
});

/** The first video stream's packets of `filePath`: presentation time (stream ticks) and flags (`K` on a keyframe). */
export async function videoPackets(filePath: string): Promise<{ pts: number; flags: string }[]> {
  const { stdout } = await execFileAsync(
    FFPROBE_PATH,
    [
      '-v',
      'error',
      '-select_streams',
      'v:0',
      '-show_entries',
      'packet=pts,flags',
      '-of',
      'json',
      filePath,
    ],
    { maxBuffer: MAX_TOOL_OUTPUT_BYTES },
  );
  return ptsFlagsSchema.parse(JSON.parse(stdout)).packets;
}
