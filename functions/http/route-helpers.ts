/**
 * @module route-helpers
 * Small pieces every route uses: reading an id from the path (a malformed id is simply
 * "not found", so no Durable Object is created for it), reading an integer strictly (a 400
 * for `0x10`, `1e1`, `+1`…) and turning a Durable Object's refusal into the contract's error answer.
 */
import { z } from 'zod';
import { ApiError } from '../middleware/api-error';
import type { Refusal } from '../durable/durable-result';
import { decimalInt } from '../../shared/decimal-int';

const idSchema = z.uuid();

/**
 * Returns `value` if it is a UUID (the only id shape we issue).
 *
 * @throws {ApiError} 404 `not_found` otherwise.
 */
export function parseId(value: string | undefined, what: 'session' | 'render'): string {
  const parsed = idSchema.safeParse(value);
  if (!parsed.success)
    throw new ApiError(
      404,
      'not_found',
      `No such ${what} (it does not exist or belongs to another visitor).`,
    );
  return parsed.data;
}

/** How {@link parseDecimalInt} bounds a value and words its refusal. */
export interface DecimalIntRule {
  min: number;
  max: number;
  /** The error code of the 400, e.g. `invalid_part`. */
  code: string;
  /** The plain message of the 400, e.g. "Part numbers go from 1 to 3.". */
  message: string;
}

/** A `Content-Length` header: a byte count in plain decimal digits (400 `invalid_length` otherwise). */
export const CONTENT_LENGTH_RULE: DecimalIntRule = {
  min: 0,
  max: Number.MAX_SAFE_INTEGER,
  code: 'invalid_length',
  message: 'Content-Length is not a byte count in plain decimal digits.',
};

/**
 * Reads `value` (from a path, query or header) as a strict decimal integer from `rule.min` to
 * `rule.max` (shared/decimal-int.ts): digits only, no sign, exponent, hex, space or leading zero.
 *
 * @throws {ApiError} 400 `rule.code` with `rule.message` for anything else (also when absent).
 */
export function parseDecimalInt(value: string | undefined, rule: DecimalIntRule): number {
  const parsed = decimalInt(rule.min, rule.max).safeParse(value);
  if (!parsed.success) throw new ApiError(400, rule.code, rule.message);
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
