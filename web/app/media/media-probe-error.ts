/**
 * @module media-probe-error
 * The error an upload's probe fails with. Kept apart from `probe-media.ts` so the app can
 * name it without loading mediabunny before a file is actually probed.
 */

/** A file that cannot be used: its message is shown to the visitor as is. */
export class MediaProbeError extends Error {
  override readonly name: string = 'MediaProbeError';
  constructor(name: string, detail: string, options?: { cause?: unknown }) {
    super(`"${name}" could not be read: ${detail}`, options);
  }
}

/** A file this browser cannot decode as it is (AVI, MPEG-4 Part 2, …): it is converted to MP4 first. */
export class MediaNeedsConversionError extends MediaProbeError {
  override readonly name = 'MediaNeedsConversionError';
}
