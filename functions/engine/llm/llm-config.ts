/**
 * @module llm-config
 * Which director answers the embedded engine's turns (`DIRECTOR`: `rules`, the default and
 * offline, or `llm`) and, for `llm`, the model it calls, `LLM_MODEL`: at any OpenAI-compatible
 * endpoint when `LLM_BASE_URL` is set (e.g. `http://localhost:11434/v1` for Ollama; the secret
 * `LLM_API_KEY` is sent only there), else through the Workers AI binding `AI` when the Worker
 * has one (deployed; it has no local simulation). A turn times out after `LLM_TIMEOUT_MS`.
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

/**
 * The part of the Workers AI binding (`env.AI`, type `Ai` of @cloudflare/workers-types) that
 * workers-ai-provider calls for a chat model: `run(model, inputs, options)`, which resolves to
 * an SSE byte stream when `inputs.stream` is true (see workers-ai-provider's
 * src/workersai-chat-language-model.ts) and rejects with `"<code>: <message>"` errors
 * (https://developers.cloudflare.com/workers-ai/platform/errors/).
 */
export interface WorkersAiBinding {
  run(model: string, inputs: Record<string, unknown>, options?: object): Promise<unknown>;
}

/** The model a language-model director calls. */
export type LlmConfig = {
  /** The model's name at the endpoint, or a Workers AI model id (`@cf/…`). */
  model: string;
  /** See {@link DEFAULT_LLM_TIMEOUT_MS}. */
  timeoutMs: number;
} & (
  | {
      provider: 'openai-compatible';
      /** Base URL of the OpenAI-compatible API, ending before `/chat/completions`. */
      baseUrl: string;
      /** Bearer key for that endpoint; absent for local servers that need none. */
      apiKey?: string;
    }
  | { provider: 'workers-ai'; binding: WorkersAiBinding }
);

/** A Worker variable as text, or undefined when unset (or not a string: a binding). */
function textVar(vars: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const value = vars[name];
  return typeof value === 'string' ? value : undefined;
}

/** The Workers AI binding `AI` when the Worker has one (an object with `run`), else undefined. */
function workersAiBinding(vars: Readonly<Record<string, unknown>>): WorkersAiBinding | undefined {
  const value = vars.AI;
  return typeof value === 'object' &&
    value !== null &&
    typeof (value as { run?: unknown }).run === 'function'
    ? (value as WorkersAiBinding)
    : undefined;
}

/** `DIRECTOR` / `LLM_*` cannot be used: a deployment mistake, not a visitor's. */
export class DirectorConfigError extends Error {
  override readonly name = 'DirectorConfigError';
}

/**
 * The configured director and, for `llm`, its model.
 * @throws {DirectorConfigError} for a `DIRECTOR` other than `rules`/`llm`, or `llm` without
 *   `LLM_MODEL` or without both `LLM_BASE_URL` and an `AI` binding, or an `LLM_TIMEOUT_MS` that is not a whole number of ms within bounds
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
  const model = textVar(vars, 'LLM_MODEL')?.trim();
  const timeout = textVar(vars, 'LLM_TIMEOUT_MS')?.trim();
  const parsed = decimalInt(1, MAX_LLM_TIMEOUT_MS).safeParse(
    timeout || `${DEFAULT_LLM_TIMEOUT_MS}`,
  );
  if (!parsed.success)
    throw new DirectorConfigError(
      `LLM_TIMEOUT_MS="${timeout}" is not a whole number of ms from 1 to ${MAX_LLM_TIMEOUT_MS}.`,
    );
  const timeoutMs = parsed.data;
  const baseUrl = textVar(vars, 'LLM_BASE_URL')?.trim();
  const binding = workersAiBinding(vars);
  if (model && baseUrl) {
    const apiKey = textVar(vars, 'LLM_API_KEY')?.trim();
    const endpoint = { provider: 'openai-compatible' as const, baseUrl };
    return { director, llm: { ...endpoint, model, timeoutMs, ...(apiKey ? { apiKey } : {}) } };
  }
  if (model && binding !== undefined)
    return { director, llm: { provider: 'workers-ai', binding, model, timeoutMs } };
  throw new DirectorConfigError(
    'DIRECTOR="llm" needs LLM_MODEL and either LLM_BASE_URL or the Workers AI binding ([ai] binding = "AI"; see README "Use your own model").',
  );
}
