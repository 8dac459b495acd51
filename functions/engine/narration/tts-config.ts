/**
 * @module tts-config
 * The neural voice's settings (README "Neural voice (optional)"): any OpenAI-compatible
 * `POST /v1/audio/speech` endpoint (OpenAI, Kokoro-FastAPI, LocalAI…) at `TTS_BASE_URL`, with
 * `TTS_MODEL`, `TTS_VOICE`, the secret `TTS_API_KEY` (sent only there, never to the browser),
 * `TTS_TIMEOUT_MS` and `TTS_CALLS_PER_VISITOR_PER_HOUR`. Unset `TTS_BASE_URL`: no neural voice,
 * the browser's offline eSpeak voice speaks. Optional `TTS_VOICES` picks the endpoint's voice for
 * the narration's gender, accent or language (what "female voice", "British voice", "voice in
 * Chinese" set, shared/narration-schema.ts), e.g. `female=nova,male=onyx,en-GB-female=bf_emma,zh=zf_xiaobei`;
 * what it does not name is said by `TTS_VOICE`.
 */
import { z } from 'zod';
import { NARRATION_VOICES, type NarrationVoice } from '../../../shared/narration-schema';

/** Most ms one phrase may take: Kokoro on a CPU says a 500-character phrase in ~10 s; OpenAI in ~3 s. */
export const DEFAULT_TTS_TIMEOUT_MS = 20_000;
/**
 * Phrases one visitor may have synthesised per hour (cache hits are free): a 60-s narrated video
 * is ~10 phrases, said at most three times each to fit (web/narration/fit-speech.ts), so 120 is
 * four fresh videos an hour — the operator pays per character.
 */
export const DEFAULT_TTS_CALLS_PER_VISITOR_PER_HOUR = 120;

/**
 * What a `TTS_VOICES` entry may name, lower case: the narration voices
 * (shared/narration-schema.ts `NARRATION_VOICES`), an accent or a language with or without a
 * gender, or a gender alone.
 */
export const TTS_VOICE_KEYS = [
  ...NARRATION_VOICES,
  'en-us',
  'en-gb',
  'en-female',
  'en-male',
  'en',
  'zh',
  'female',
  'male',
] as const;
type TtsVoiceKey = (typeof TTS_VOICE_KEYS)[number];

/** Longest voice name in `TTS_VOICES`: Kokoro's blends (`af_bella(2)+af_sky(1)`) stay well under it. */
const MAX_VOICE_NAME_CHARS = 100;

/** One `key=voice` entry of `TTS_VOICES`: a known key (any case), a name without spaces, `,` or `=`. */
const voiceEntrySchema = z
  .string()
  .transform((entry) => entry.split('=').map((part) => part.trim()))
  .pipe(
    z.tuple([
      z.string().toLowerCase().pipe(z.enum(TTS_VOICE_KEYS)),
      z
        .string()
        .min(1)
        .max(MAX_VOICE_NAME_CHARS)
        .regex(/^[^\s,=]+$/, 'a voice name has no spaces'),
    ]),
  );

/** `TTS_VOICES`: comma-separated `key=voice` entries, each key once. */
export const ttsVoicesSchema = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry !== ''),
  )
  .pipe(z.array(voiceEntrySchema))
  .refine((entries) => new Set(entries.map(([key]) => key)).size === entries.length, {
    message: 'a key is named twice',
  })
  .transform((entries): Partial<Record<TtsVoiceKey, string>> => Object.fromEntries(entries));

/** The neural voice in force. */
export interface TtsConfig {
  /** Base URL ending before `/audio/speech`, e.g. `https://api.openai.com/v1`. */
  baseUrl: string;
  model: string;
  /** The voice for what {@link TtsConfig.voices} does not name (`TTS_VOICE`). */
  voice: string;
  /** `TTS_VOICES`: the endpoint's voice by narration voice, accent, language or gender. */
  voices: Partial<Record<TtsVoiceKey, string>>;
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
  /** Voices by gender, accent or language, e.g. `female=nova,male=onyx,en-GB-female=bf_emma,zh=zf_xiaobei` (see {@link TTS_VOICE_KEYS}). */
  TTS_VOICES?: string;
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
 * @throws Error when `TTS_BASE_URL` is not an http(s) URL, `TTS_MODEL`/`TTS_VOICE` are missing, a
 *   number is not a whole number ≥ 1 or `TTS_VOICES` is malformed (a deployment mistake, answered
 *   as a 500 and logged)
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
  const voices = ttsVoicesSchema.safeParse(vars.TTS_VOICES ?? '');
  if (!voices.success)
    throw new Error(
      `TTS_VOICES must be key=voice entries separated by commas, each key one of ${TTS_VOICE_KEYS.join(', ')} (${voices.error.issues[0]?.message ?? 'unreadable'}), not "${vars.TTS_VOICES}".`,
    );
  return {
    baseUrl: url.data.replace(/\/+$/, ''),
    model,
    voice,
    voices: voices.data,
    apiKey: vars.TTS_API_KEY?.trim() ?? '',
    timeoutMs: number('TTS_TIMEOUT_MS', DEFAULT_TTS_TIMEOUT_MS),
    callsPerVisitorPerHour: number(
      'TTS_CALLS_PER_VISITOR_PER_HOUR',
      DEFAULT_TTS_CALLS_PER_VISITOR_PER_HOUR,
    ),
  };
}

/**
 * The endpoint's voice for a narration voice: the most specific `TTS_VOICES` entry — the voice
 * itself (`en-gb-female`), its accent (`en-gb`), its language with the gender (`en-female`), the
 * language (`en`), the gender (`female`) — else `TTS_VOICE`. A language outranks a gender: a
 * voice in the wrong language is worse than one of the other timbre.
 * @param narration absent: `TTS_VOICE`
 */
export function neuralVoiceFor(config: TtsConfig, narration?: NarrationVoice): string {
  if (narration === undefined) return config.voice;
  const gender = narration.endsWith('-female') ? 'female' : 'male';
  const accent = narration.slice(0, -gender.length - 1);
  const language = accent.slice(0, 2);
  const keys = [narration, accent, `${language}-${gender}`, language, gender] as TtsVoiceKey[];
  for (const key of keys) {
    const named = config.voices[key];
    if (named !== undefined) return named;
  }
  return config.voice;
}
