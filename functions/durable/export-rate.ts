/**
 * @module export-rate
 * How many exports a visitor may start in a sliding window, counted from the `renders` rows of
 * their `VisitorAccount` (one per export, with its start time): `EXPORTS_PER_VISITOR_PER_HOUR`
 * always, and with the nemo engine and an operator `NEMO_TOKEN` also `NEMO_EXPORTS_PER_VISITOR`
 * per day (the operator pays the remote API for those). Checked inside the same Durable Object
 * call that freezes the credits, so parallel exports cannot slip past the count.
 */
import { z } from 'zod';
import { refused } from './durable-result';
import type { Refusal } from './durable-result';
import { readOptionalRow } from './sql-rows';

/** Window of `EXPORTS_PER_VISITOR_PER_HOUR`, ms. */
export const EXPORT_RATE_WINDOW_MS = 60 * 60_000;
/** Window of `NEMO_EXPORTS_PER_VISITOR` (remote exports per day), ms. */
export const REMOTE_EXPORT_WINDOW_MS = 24 * 60 * 60_000;

/** The limits an export is checked against. */
export const exportLimitsSchema = z.object({
  perHour: z.number().int().positive(),
  /** Remote exports per day, or null when the visitor's remote exports are not the operator's to pay. */
  remotePerDay: z.number().int().positive().nullable(),
});
export type ExportLimits = z.infer<typeof exportLimitsSchema>;

const windowRowSchema = z.object({ count: z.number().int(), oldest: z.number().int().nullable() });

/** Exports started since `sinceMs`, and the oldest of them. */
function exportsSince(sql: SqlStorage, sinceMs: number): z.infer<typeof windowRowSchema> {
  const row = readOptionalRow(
    sql.exec(
      'SELECT COUNT(*) AS count, MIN(created_at_ms) AS oldest FROM renders WHERE created_at_ms > ?',
      sinceMs,
    ),
    windowRowSchema,
    'export window',
  );
  return row ?? { count: 0, oldest: null };
}

/** Seconds until the oldest export of a window of `windowMs` leaves it. */
function retryAfterS(oldestMs: number | null, windowMs: number, atMs: number): number {
  return Math.max(1, Math.ceil(((oldestMs ?? atMs) + windowMs - atMs) / 1_000));
}

/**
 * The refusal for an export starting at `atMs` (epoch ms) when a limit is reached, else null:
 * 429 `remote_export_limit` (remote exports per day) or 429 `export_rate_limited` (per hour),
 * each with `retryAfterS`.
 */
export function exportRateRefusal(
  sql: SqlStorage,
  limits: ExportLimits,
  atMs: number,
): Refusal | null {
  if (limits.remotePerDay !== null) {
    const day = exportsSince(sql, atMs - REMOTE_EXPORT_WINDOW_MS);
    if (day.count >= limits.remotePerDay) {
      const wait = retryAfterS(day.oldest, REMOTE_EXPORT_WINDOW_MS, atMs);
      return {
        ...refused(
          429,
          'remote_export_limit',
          `You have started ${day.count} exports today, the most this site allows per visitor per day. Try again in about ${Math.ceil(wait / 3_600)} hours.`,
        ),
        retryAfterS: wait,
      };
    }
  }
  const hour = exportsSince(sql, atMs - EXPORT_RATE_WINDOW_MS);
  if (hour.count < limits.perHour) return null;
  const wait = retryAfterS(hour.oldest, EXPORT_RATE_WINDOW_MS, atMs);
  return {
    ...refused(
      429,
      'export_rate_limited',
      `You have started ${hour.count} exports in the last hour, the most one visitor may. Try again in about ${Math.ceil(wait / 60)} minutes.`,
    ),
    retryAfterS: wait,
  };
}
