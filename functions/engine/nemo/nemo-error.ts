/**
 * @module nemo-error
 * The remote API's error codes (docs/remote-api.md) as one named error, and the plain message
 * the visitor reads for each. Raw upstream text never reaches the visitor: only these messages.
 */

/** Accepted upload types (docs/remote-api.md#uploads), listed for the 4001 message. */
export const ACCEPTED_UPLOAD_TYPES = [
  'mp4',
  'mov',
  'avi',
  'webm',
  'mkv',
  'jpg',
  'png',
  'gif',
  'webp',
  'mp3',
  'wav',
  'm4a',
  'aac',
] as const;
/** Largest upload, bytes (docs/remote-api.md#uploads: at most 500 MB). */
export const MAX_UPLOAD_BYTES = 500 * 1024 * 1024;

/** Contract codes with a behaviour of their own. */
export const UpstreamCode = {
  ok: 0,
  tokenInvalid: 1001,
  sessionNotFound: 1002,
  outOfCredits: 2001,
  unsupportedFile: 4001,
  fileTooLarge: 4002,
  missingClientId: 400,
  planBlocksExport: 402,
  rateLimited: 429,
} as const;

/** What the API answered with a non-zero code or an HTTP error (or why it could not be reached). */
export class UpstreamError extends Error {
  override readonly name = 'UpstreamError';
  /**
   * @param code the contract code (1001, 1002, 2001, 4001, 4002, 400, 402, 429), or the HTTP
   *   status when the answer had no code, or 0 for a network failure/timeout (`kind` says which).
   * @param status the HTTP status (0 when there was no answer).
   * @param kind `api` (an answer), `timeout` or `network` (no usable answer).
   */
  constructor(
    readonly code: number,
    readonly status: number,
    readonly kind: 'api' | 'timeout' | 'network' = 'api',
    message = `the video service answered code ${code} (HTTP ${status})`,
  ) {
    super(message);
  }
}

/** What the visitor is told, and the machine code of our `error` event. */
export interface PlainError {
  code: string;
  message: string;
}

/** Context that changes a message: whether the token is the visitor's anonymous one. */
export interface PlainErrorContext {
  anonymous: boolean;
  /** Registration link for anonymous visitors (`…?bind=<client id>`), when known. */
  registerLink: string | null;
}

/**
 * The plain message for an upstream failure (docs/remote-api.md#error-codes, "the edge" column).
 *
 * @example plainUpstreamError(new UpstreamError(402, 402), ctx).message
 *   // "Exporting is blocked on the video service's free plan. This is the plan, not your credits…"
 */
export function plainUpstreamError(error: UpstreamError, context: PlainErrorContext): PlainError {
  if (error.kind === 'timeout') {
    return {
      code: 'upstream_timeout',
      message:
        'The video service did not answer in time. Your draft is as shown; please try again in a minute.',
    };
  }
  if (error.kind === 'network') {
    return {
      code: 'upstream_unreachable',
      message:
        'The video service could not be reached. Your draft is as shown; please try again in a minute.',
    };
  }
  switch (error.code) {
    case UpstreamCode.outOfCredits:
      return {
        code: 'out_of_credits',
        message: context.anonymous
          ? `The free credits of the video service are used up. Register to keep going${context.registerLink === null ? '' : `: ${context.registerLink}`}`
          : 'The video service account of this site is out of credits; the site operator needs to top it up.',
      };
    case UpstreamCode.unsupportedFile:
      return {
        code: 'unsupported_file',
        message: `That file type is not supported. Accepted: ${ACCEPTED_UPLOAD_TYPES.join(', ')}.`,
      };
    case UpstreamCode.fileTooLarge:
      return {
        code: 'file_too_large',
        message: `That file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB. Compress it or trim it, then upload it again.`,
      };
    case UpstreamCode.planBlocksExport:
      return {
        code: 'plan_blocks_export',
        message:
          "Exporting is blocked on the video service's free plan. This is the plan, not your credits: an upgraded plan can export.",
      };
    case UpstreamCode.rateLimited:
      return {
        code: 'rate_limited',
        message:
          'The video service is busy right now (rate limited). Please wait a minute and try again.',
      };
    case UpstreamCode.tokenInvalid:
      return {
        code: 'upstream_auth',
        message:
          'The video service did not accept this site’s access token. Please try again later.',
      };
    case UpstreamCode.sessionNotFound:
      return {
        code: 'upstream_session_lost',
        message:
          'The video service lost this conversation twice in a row. Please send your message again.',
      };
    case UpstreamCode.missingClientId:
      return {
        code: 'upstream_rejected',
        message: 'The video service refused the request. Please try again.',
      };
    default:
      return {
        code: 'upstream_failed',
        message:
          'The video service hit a problem and stopped. Your draft is as shown; please try again.',
      };
  }
}
