/**
 * @module render-errors
 * The errors the renderer throws, with plain messages a visitor can read ("This browser cannot
 * encode H.264 …") and a stable `code` the UI can map to an action. Both the main thread and the
 * encode worker use them; the worker sends `{code, message}` and the main thread rebuilds the
 * same class with {@link renderErrorFromCode}.
 */

/** Why a render failed; stable strings, safe to show in logs and to switch on in the UI. */
export const RENDER_ERROR_CODES = [
  /** The draft failed `draftSchema` (should not happen: drafts are validated at the edge). */
  'invalid-draft',
  /** No WebCodecs `VideoEncoder`, no `OffscreenCanvas`, or H.264 at this size is refused. */
  'unsupported-video',
  /** No way to encode AAC (neither WebCodecs nor the WebAssembly fallback). */
  'unsupported-audio',
  /** No `OfflineAudioContext` on the main thread, or mixing failed. */
  'audio-mix-failed',
  /** A font file could not be fetched or decoded. */
  'font-load-failed',
  /** The encoder or muxer failed part-way. */
  'encode-failed',
  /** An uploaded clip, photo or sound could not be downloaded or decoded. */
  'media-failed',
  /** The caller aborted through its `AbortSignal`. */
  'aborted',
] as const;

/** One of {@link RENDER_ERROR_CODES}. */
export type RenderErrorCode = (typeof RENDER_ERROR_CODES)[number];

/**
 * Any failure of the renderer. `message` is a plain sentence for people; `code` is for code.
 * @example
 * throw new RenderError('unsupported-video', 'This browser cannot encode H.264 (WebCodecs VideoEncoder missing)');
 */
export class RenderError extends Error {
  override name = 'RenderError';
  readonly code: RenderErrorCode;

  constructor(code: RenderErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** The render was stopped by the caller's `AbortSignal`; not a failure to report to the visitor. */
export class RenderAbortedError extends RenderError {
  override name = 'RenderAbortedError';

  constructor(options?: { cause?: unknown }) {
    super('aborted', 'The render was cancelled.', options);
  }
}

/**
 * Rebuilds the right error class from a `{code, message}` pair sent across `postMessage`.
 * @param code one of {@link RENDER_ERROR_CODES}
 * @param message the worker's plain message, kept as is
 */
export function renderErrorFromCode(code: RenderErrorCode, message: string): RenderError {
  return code === 'aborted' ? new RenderAbortedError() : new RenderError(code, message);
}

/**
 * Wraps anything thrown into a {@link RenderError}, keeping an existing one untouched.
 * @param fallbackCode the code to use for errors that are not already render errors
 * @param context a short plain prefix, e.g. "Encoding failed"
 */
export function toRenderError(
  error: unknown,
  fallbackCode: RenderErrorCode,
  context: string,
): RenderError {
  if (error instanceof RenderError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new RenderError(fallbackCode, `${context}: ${detail}`, { cause: error });
}
