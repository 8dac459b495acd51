/**
 * @module retry-while-unreachable
 * How a render's uploads ride out a server blip (a deploy restarts the edge, a phone drops its
 * connection): retry while there is no answer or a 5xx, waiting longer each time up to
 * {@link RECONNECT_MAX_DELAY_MS}, for up to {@link RECONNECT_GIVE_UP_MS}; a refusal (4xx) is
 * not retried. The caller is told when it starts and stops reconnecting (the export panel
 * shows "reconnecting…").
 */
import { isTransient } from '../api-error';
import { retryWithBackoff } from './retry-with-backoff';

/** First wait before trying again, ms (doubled each time): a restarting Worker is back in ~1 s. */
export const RECONNECT_FIRST_DELAY_MS = 500;
/** Longest wait between tries, ms: once back, the edge is noticed within 5 s. */
export const RECONNECT_MAX_DELAY_MS = 5_000;
/**
 * Give up after this long without an answer, ms: 2 minutes covers a deploy or a train tunnel;
 * past it the visitor is told, and Export resumes the job later (its chunks are kept).
 */
export const RECONNECT_GIVE_UP_MS = 120_000;

/**
 * Runs `send` until it succeeds, retrying while the edge cannot be reached (see the module).
 * @param onReconnecting `true` before the first wait, `false` once a retry got through
 * @throws the last failure (a refusal, or no answer for {@link RECONNECT_GIVE_UP_MS}); an
 *   `AbortError` when `signal` aborts
 */
export async function retryWhileUnreachable<T>(
  send: () => Promise<T>,
  signal: AbortSignal | undefined,
  onReconnecting?: (reconnecting: boolean) => void,
): Promise<T> {
  let reconnecting = false;
  try {
    return await retryWithBackoff(send, {
      tries: Infinity,
      firstDelayMs: RECONNECT_FIRST_DELAY_MS,
      maxDelayMs: RECONNECT_MAX_DELAY_MS,
      deadlineMs: RECONNECT_GIVE_UP_MS,
      signal,
      shouldRetry: isTransient,
      onRetry: () => {
        if (!reconnecting) onReconnecting?.(true);
        reconnecting = true;
      },
    });
  } finally {
    if (reconnecting) onReconnecting?.(false);
  }
}
