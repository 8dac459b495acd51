/**
 * @module media-probe-error
 * The error an upload's probe fails with. Kept apart from `probe-media.ts` so the app can
 * name it without loading mediabunny before a file is actually probed.
 */

/** A file that cannot be used: its message is shown to the visitor as is. */
export class MediaProbeError extends Error {
  override readonly name = 'MediaProbeError';
  constructor(name: string, detail: string, options?: { cause?: unknown }) {
    super(`"${name}" could not be read: ${detail}`, options);
  }
}
