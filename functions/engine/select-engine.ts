/**
 * @module select-engine
 * Picks the {@link Engine} named by the `ENGINE` variable in `wrangler.toml`.
 * `embedded` (default, offline) or `nemo` (the remote API adapter in `nemo/`). The embedded
 * engine's turns are directed by rules, or by a language model with `DIRECTOR=llm` (`llm/`).
 */
import type { BrandKitStore, Engine } from './engine';
import { EmbeddedEngine } from './embedded/embedded-engine';
import { NemoEngine } from './nemo/nemo-engine';
import { nemoEngineDeps } from './nemo/nemo-engine-deps';
import type { NemoPorts } from './nemo/nemo-engine-deps';
import { readDirectorConfig } from './llm/llm-config';
import type { LlmConfig } from './llm/llm-config';

/**
 * What an engine with per-visitor upstream state (nemo) needs for a chat turn: the Worker's
 * variables and the ports the session room implements (the engine never reaches a Durable
 * Object itself). The export route passes none (it only reads `renderer`).
 */
export interface EngineContext extends NemoPorts {
  /** The Worker's variables (`NEMO_*`, functions/engine/nemo/nemo-config.ts). */
  vars: Record<string, unknown>;
  /** The visitor's brand kit (the embedded director applies it to new videos and edits it). */
  brandKit?: BrandKitStore;
}

/** The language-model director's module, imported once per isolate (see {@link lazyLlmDirector}). */
let llmDirectorModule: Promise<typeof import('./llm/llm-director')> | undefined;

/**
 * The language-model director, loaded when first chosen: the AI SDK is large, and loading it
 * with the Worker would slow every start of a deployment that directs by rules. The import
 * starts here, not on the first `chat`, so it overlaps the session room's storage reads.
 */
function lazyLlmDirector(config: LlmConfig, brandKits: BrandKitStore | undefined): Engine {
  llmDirectorModule ??= import('./llm/llm-director').catch((error: unknown) => {
    llmDirectorModule = undefined; // the next turn tries again
    throw error;
  });
  const loading = llmDirectorModule;
  // A failed import surfaces in `chat`; until then it must not count as an unhandled rejection.
  loading.catch(() => undefined);
  return {
    name: 'embedded',
    renderer: 'browser',
    checksMedia: true,
    async *chat(input) {
      const { LlmDirector } = await loading;
      yield* new LlmDirector(config, undefined, brandKits).chat(input);
    },
  };
}

/** The engine used when `ENGINE` is unset or empty. */
export const DEFAULT_ENGINE = 'embedded';

/** `ENGINE` names something this build cannot run: a deployment mistake, not a visitor's. */
export class EngineConfigError extends Error {
  override readonly name = 'EngineConfigError';
  constructor(value: string) {
    super(
      `ENGINE="${value}" is not available in this build: set ENGINE = "embedded" in wrangler.toml [vars] ` +
        `or ENGINE = "nemo" for the remote API (see README).`,
    );
  }
}

/**
 * Returns a fresh engine for the configured name.
 *
 * @param name the `ENGINE` variable; `undefined`/empty means {@link DEFAULT_ENGINE}.
 * @param context the Worker's variables and the session room's ports (needed by `nemo` to chat;
 *   not for `renderer`).
 * @throws {EngineConfigError} for any other value than `embedded` or `nemo`.
 * @throws {DirectorConfigError} for `embedded` with a context whose `DIRECTOR`/`LLM_*` are unusable.
 * @throws {NemoConfigError} for `nemo` with a context whose `NEMO_*` variables are unusable.
 */
export function selectEngine(name: string | undefined, context?: EngineContext): Engine {
  const chosen = name === undefined || name.trim() === '' ? DEFAULT_ENGINE : name.trim();
  if (chosen === 'embedded') {
    const config = context === undefined ? null : readDirectorConfig(context.vars);
    return config?.director === 'llm'
      ? lazyLlmDirector(config.llm, context?.brandKit)
      : new EmbeddedEngine(undefined, context?.brandKit);
  }
  if (chosen === 'nemo')
    return new NemoEngine(context === undefined ? null : nemoEngineDeps(context.vars, context));
  throw new EngineConfigError(chosen);
}
