/**
 * @module nemo-config
 * Configuration of the remote ("nemo") engine, read from the Worker's variables and secrets and
 * checked with zod: where the API is, the optional operator token, the attribution headers the
 * API requires (no export without them, docs/remote-api.md), the chat language, and the
 * timing knobs (defaults: docs/remote-api.md#limits; tests shorten them by the same variables).
 */
import { z } from 'zod';

/** The hosted API's production base URL (docs/remote-api.md#base-and-headers). */
export const DEFAULT_NEMO_API_BASE = 'https://mega-api-prod.nemovideo.ai';
/** ADK `app_name` of the agent (docs/remote-api.md#base-and-headers: paths say `nemo_agent`). */
export const NEMO_APP_NAME = 'nemo_agent';
/**
 * Wait before the one retry after a 429, ms. docs/remote-api.md: "rate limited — wait 30 s,
 * retry once".
 */
export const RATE_LIMIT_WAIT_MS = 30_000;
/** Longest one `/run_sse` stream may run, ms (docs/remote-api.md#chat-stream: up to 15 min). */
export const STREAM_MAX_MS = 15 * 60_000;
/**
 * Longest the chat stream may stay completely silent (not even a heartbeat or an empty `data:`
 * line), ms. The backend sends heartbeats while it works, so five silent minutes means it hung;
 * a third of the 15-minute cap, so a hang is reported well before the cap.
 */
export const STREAM_IDLE_TIMEOUT_MS = 5 * 60_000;
/** Shortest gap between two "still working…" statuses, ms (issue #3: "every 2 minutes"). */
export const STILL_WORKING_INTERVAL_MS = 2 * 60_000;
/**
 * Longest a plain JSON call (token, session, state, credits, export) may take, ms. These answer
 * in well under a second normally; 30 s covers a slow cold start without hanging a turn.
 */
export const JSON_CALL_TIMEOUT_MS = 30_000;
/** How often a remote render is polled, ms (docs/remote-api.md#exports: every 30 s). */
export const RENDER_POLL_MS = 30_000;
/**
 * Longest a remote render may run before it is failed and refunded, ms. docs/remote-api.md: exports
 * typically finish 30–90 s after the request; 30 minutes leaves room for long or queued ones.
 */
export const RENDER_DEADLINE_MS = 30 * 60_000;
/** Chat language sent when creating an upstream session (body `language`, docs/remote-api.md). */
export const DEFAULT_NEMO_LANGUAGE = 'en';
/** Where anonymous visitors register to keep their work (`?bind=<id>`, docs/remote-api.md). */
export const DEFAULT_NEMO_REGISTER_URL = 'https://nemovideo.ai/';

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));
const optionalMs = z
  .string()
  .optional()
  .transform((value, ctx) => {
    if (value === undefined || value.trim() === '') return undefined;
    const ms = Number(value);
    if (!Number.isSafeInteger(ms) || ms < 0) {
      ctx.addIssue({
        code: 'custom',
        message: `expected a whole number of milliseconds, got "${value}"`,
      });
      return z.NEVER;
    }
    return ms;
  });

/** The variables this module reads (all optional strings; see README "Configuration"). */
export const nemoEnvSchema = z.object({
  NEMO_API_BASE: optionalText,
  NEMO_TOKEN: optionalText,
  NEMO_SKILL_SOURCE: optionalText,
  NEMO_SKILL_VERSION: optionalText,
  NEMO_SKILL_PLATFORM: optionalText,
  NEMO_LANGUAGE: optionalText,
  NEMO_REGISTER_URL: optionalText,
  NEMO_RATE_LIMIT_WAIT_MS: optionalMs,
  NEMO_STREAM_IDLE_TIMEOUT_MS: optionalMs,
  NEMO_STILL_WORKING_MS: optionalMs,
  NEMO_RENDER_POLL_MS: optionalMs,
  NEMO_RENDER_DEADLINE_MS: optionalMs,
  NEMO_JSON_TIMEOUT_MS: optionalMs,
});

/** Timing knobs, ms. */
export interface NemoTimings {
  rateLimitWaitMs: number;
  streamMaxMs: number;
  streamIdleTimeoutMs: number;
  stillWorkingMs: number;
  jsonCallTimeoutMs: number;
  renderPollMs: number;
  renderDeadlineMs: number;
}

/** Everything the nemo engine needs to know about the upstream. */
export interface NemoConfig {
  /** Base URL without a trailing slash. */
  apiBase: string;
  /** The operator's token (secret `NEMO_TOKEN`), or null for anonymous tokens per visitor. */
  token: string | null;
  /** Attribution headers sent with every request. */
  attribution: { source: string; version: string; platform: string };
  language: string;
  registerUrl: string;
  timings: NemoTimings;
}

/** A nemo variable has a value this build cannot use: a deployment mistake. */
export class NemoConfigError extends Error {
  override readonly name = 'NemoConfigError';
}

/**
 * Reads the nemo configuration from the Worker's env (extra keys are ignored).
 *
 * @throws {NemoConfigError} when `NEMO_API_BASE` is not an http(s) URL or a `*_MS` value is not
 *   a whole number.
 */
export function readNemoConfig(env: Record<string, unknown>): NemoConfig {
  const picked = Object.fromEntries(
    Object.keys(nemoEnvSchema.shape).map((key) => [
      key,
      typeof env[key] === 'string' ? env[key] : undefined,
    ]),
  );
  const parsed = nemoEnvSchema.safeParse(picked);
  if (!parsed.success) {
    throw new NemoConfigError(
      `nemo engine configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  const v = parsed.data;
  const apiBase = (v.NEMO_API_BASE ?? DEFAULT_NEMO_API_BASE).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+/.test(apiBase))
    throw new NemoConfigError(`NEMO_API_BASE must be an http(s) URL, got "${apiBase}"`);
  return {
    apiBase,
    token: v.NEMO_TOKEN ?? null,
    attribution: {
      source: v.NEMO_SKILL_SOURCE ?? 'reelwright',
      version: v.NEMO_SKILL_VERSION ?? '0.1.0',
      platform: v.NEMO_SKILL_PLATFORM ?? 'web',
    },
    language: v.NEMO_LANGUAGE ?? DEFAULT_NEMO_LANGUAGE,
    registerUrl: v.NEMO_REGISTER_URL ?? DEFAULT_NEMO_REGISTER_URL,
    timings: {
      rateLimitWaitMs: v.NEMO_RATE_LIMIT_WAIT_MS ?? RATE_LIMIT_WAIT_MS,
      streamMaxMs: STREAM_MAX_MS,
      streamIdleTimeoutMs: v.NEMO_STREAM_IDLE_TIMEOUT_MS ?? STREAM_IDLE_TIMEOUT_MS,
      stillWorkingMs: v.NEMO_STILL_WORKING_MS ?? STILL_WORKING_INTERVAL_MS,
      jsonCallTimeoutMs: v.NEMO_JSON_TIMEOUT_MS ?? JSON_CALL_TIMEOUT_MS,
      renderPollMs: v.NEMO_RENDER_POLL_MS ?? RENDER_POLL_MS,
      renderDeadlineMs: v.NEMO_RENDER_DEADLINE_MS ?? RENDER_DEADLINE_MS,
    },
  };
}
