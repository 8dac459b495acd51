/**
 * @module tts-config
 * The neural voice's settings (README "Neural voice (optional)"): any OpenAI-compatible
 * `POST /v1/audio/speech` endpoint (OpenAI, Kokoro-FastAPI, LocalAI…) at `TTS_BASE_URL`, with
 * `TTS_MODEL`, `TTS_VOICE`, the secret `TTS_API_KEY` (sent only there, never to the browser),
 * `TTS_TIMEOUT_MS` and `TTS_CALLS_PER_VISITOR_PER_HOUR`. Unset `TTS_BASE_URL`: no neural voice,
 * the browser's offline eSpeak voice speaks.
 */
import { z } from 'zod';

/** Most ms one phrase may take: Kokoro on a CPU says a 500-character phrase in ~10 s; OpenAI in ~3 s. */
export const DEFAULT_TTS_TIMEOUT_MS = 20_000;
/**
 * Phrases one visitor may have synthesised per hour (cache hits are free): a 60-s narrated video
 * is ~10 phrases, said at most three times each to fit (web/narration/fit-speech.ts), so 120 is
 * four fresh videos an hour — the operator pays per character.
 */
export const DEFAULT_TTS_CALLS_PER_VISITOR_PER_HOUR = 120;

/** The neural voice in force. */
export interface TtsConfig {
  /** Base URL ending before `/audio/speech`, e.g. `https://api.openai.com/v1`. */
  baseUrl: string;
  model: string;
  voice: string;
  /** Bearer token, or '' for a local server without one. */
  apiKey: string;
  timeoutMs: number;
  callsPerVisitorPerHour: number;
}

/** The Worker variables read (part of functions/env.ts `Env`). */
export interface TtsVars {
  /** OpenAI-compatible base URL, e.g. `http://localhost:8880/v1` (Kokoro-FastAPI); unset: offline voice only. */
  TTS_BASE_URL?: string;
  /** The model at that endpoint, e.g. `kokoro` or `gpt-4o-mini-tts`. */
  TTS_MODEL?: string;
  /** The voice, e.g. `af_heart` or `alloy`. */
  TTS_VOICE?: string;
  /** Secret (`wrangler secret put TTS_API_KEY`): sent only to `TTS_BASE_URL`. */
  TTS_API_KEY?: string;
  /** Most ms one phrase may take (default {@link DEFAULT_TTS_TIMEOUT_MS}). */
  TTS_TIMEOUT_MS?: string;
  /** Phrases one visitor may have said per hour (default {@link DEFAULT_TTS_CALLS_PER_VISITOR_PER_HOUR}). */
  TTS_CALLS_PER_VISITOR_PER_HOUR?: string;
}

const count = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/**
 * The neural voice's settings, or null when `TTS_BASE_URL` is unset or blank.
 * @throws Error when `TTS_BASE_URL` is not an http(s) URL, `TTS_MODEL`/`TTS_VOICE` are missing or a
 *   number is not a whole number ≥ 1 (a deployment mistake, answered as a 500 and logged)
 */
export function readTtsConfig(vars: TtsVars): TtsConfig | null {
  const base = vars.TTS_BASE_URL?.trim() ?? '';
  if (base === '') return null;
  const url = z.url({ protocol: /^https?$/ }).safeParse(base);
  if (!url.success) throw new Error(`TTS_BASE_URL must be an http(s) URL, not "${base}".`);
  const model = vars.TTS_MODEL?.trim() ?? '';
  const voice = vars.TTS_VOICE?.trim() ?? '';
  if (model === '' || voice === '')
    throw new Error('Set TTS_MODEL and TTS_VOICE with TTS_BASE_URL.');
  const number = (name: keyof TtsVars, fallback: number): number => {
    const value = vars[name]?.trim() ?? '';
    if (value === '') return fallback;
    const parsed = count.safeParse(value);
    if (!parsed.success)
      throw new Error(`${name} must be a whole number of 1 or more, not "${value}".`);
    return parsed.data;
  };
  return {
    baseUrl: url.data.replace(/\/+$/, ''),
    model,
    voice,
    apiKey: vars.TTS_API_KEY?.trim() ?? '',
    timeoutMs: number('TTS_TIMEOUT_MS', DEFAULT_TTS_TIMEOUT_MS),
    callsPerVisitorPerHour: number(
      'TTS_CALLS_PER_VISITOR_PER_HOUR',
      DEFAULT_TTS_CALLS_PER_VISITOR_PER_HOUR,
    ),
  };
}
