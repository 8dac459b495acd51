/**
 * @module retry-when-busy
 * Sends a request again while the server answers `503` with `Retry-After` (it is busy: the
 * edge's turn gate, or the local runtime dropping a request), waiting what it asks plus a
 * little jitter so waiting visitors do not all come back at once. Only requests that are safe to
 * send twice go through here: a chat message carries its `clientMessageId`, so a re-sent one is
 * answered with its turn, never run twice.
 */
import { ApiError } from '../api-error';
import { retryWithBackoff } from './retry-with-backoff';

/**
 * Most sends of one request (the first and the retries): with the edge's 2-s `Retry-After` plus
 * jitter, about two and a half minutes of a busy server (800 visitors at once took ~2 min to
 * serve on a 2-core machine: `npm run bench -- load`).
 */
export const MAX_BUSY_TRIES = 60;
/** Shortest wait before a retry, ms: the local runtime says `Retry-After: 0`; do not hammer it. */
export const MIN_BUSY_WAIT_MS = 250;
/** Jitter added to each wait, as a share of it: spreads the retries of many visitors. */
const BUSY_WAIT_JITTER = 0.5;

/** True for an answer that asks to be sent again later: 503 with `Retry-After`. */
export function isBusy(cause: unknown): cause is ApiError {
  return cause instanceof ApiError && cause.status === 503 && cause.retryAfterMs !== undefined;
}

/**
 * Runs `send` and runs it again, up to {@link MAX_BUSY_TRIES} times in all, while it rejects
 * with a busy answer ({@link isBusy}), waiting its `Retry-After` (at least {@link MIN_BUSY_WAIT_MS})
 * plus jitter between tries (the app's one retry loop, net/retry-with-backoff.ts).
 *
 * @throws {ApiError} the last busy answer when every try was busy, and any other error of
 *   `send` at once; an `AbortError` `DOMException` when `signal` aborts during a wait.
 */
export function retryWhenBusy<T>(
  send: () => Promise<T>,
  signal?: AbortSignal,
  random: () => number = Math.random,
): Promise<T> {
  return retryWithBackoff(() => send(), {
    tries: MAX_BUSY_TRIES,
    firstDelayMs: MIN_BUSY_WAIT_MS,
    ...(signal ? { signal } : {}),
    shouldRetry: isBusy,
    delayFor: (error) =>
      Math.max(MIN_BUSY_WAIT_MS, isBusy(error) ? (error.retryAfterMs ?? 0) : 0) *
      (1 + BUSY_WAIT_JITTER * random()),
  });
}
