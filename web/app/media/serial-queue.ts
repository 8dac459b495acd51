/**
 * @module serial-queue
 * Runs async jobs one at a time, in the order they were asked for. The in-browser converter
 * (`convert-media.ts`) puts its conversions through one: it has a single ffmpeg.wasm core, and
 * conversions side by side would each need their own (a ~31 MiB download and a wasm heap of up
 * to 2 GiB each, on a machine that may have little of either).
 *
 * Why not `p-queue` (concurrency 1): its `signal` also rejects a job that is already running and
 * starts the next one at once while the first still runs (checked with p-queue 8), which would
 * put two conversions on the one core. Here a signal only drops a job that is still waiting.
 */

/** Options of {@link SerialQueue.run}. */
export interface SerialQueueRunOptions {
  /** Aborting it before the job's turn drops the job (it never runs) and rejects with the reason. */
  signal?: AbortSignal;
  /** Called at once, before `run` returns, when another job is waiting or running ahead of this one. */
  onWaiting?: () => void;
}

/**
 * One-at-a-time job runner.
 * @example
 * const queue = new SerialQueue(() => releaseCore());
 * const mp4 = await queue.run(() => convert(file), { signal, onWaiting: () => show('waiting') });
 */
export class SerialQueue {
  #tail: Promise<void> = Promise.resolve();
  #size = 0;
  readonly #onIdle: () => void;

  /** @param onIdle called each time the last job waiting or running has settled */
  constructor(onIdle: () => void = () => undefined) {
    this.#onIdle = onIdle;
  }

  /** Jobs waiting or running. */
  get size(): number {
    return this.#size;
  }

  /**
   * Runs `job` once every job asked for before it has settled (a failed job does not stop the
   * queue). While it runs, stopping it is the job's own business (it gets no signal from here).
   * @returns what `job` resolves to
   * @throws what `job` throws, or `signal.reason` when aborted before its turn (at once, not at its turn)
   */
  run<T>(job: () => Promise<T>, options: SerialQueueRunOptions = {}): Promise<T> {
    const { signal, onWaiting } = options;
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#size > 0) onWaiting?.();
    this.#size += 1;
    const turn = this.#tail;
    return new Promise<T>((resolve, reject) => {
      const dropWhileWaiting = (): void => reject(signal?.reason);
      signal?.addEventListener('abort', dropWhileWaiting, { once: true });
      this.#tail = turn
        .then(async () => {
          signal?.removeEventListener('abort', dropWhileWaiting);
          if (signal?.aborted) return; // already rejected while it waited
          try {
            resolve(await job());
          } catch (cause) {
            reject(cause);
          }
        })
        .finally(() => {
          this.#size -= 1;
          if (this.#size === 0) this.#onIdle();
        });
    });
  }
}
