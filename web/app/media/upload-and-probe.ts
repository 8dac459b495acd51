/**
 * @module upload-and-probe
 * One file's way into the media bin: upload it, probe it in this browser, and store what the
 * probe found. A file the browser cannot decode as it is (AVI, MPEG-4 Part 2…) is removed from
 * the edge again, converted to MP4 here and the MP4 uploaded and probed in its place; a file
 * that cannot be used is removed and the error says why. Loaded lazily by the media model on
 * the first upload, so none of this (nor mediabunny, nor ffmpeg.wasm) is in the initial JS.
 */
import type { MediaInfoBody, MediaItem } from '../../../shared/media-schema';
import { MediaNeedsConversionError, MediaProbeError } from './media-probe-error';
import { uploadFile } from './resumable-upload';
import { deleteMedia, describeMedia } from './upload-client';

/**
 * Where the file is: its state and 0..1 of that state's work (bytes stored, length converted).
 * `waiting`: it needs converting and other files convert first.
 */
export interface UploadStep {
  state: 'uploading' | 'probing' | 'waiting' | 'converting';
  progress: number;
}

/**
 * Uploads, probes (converting first when needed) and describes `file`.
 * @param onStep every change of state or progress, for the file's progress bar
 * @param onStarted called once the edge has started the (first) upload, before any part is sent
 * @returns the `ready` item (named `…mp4` when it was converted)
 * @throws ApiError (upload refused or dropped), MediaProbeError (cannot be used, with a plain
 *   message), or the abort reason when `signal` aborts
 */
export async function uploadAndProbe(
  sessionId: string,
  file: File,
  signal: AbortSignal,
  onStep: (step: UploadStep) => void,
  onStarted: () => void,
): Promise<MediaItem> {
  let upload = file;
  for (;;) {
    onStep({ state: 'uploading', progress: 0 });
    const stored = await uploadFile(
      sessionId,
      upload,
      signal,
      (sent, total) => onStep({ state: 'uploading', progress: total > 0 ? sent / total : 1 }),
      onStarted,
    );
    onStep({ state: 'probing', progress: 1 });
    if (stored.format === null)
      throw new MediaProbeError(upload.name, 'its type could not be recognised.');
    let described: MediaInfoBody | null = null;
    try {
      const { probeMedia } = await import('./probe-media'); // mediabunny loads on first upload
      described = await probeMedia(upload, stored.format);
    } catch (cause) {
      await deleteMedia(sessionId, stored.id);
      if (!(cause instanceof MediaNeedsConversionError) || upload !== file) throw cause;
    }
    if (described !== null) return describeMedia(sessionId, stored.id, described);
    const { convertToMp4 } = await import('./convert-media'); // ffmpeg.wasm loads only for such a file
    upload = await convertToMp4(
      file,
      signal,
      (progress) => onStep({ state: 'converting', progress }),
      () => onStep({ state: 'waiting', progress: 0 }),
    );
  }
}
