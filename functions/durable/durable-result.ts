/**
 * @module durable-result
 * What a Durable Object RPC method answers when the request may be refused for a reason the
 * visitor caused (not theirs, no draft, out of credits…). Refusals are values, not thrown
 * errors: an error thrown across RPC loses its fields, a value keeps the status and code.
 */

/** HTTP statuses a Durable Object may ask the edge to answer with. */
export type RefusalStatus = 400 | 402 | 403 | 404 | 409 | 413 | 429;

/** A refusal: the edge answers `status` with `{error:{code,message,contractCode?}}`. */
export interface Refusal {
  ok: false;
  status: RefusalStatus;
  code: string;
  message: string;
  contractCode?: number;
  /** Seconds until the same request may succeed (a limit that refills), sent as `Retry-After`. */
  retryAfterS?: number;
}

/** Success carrying `value`, or a {@link Refusal}. */
export type DurableResult<T> = { ok: true; value: T } | Refusal;

/** Wraps a value as a success. */
export function accepted<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

/** Builds a refusal. */
export function refused(
  status: RefusalStatus,
  code: string,
  message: string,
  contractCode?: number,
): Refusal {
  return contractCode === undefined
    ? { ok: false, status, code, message }
    : { ok: false, status, code, message, contractCode };
}

/** The refusal every lookup gives for "unknown" and "someone else's" alike (no existence leak). */
export function notFound(what: 'session' | 'render'): Refusal {
  return refused(
    404,
    'not_found',
    `No such ${what} (it does not exist or belongs to another visitor).`,
  );
}
