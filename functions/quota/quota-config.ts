/**
 * @module quota-config
 * The per-visitor and per-client limits (README "Limits and abuse"), read from the Worker's
 * `[vars]` with their defaults here. A variable that is unset or blank takes the default; one
 * that is not a whole number ≥ 1 is a deployment mistake and throws {@link QuotaConfigError}
 * (answered as a 500 and logged), so a typo never silently lifts a limit.
 */
import { z } from 'zod';
import type { Env } from '../env';

/** Visitors one client address may mint per hour: a household or office behind one NAT rarely needs more than a few. */
export const DEFAULT_NEW_VISITORS_PER_IP_PER_HOUR = 20;
/** Sessions one visitor may ever create: far above what one person uses, and each session is a Durable Object. */
export const DEFAULT_SESSIONS_PER_VISITOR = 100;
/** Uploads one visitor may hold at once (started or stored): a promo uses a handful of files. */
export const DEFAULT_UPLOADS_PER_VISITOR = 500;
/** Bytes of uploads one visitor may hold at once: 5 GB, ten of the largest allowed files (MAX_UPLOAD_BYTES, 500 MB). */
export const DEFAULT_UPLOAD_BYTES_PER_VISITOR = 5_000_000_000;
/** Exports one visitor may start per hour: a 30-s export takes ~20 s here, so 20 an hour is generous for a person. */
export const DEFAULT_EXPORTS_PER_VISITOR_PER_HOUR = 20;
/** Remote exports (nemo engine with the operator's `NEMO_TOKEN`) one visitor may start per day: the operator pays for them. */
export const DEFAULT_NEMO_EXPORTS_PER_VISITOR = 10;

/** Renders one API key may start per hour: a script's batch, while a leaked key cannot flood the edge. */
export const DEFAULT_API_RENDERS_PER_KEY_PER_HOUR = 60;

/** A limit variable is set to something other than a whole number ≥ 1. */
export class QuotaConfigError extends Error {
  override readonly name = 'QuotaConfigError';
  constructor(variable: string, value: string) {
    super(
      `${variable} must be a whole number of 1 or more, not "${value}" (see README "Limits and abuse").`,
    );
  }
}

/** The limits in force; each is a count or a number of bytes. */
export interface QuotaConfig {
  newVisitorsPerIpPerHour: number;
  sessionsPerVisitor: number;
  uploadsPerVisitor: number;
  uploadBytesPerVisitor: number;
  exportsPerVisitorPerHour: number;
  /** Remote exports per visitor per day; applies only with the nemo engine and an operator `NEMO_TOKEN`. */
  nemoExportsPerVisitorPerDay: number;
  /** Renders one API key may start per hour (`POST /api/renders`, routes/api-renders.ts). */
  apiRendersPerKeyPerHour: number;
}

const limitSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** `value` as a limit, or `fallback` when unset/blank. @throws {QuotaConfigError} */
function limit(variable: keyof Env, value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const parsed = limitSchema.safeParse(value.trim());
  if (!parsed.success) throw new QuotaConfigError(variable, value);
  return parsed.data;
}

/**
 * The limits from `env`, defaults filled in.
 *
 * @throws {QuotaConfigError} when a variable is set but not a whole number ≥ 1.
 */
export function readQuotaConfig(env: Env): QuotaConfig {
  return {
    newVisitorsPerIpPerHour: limit(
      'NEW_VISITORS_PER_IP_PER_HOUR',
      env.NEW_VISITORS_PER_IP_PER_HOUR,
      DEFAULT_NEW_VISITORS_PER_IP_PER_HOUR,
    ),
    sessionsPerVisitor: limit(
      'SESSIONS_PER_VISITOR',
      env.SESSIONS_PER_VISITOR,
      DEFAULT_SESSIONS_PER_VISITOR,
    ),
    uploadsPerVisitor: limit(
      'UPLOADS_PER_VISITOR',
      env.UPLOADS_PER_VISITOR,
      DEFAULT_UPLOADS_PER_VISITOR,
    ),
    uploadBytesPerVisitor: limit(
      'UPLOAD_BYTES_PER_VISITOR',
      env.UPLOAD_BYTES_PER_VISITOR,
      DEFAULT_UPLOAD_BYTES_PER_VISITOR,
    ),
    exportsPerVisitorPerHour: limit(
      'EXPORTS_PER_VISITOR_PER_HOUR',
      env.EXPORTS_PER_VISITOR_PER_HOUR,
      DEFAULT_EXPORTS_PER_VISITOR_PER_HOUR,
    ),
    nemoExportsPerVisitorPerDay: limit(
      'NEMO_EXPORTS_PER_VISITOR',
      env.NEMO_EXPORTS_PER_VISITOR,
      DEFAULT_NEMO_EXPORTS_PER_VISITOR,
    ),
    apiRendersPerKeyPerHour: limit(
      'API_RENDERS_PER_KEY_PER_HOUR',
      env.API_RENDERS_PER_KEY_PER_HOUR,
      DEFAULT_API_RENDERS_PER_KEY_PER_HOUR,
    ),
  };
}
