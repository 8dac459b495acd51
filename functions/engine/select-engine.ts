/**
 * @module select-engine
 * Picks the {@link Engine} named by the `ENGINE` variable in `wrangler.toml`.
 * Only `embedded` exists for now; `nemo` (the remote API adapter) comes in a later issue.
 */
import type { Engine } from './engine';
import { EmbeddedEngine } from './embedded/embedded-engine';

/** The engine used when `ENGINE` is unset or empty. */
export const DEFAULT_ENGINE = 'embedded';

/** `ENGINE` names something this build cannot run: a deployment mistake, not a visitor's. */
export class EngineConfigError extends Error {
  override readonly name = 'EngineConfigError';
  constructor(value: string) {
    super(
      `ENGINE="${value}" is not available in this build: set ENGINE = "embedded" in wrangler.toml [vars] ` +
        `(the "nemo" remote engine is not implemented yet).`,
    );
  }
}

/**
 * Returns a fresh engine for the configured name.
 *
 * @param name the `ENGINE` variable; `undefined`/empty means {@link DEFAULT_ENGINE}.
 * @throws {EngineConfigError} for any other value than `embedded`.
 */
export function selectEngine(name: string | undefined): Engine {
  const chosen = name === undefined || name.trim() === '' ? DEFAULT_ENGINE : name.trim();
  if (chosen === 'embedded') return new EmbeddedEngine();
  throw new EngineConfigError(chosen);
}
