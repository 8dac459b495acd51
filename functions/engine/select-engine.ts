/**
 * @module select-engine
 * Picks the {@link Engine} named by the `ENGINE` variable in `wrangler.toml`.
 * `embedded` (default, offline) or `nemo` (the remote API adapter in `nemo/`).
 */
import type { Engine } from './engine';
import { EmbeddedEngine } from './embedded/embedded-engine';
import { NemoEngine } from './nemo/nemo-engine';
import { nemoEngineDeps } from './nemo/nemo-engine-deps';
import type { NemoPorts } from './nemo/nemo-engine-deps';

/**
 * What an engine with per-visitor upstream state (nemo) needs for a chat turn: the Worker's
 * variables and the ports the session room implements (the engine never reaches a Durable
 * Object itself). The export route passes none (it only reads `renderer`).
 */
export interface EngineContext extends NemoPorts {
  /** The Worker's variables (`NEMO_*`, functions/engine/nemo/nemo-config.ts). */
  vars: Record<string, unknown>;
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
 * @throws {NemoConfigError} for `nemo` with a context whose `NEMO_*` variables are unusable.
 */
export function selectEngine(name: string | undefined, context?: EngineContext): Engine {
  const chosen = name === undefined || name.trim() === '' ? DEFAULT_ENGINE : name.trim();
  if (chosen === 'embedded') return new EmbeddedEngine();
  if (chosen === 'nemo')
    return new NemoEngine(context === undefined ? null : nemoEngineDeps(context.vars, context));
  throw new EngineConfigError(chosen);
}
