/**
 * @module within-deadline
 * Bounds one step of a bench or a driven page: a step that does not settle in time fails with
 * its name and the time it was given, instead of leaving the run hanging.
 */

/** A step that did not settle within its deadline. */
export class DeadlineError extends Error {
  override readonly name = 'DeadlineError';
}

/**
 * Settles as `step` does, or rejects with a {@link DeadlineError} naming `what` after `ms`.
 * @param what the step in words, e.g. `the narrated export`
 * @param ms the step's deadline, in ms
 * @param explain called on timeout for what the run saw last (e.g. the page's status line)
 */
export async function withinDeadline<T>(
  what: string,
  ms: number,
  step: Promise<T>,
  explain: () => Promise<string> = async () => '',
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      void explain()
        .catch(() => '')
        .then((seen) =>
          reject(
            new DeadlineError(
              `${what} did not finish within ${Math.round(ms / 1000)} s${seen ? ` (${seen})` : ''}`,
            ),
          ),
        );
    }, ms);
  });
  try {
    return await Promise.race([step, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
