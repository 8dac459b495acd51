/**
 * @module llm-config
 * Which director answers the embedded engine's turns (`DIRECTOR`: `rules`, the default and
 * offline, or `llm`) and, for `llm`, the model it calls: any OpenAI-compatible endpoint at
 * `LLM_BASE_URL` (e.g. `http://localhost:11434/v1` for Ollama) serving `LLM_MODEL`, with the
 * secret `LLM_API_KEY` (sent only to that endpoint) and a turn timeout `LLM_TIMEOUT_MS`.
 */
import { decimalInt } from '../../../shared/decimal-int';

/** The director used when `DIRECTOR` is unset or empty: the offline rules director. */
export const DEFAULT_DIRECTOR = 'rules';
/**
 * Longest a model may take for a whole turn (both tries) before the rules director answers, ms:
 * a local model on a CPU can take seconds for its first token; longer feels broken.
 */
export const DEFAULT_LLM_TIMEOUT_MS = 30_000;
/** Longest `LLM_TIMEOUT_MS`, ms: a turn must end well inside the session room's own deadline. */
const MAX_LLM_TIMEOUT_MS = 10 * 60_000;

/** The model a language-model director calls. */
export interface LlmConfig {
  /** Base URL of the OpenAI-compatible API, ending before `/chat/completions`. */
  baseUrl: string;
  model: string;
  /** Bearer key for that endpoint; absent for local servers that need none. */
  apiKey?: string;
  /** See {@link DEFAULT_LLM_TIMEOUT_MS}. */
  timeoutMs: number;
}

/** A Worker variable as text, or undefined when unset (or not a string: a binding). */
function textVar(vars: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const value = vars[name];
  return typeof value === 'string' ? value : undefined;
}

/** `DIRECTOR` / `LLM_*` cannot be used: a deployment mistake, not a visitor's. */
export class DirectorConfigError extends Error {
  override readonly name = 'DirectorConfigError';
}

/**
 * The configured director and, for `llm`, its model.
 * @throws {DirectorConfigError} for a `DIRECTOR` other than `rules`/`llm`, or `llm` without
 *   `LLM_BASE_URL` / `LLM_MODEL`, or an `LLM_TIMEOUT_MS` that is not a whole number of ms within bounds
 */
export function readDirectorConfig(
  vars: Readonly<Record<string, unknown>>,
): { director: 'rules' } | { director: 'llm'; llm: LlmConfig } {
  const director = textVar(vars, 'DIRECTOR')?.trim() || DEFAULT_DIRECTOR;
  if (director === 'rules') return { director };
  if (director !== 'llm')
    throw new DirectorConfigError(
      `DIRECTOR="${director}" is unknown: set DIRECTOR = "rules" (default) or "llm" in wrangler.toml [vars] (see README).`,
    );
  const baseUrl = textVar(vars, 'LLM_BASE_URL')?.trim();
  const model = textVar(vars, 'LLM_MODEL')?.trim();
  if (!baseUrl || !model)
    throw new DirectorConfigError(
      'DIRECTOR="llm" needs LLM_BASE_URL and LLM_MODEL (see README "Use your own model").',
    );
  const timeout = textVar(vars, 'LLM_TIMEOUT_MS')?.trim();
  const parsed = decimalInt(1, MAX_LLM_TIMEOUT_MS).safeParse(
    timeout || `${DEFAULT_LLM_TIMEOUT_MS}`,
  );
  if (!parsed.success)
    throw new DirectorConfigError(
      `LLM_TIMEOUT_MS="${timeout}" is not a whole number of ms from 1 to ${MAX_LLM_TIMEOUT_MS}.`,
    );
  const timeoutMs = parsed.data;
  const apiKey = textVar(vars, 'LLM_API_KEY')?.trim();
  return {
    director,
    llm: { baseUrl, model, timeoutMs, ...(apiKey ? { apiKey } : {}) },
  };
}
