/**
 * @module convert-media
 * Converts a file this browser cannot decode (AVI, MPEG-4 Part 2, …) into an MP4 it can
 * (H.264 + AAC, fast start), in the browser, with ffmpeg.wasm. The single-threaded core (no
 * SharedArrayBuffer, so no cross-origin isolation) is served by this app from `dist/assets`,
 * never a CDN. Loaded lazily, only when a probe asks for a conversion: the core is ~31 MiB.
 * Files dropped together convert one after another on one loaded core ({@link SerialQueue}),
 * not each on its own: the others wait ("waiting to convert") until it is their turn.
 *
 * The build stores the core's `.wasm` gzipped (`vite.config.ts`, `gzipFfmpegWasm`): Workers
 * static assets are at most 25 MiB each. {@link wasmBlobUrl} unpacks it here.
 */
import { FFmpeg } from '@ffmpeg/ffmpeg';
import coreUrl from '@ffmpeg/core?url';
import wasmUrl from '@ffmpeg/core/wasm?url';
import { MediaProbeError } from './media-probe-error';
import { SerialQueue } from './serial-queue';

/**
 * Largest file converted: 250 MB. The input and the output both live in the core's in-memory
 * file system inside one wasm32 heap (at most 2 GiB for this build), beside the decoder's frames;
 * larger files are refused with a plain message instead of failing out of memory halfway.
 */
export const MAX_CONVERT_BYTES = 250_000_000;

/**
 * The encoder settings asked for in issue #5: H.264 at CRF 23 ("visually fine", x264's
 * default) with the `veryfast` preset (wasm is single-threaded; slower presets take minutes),
 * 4:2:0 so every browser decodes it, even sizes (4:2:0 needs them), AAC sound when there is
 * any, and the index first (`+faststart`) so the probe and the renderer read it without seeking.
 */
const FFMPEG_OUTPUT_ARGS = [
  '-map',
  '0:v:0',
  '-map',
  '0:a:0?',
  '-vf',
  'scale=trunc(iw/2)*2:trunc(ih/2)*2',
  '-c:v',
  'libx264',
  '-preset',
  'veryfast',
  '-crf',
  '23',
  '-pix_fmt',
  'yuv420p',
  '-c:a',
  'aac',
  '-b:a',
  '160k',
  '-movflags',
  '+faststart',
] as const;

/** Names in the core's in-memory file system. */
const INPUT_PATH = 'input';
const OUTPUT_PATH = 'output.mp4';
/** The two bytes every gzip stream starts with (RFC 1952 §2.3.1). */
const GZIP_MAGIC = [0x1f, 0x8b] as const;
/** `Duration: 00:00:02.00` in ffmpeg's log of the input. */
const DURATION_LOG = /Duration:\s*(\d+):(\d+):(\d+(?:\.\d+)?)/;
/** ffmpeg's progress `time` is in microseconds. */
const US_PER_S = 1_000_000;

/**
 * How long the loaded core is kept once no conversion is waiting: 10 s. Files dropped together
 * reach the queue a few seconds apart (each is uploaded and probed first), and reloading the core
 * costs 1–2 s; after that its heap (up to 2 GiB) is given back.
 */
const CORE_IDLE_MS = 10_000;

/** The core's wasm as a same-page blob URL, unpacked once per page. */
let wasmBlobUrlPromise: Promise<string> | null = null;

/** Fetches the core's wasm from this app, gunzips it when the build stored it gzipped. */
function wasmBlobUrl(): Promise<string> {
  wasmBlobUrlPromise ??= (async () => {
    const response = await fetch(wasmUrl);
    if (!response.ok || response.body === null)
      throw new Error(`the converter could not be loaded (HTTP ${response.status})`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    const gzipped = bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1];
    const wasm = gzipped
      ? await new Response(
          new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip')),
        ).blob()
      : new Blob([bytes]);
    return URL.createObjectURL(new Blob([wasm], { type: 'application/wasm' }));
  })().catch((cause: unknown) => {
    wasmBlobUrlPromise = null;
    throw cause;
  });
  return wasmBlobUrlPromise;
}

/** `clip.avi` → `clip.mp4`. */
export function mp4Name(name: string): string {
  const dot = name.lastIndexOf('.');
  return `${dot > 0 ? name.slice(0, dot) : name || 'upload'}.mp4`;
}

/** The one loaded core, while conversions use it (see {@link CORE_IDLE_MS}). */
let core: Promise<FFmpeg> | null = null;
let idleTimer: ReturnType<typeof setTimeout> | undefined;

/** Ends the core's worker (and any command still running in it). */
function releaseCore(): void {
  const loaded = core;
  core = null;
  void loaded?.then(
    (ffmpeg) => ffmpeg.terminate(),
    () => undefined,
  );
}

/** Conversions, one at a time; the core is released {@link CORE_IDLE_MS} after the last. */
const conversions = new SerialQueue(() => {
  idleTimer = setTimeout(releaseCore, CORE_IDLE_MS);
});

/** The loaded core, loading it first when there is none. */
function loadedCore(signal: AbortSignal): Promise<FFmpeg> {
  core ??= (async () => {
    const ffmpeg = new FFmpeg();
    try {
      await ffmpeg.load({ coreURL: coreUrl, wasmURL: await wasmBlobUrl() }, { signal });
    } catch (cause) {
      ffmpeg.terminate(); // a half-loaded core's worker would stay behind
      throw cause;
    }
    return ffmpeg;
  })();
  return core;
}

/** Converts `file` on `ffmpeg` (see {@link convertToMp4}); leaves the core's file system empty. */
async function convertOnCore(
  ffmpeg: FFmpeg,
  file: File,
  signal: AbortSignal,
  onProgress: (fraction: number) => void,
): Promise<File> {
  let durationS = 0;
  const onLog = ({ message }: { message: string }): void => {
    const match = DURATION_LOG.exec(message);
    if (match !== null && durationS === 0)
      durationS = Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3]);
  };
  const onCoreProgress = ({ progress, time }: { progress: number; time: number }): void => {
    const fraction = durationS > 0 ? time / US_PER_S / durationS : progress;
    if (Number.isFinite(fraction)) onProgress(Math.min(1, Math.max(0, fraction)));
  };
  ffmpeg.on('log', onLog);
  ffmpeg.on('progress', onCoreProgress);
  try {
    await ffmpeg.writeFile(INPUT_PATH, new Uint8Array(await file.arrayBuffer()), { signal });
    const code = await ffmpeg.exec(
      ['-y', '-i', INPUT_PATH, ...FFMPEG_OUTPUT_ARGS, OUTPUT_PATH],
      undefined,
      { signal },
    );
    if (code !== 0)
      throw new MediaProbeError(
        file.name,
        'this browser cannot play it and it could not be converted (it may be damaged). Convert it to MP4 (H.264) and upload that.',
      );
    const data = await ffmpeg.readFile(OUTPUT_PATH, undefined, { signal });
    if (typeof data === 'string' || data.byteLength === 0)
      throw new MediaProbeError(file.name, 'the conversion to MP4 produced nothing.');
    await Promise.all([ffmpeg.deleteFile(INPUT_PATH), ffmpeg.deleteFile(OUTPUT_PATH)]);
    return new File([new Uint8Array(data)], mp4Name(file.name), { type: 'video/mp4' });
  } finally {
    ffmpeg.off('log', onLog);
    ffmpeg.off('progress', onCoreProgress);
  }
}

/**
 * Converts `file` to an H.264/AAC MP4 named like it (`clip.avi` → `clip.mp4`), after the
 * conversions asked for before it (one core, one file at a time).
 * @param onProgress 0..1 of the file's length encoded so far; first called (with 0) when its turn comes
 * @param onWaiting called at once when other files convert or wait before this one
 * @throws MediaProbeError with a plain message (too large, or ffmpeg could not convert it);
 *   the signal's abort reason when cancelled (while waiting: at once)
 * @example
 * const mp4 = await convertToMp4(file, controller.signal, (done) => (bar.value = done), () => (label = 'waiting'));
 */
export async function convertToMp4(
  file: File,
  signal: AbortSignal,
  onProgress: (fraction: number) => void,
  onWaiting?: () => void,
): Promise<File> {
  if (file.size > MAX_CONVERT_BYTES) {
    throw new MediaProbeError(
      file.name,
      `this browser cannot play it and it is too large to convert here (over ${MAX_CONVERT_BYTES / 1_000_000} MB). Convert it to MP4 (H.264), e.g. with HandBrake, and upload that.`,
    );
  }
  clearTimeout(idleTimer);
  return conversions.run(
    async () => {
      onProgress(0);
      try {
        const mp4 = await convertOnCore(await loadedCore(signal), file, signal, onProgress);
        onProgress(1);
        return mp4;
      } catch (cause) {
        // A cancelled or failed command may still run inside the core: the next file gets a new one.
        releaseCore();
        if (signal.aborted) throw signal.reason;
        if (cause instanceof MediaProbeError) throw cause;
        throw new MediaProbeError(
          file.name,
          'this browser cannot play it and the converter failed. Convert it to MP4 (H.264) and upload that.',
          { cause },
        );
      }
    },
    { signal, onWaiting },
  );
}
