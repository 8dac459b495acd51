/**
 * @module route-helpers
 * Small pieces every route uses: reading an id from the path (a malformed id is simply
 * "not found", so no Durable Object is created for it) and turning a Durable Object's
 * refusal into the contract's error answer.
 */
import { z } from 'zod';
import { ApiError } from '../middleware/api-error';
import type { Refusal } from '../durable/durable-result';

const idSchema = z.uuid();

/**
 * Returns `value` if it is a UUID (the only id shape we issue).
 *
 * @throws {ApiError} 404 `not_found` otherwise.
 */
export function parseId(value: string | undefined, what: 'session' | 'render'): string {
  const parsed = idSchema.safeParse(value);
  if (!parsed.success) throw new ApiError(404, 'not_found', `No such ${what} (it does not exist or belongs to another visitor).`);
  return parsed.data;
}

/**
 * Unwraps a Durable Object answer: the value, or the refusal thrown as an {@link ApiError}.
 *
 * @throws {ApiError} with the refusal's status, code, message and contractCode.
 */
export function unwrap<T>(result: { ok: true; value: T } | Refusal): T {
  if (result.ok) return result.value;
  throw new ApiError(result.status, result.code, result.message, {
    ...(result.contractCode === undefined ? {} : { contractCode: result.contractCode }),
    ...(result.retryAfterS === undefined ? {} : { retryAfterS: result.retryAfterS }),
  });
}
