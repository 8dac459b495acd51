/**
 * @module api-error
 * The one error type the HTTP edge throws on purpose. It carries the contract's error body
 * `{error:{code,message,contractCode?}}` (see `docs/http-api.md`); the error-handler
 * middleware turns it into that JSON answer.
 */
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorBody } from '../../shared/api-schema';

/** Options of {@link ApiError}. */
export interface ApiErrorOptions {
  /**
   * The remote contract's number for the same condition, e.g. 2001 for out of credits
   * (docs/remote-api.md#error-codes).
   */
  contractCode?: number;
  /** The underlying error, kept for logs only. */
  cause?: unknown;
  /** Seconds until a retry may succeed, sent as `Retry-After` (limits that refill). */
  retryAfterS?: number;
}

/**
 * A 4xx/5xx answer with a machine-readable `code` and a `message` written for people.
 *
 * @example
 * throw new ApiError(409, 'no_draft', 'There is no video yet: describe one in the chat first.');
 */
export class ApiError extends HTTPException {
  override readonly name = 'ApiError';
  readonly code: string;
  readonly contractCode: number | undefined;
  /** Seconds for the `Retry-After` header, when the refusal passes with time. */
  readonly retryAfterS: number | undefined;

  constructor(
    status: ContentfulStatusCode,
    code: string,
    message: string,
    options: ApiErrorOptions = {},
  ) {
    super(status, { message, cause: options.cause });
    this.code = code;
    this.contractCode = options.contractCode;
    this.retryAfterS = options.retryAfterS;
  }

  /** The JSON body of this error, exactly as the contract shapes it. */
  toBody(): ErrorBody {
    const error: ErrorBody['error'] = { code: this.code, message: this.message };
    if (this.contractCode !== undefined) error.contractCode = this.contractCode;
    return { error };
  }
}

/** Builds the `{error:{...}}` body without throwing (for handlers such as body-limit's `onError`). */
export function errorBody(code: string, message: string, contractCode?: number): ErrorBody {
  return contractCode === undefined
    ? { error: { code, message } }
    : { error: { code, message, contractCode } };
}
