/**
 * @module decimal-int
 * Strict decimal integers for every integer a route reads from a path, a query or a header
 * (part numbers, chunk indexes, `Last-Event-ID`, `?after=`, `?expires=`, `Content-Length`).
 * `Number()`, `parseInt()` and `z.coerce.number()` also take `0x10`, `1e1`, `+1`, ` 1`, `1.0`
 * and `-0`, so one value could be spelled many ways (and a signed `expires` re-spelled); here
 * only the canonical spelling is a number: digits, no sign, no leading zero, no space.
 */
import { z } from 'zod';

/** The canonical spelling: `0`, or 1 to 16 digits without a leading zero (room for any safe integer). */
export const DECIMAL_INT_PATTERN = /^(?:0|[1-9][0-9]{0,15})$/;

/**
 * A zod schema reading a string as a strict decimal integer from `min` to `max` (both at most
 * `Number.MAX_SAFE_INTEGER`).
 *
 * @example decimalInt(0, 100).safeParse('0x10').success // false
 * @example decimalInt(1, 10_000).parse('16')          // 16
 */
export function decimalInt(
  min: number,
  max: number,
): z.ZodPipe<z.ZodString, z.ZodTransform<number, string>> {
  return z
    .string()
    .regex(DECIMAL_INT_PATTERN, 'expected a whole number written in plain decimal digits')
    .transform((text, ctx) => {
      const value = Number(text);
      if (value < min || value > max || !Number.isSafeInteger(value)) {
        ctx.addIssue({ code: 'custom', message: `expected a whole number from ${min} to ${max}` });
        return z.NEVER;
      }
      return value;
    });
}
