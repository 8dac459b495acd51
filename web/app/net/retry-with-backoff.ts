/**
 * @module retry-with-backoff
 * The SPA's one retry loop: run a request, and on a failure worth retrying wait (doubling the
 * wait up to a ceiling) and run it again, until it succeeds, the tries run out, or the signal
 * aborts. The wait is abortable and REJECTS on abort (never leaves the caller pending), which
 * is what a Cancel pressed during a retry needs. (p-retry does the same; one small module here
 * avoids a dependency for ~40 lines.)
 */
import { abortableSleep } from '../../../shared/abortable-sleep';

/** How a call is retried. */
export interface RetryOptions {
  /** Tries in all (≥ 1); `Infinity` retries until `deadlineMs` or the signal stops it. */
  tries: number;
  /** Wait before the second try, ms; doubled after each failed try. */
  firstDelayMs: number;
  /** Longest single wait, ms (default: no ceiling). */
  maxDelayMs?: number;
  /** Give up (throw the last failure) once this much time has passed since the first try, ms. */
  deadlineMs?: number;
  /** Stops the loop: a wait under way rejects at once with an `AbortError` `DOMException`. */
  signal?: AbortSignal;
  /** Whether `error` is worth another try (a refusal is not; a dropped connection is). */
  shouldRetry: (error: unknown) => boolean;
  /**
   * The wait after `error`, ms, given the doubling one (`backoffMs`); default: `backoffMs`. A
   * server's `Retry-After` sets it this way (retry-when-busy.ts).
   */
  delayFor?: (error: unknown, backoffMs: number) => number;
  /** Called before each wait with the failure, the try that failed (1-based) and the wait, ms. */
  onRetry?: (error: unknown, failedTry: number, delayMs: number) => void;
  /** Clock, ms (tests). */
  now?: () => number;
}

/** The rejection of an aborted wait: a `DOMException` named `AbortError` (what `fetch` throws too). */
export function abortError(signal?: AbortSignal): DOMException {
  const reason: unknown = signal?.reason;
  return reason instanceof DOMException && reason.name === 'AbortError'
    ? reason
    : new DOMException('Stopped', 'AbortError');
}

/**
 * Runs `run(try)` (1-based) until it resolves; retries failures that `shouldRetry` accepts
 * after `firstDelayMs`, `2 × firstDelayMs`, … (at most `maxDelayMs` each).
 *
 * @returns what `run` resolved with
 * @throws the last failure when it is not retryable, the tries or the deadline ran out; an
 *   `AbortError` when `signal` aborts (before a try or during a wait)
 * @example await retryWithBackoff(() => api.getRender(id), { tries: 3, firstDelayMs: 500, shouldRetry: isTransient })
 */
export async function retryWithBackoff<T>(
  run: (attempt: number) => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  const {
    tries,
    firstDelayMs,
    maxDelayMs = Infinity,
    deadlineMs = Infinity,
    signal,
    shouldRetry,
    delayFor,
    onRetry,
    now = Date.now,
  } = options;
  const startedAt = now();
  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw abortError(signal);
    try {
      return await run(attempt);
    } catch (error) {
      if (signal?.aborted) throw abortError(signal);
      const backoffMs = Math.min(maxDelayMs, firstDelayMs * 2 ** (attempt - 1));
      const delayMs = delayFor === undefined ? backoffMs : delayFor(error, backoffMs);
      if (attempt >= tries || !shouldRetry(error) || now() - startedAt + delayMs > deadlineMs)
        throw error;
      onRetry?.(error, attempt, delayMs);
      await abortableSleep(delayMs, signal);
    }
  }
}
