/**
 * @module api-error
 * The one error the SPA's API client throws: the HTTP status, the server's machine-readable
 * `code` and its plain-words `message` (shown to the visitor as is). Network failures and
 * answers that fail schema validation become an `ApiError` too, with their own codes, so
 * callers only ever handle one shape.
 */
import { errorBodySchema } from '../../shared/api-schema';

/** Status used for failures that never reached the server (offline, DNS, CORS, aborted). */
export const NETWORK_STATUS = 0;

/** An `/api` call that failed, with words a visitor can read. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  /** HTTP status; {@link NETWORK_STATUS} (0) when the request never got an answer. */
  readonly status: number;
  /** Server code (`out_of_credits`, `not_found`, …) or `network` / `bad_response` / `aborted`. */
  readonly code: string;
  /** The remote contract's number, if the server gave one, e.g. 2001 (docs/remote-api.md). */
  readonly contractCode: number | undefined;
  /** When the answer said `Retry-After` (seconds), that many ms: the server asks to send again then. */
  readonly retryAfterMs: number | undefined;

  constructor(
    status: number,
    code: string,
    message: string,
    contractCode?: number,
    retryAfterMs?: number,
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.contractCode = contractCode;
    this.retryAfterMs = retryAfterMs;
  }
}

/**
 * Builds an {@link ApiError} from a non-2xx response, using the server's
 * `{error:{code,message}}` body when it has one and a plain fallback otherwise.
 */
export async function apiErrorFromResponse(response: Response): Promise<ApiError> {
  const retryAfterMs = retryAfterOf(response);
  const raw: unknown = await response.json().catch(() => null);
  const parsed = errorBodySchema.safeParse(raw);
  if (parsed.success) {
    const { code, message, contractCode } = parsed.data.error;
    return new ApiError(response.status, code, message, contractCode, retryAfterMs);
  }
  return new ApiError(
    response.status,
    `http_${response.status}`,
    fallbackMessage(response.status),
    undefined,
    retryAfterMs,
  );
}

/** `Retry-After` in whole seconds as ms, or undefined when absent or not such a number (a date is not used). */
function retryAfterOf(response: Response): number | undefined {
  const header = response.headers.get('Retry-After')?.trim();
  return header !== undefined && /^\d{1,6}$/.test(header) ? Number(header) * 1000 : undefined;
}

/** Wraps a `fetch` rejection (offline, aborted) into an {@link ApiError}. */
export function apiErrorFromNetwork(cause: unknown): ApiError {
  if (cause instanceof DOMException && cause.name === 'AbortError') {
    return new ApiError(NETWORK_STATUS, 'aborted', 'The request was cancelled.');
  }
  return new ApiError(
    NETWORK_STATUS,
    'network',
    'Could not reach the Reelwright server. Check your connection and try again.',
  );
}

/** The error for an answer that does not match its zod schema (a server/client mismatch). */
export function badResponseError(status: number, what: string): ApiError {
  return new ApiError(
    status,
    'bad_response',
    `The server's answer to ${what} could not be read. Reload the page and try again.`,
  );
}

function fallbackMessage(status: number): string {
  if (status === 404) return 'That was not found. It may have been deleted.';
  if (status === 413) return 'That is too large to send.';
  if (status === 429) return 'Too many requests right now. Wait a moment and try again.';
  if (status >= 500) return 'The server had a problem. Try again in a moment.';
  return `The request failed (HTTP ${status}).`;
}

/**
 * True for a failure worth retrying: no answer (the server is restarting, the network dropped)
 * or a 5xx. Never a refusal (4xx) nor a cancelled request.
 */
export function isTransient(cause: unknown): boolean {
  return (
    cause instanceof ApiError &&
    cause.code !== 'aborted' &&
    (cause.status === NETWORK_STATUS || cause.status >= 500)
  );
}

/** True for a cancelled request, whether the DOMException itself or its {@link ApiError} wrapper. */
export function isAbort(cause: unknown): boolean {
  if (cause instanceof ApiError) return cause.code === 'aborted';
  return cause instanceof DOMException && cause.name === 'AbortError';
}
