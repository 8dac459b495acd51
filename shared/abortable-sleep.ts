/**
 * @module abortable-sleep
 * The project's one wait: the Worker (render-events polling, the remote engine's rate-limit
 * wait, the embedded director's typing pace) and the SPA (retries, reconnects, render polling)
 * all sleep through {@link abortableSleep}. A caller that wants a different outcome on abort
 * (resolve early instead of throwing) says so at its call site.
 */

/**
 * Waits `ms` milliseconds. When `signal` aborts (or already has), rejects at once with
 * `signal.reason` (a `DOMException` named `AbortError` for a plain `controller.abort()`, see
 * https://developer.mozilla.org/docs/Web/API/AbortSignal/reason) and clears the timer.
 *
 * @param ms wait, integer ms (0 or less: the next timer turn)
 * @param signal optional; without one the wait cannot be cut short
 * @returns resolves with `undefined` after `ms`
 * @throws `signal.reason` when `signal` aborts before the wait is over
 * @example await abortableSleep(1_000, controller.signal)
 */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
