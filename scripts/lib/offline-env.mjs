/**
 * @module offline-env
 * The environment every wrangler/miniflare process of ours runs with: no metrics, no fetch of
 * Cloudflare's request.cf data, wrangler's config kept inside the project. Without these,
 * wrangler tries the network at start (docs/design-decisions.md#offline-development-and-tests).
 */
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** Project root (the folder holding package.json). */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * @param {NodeJS.ProcessEnv} base the environment to extend (usually `process.env`)
 * @returns {NodeJS.ProcessEnv} `base` plus the offline settings (existing values are kept)
 */
export function offlineEnv(base) {
  return {
    WRANGLER_SEND_METRICS: 'false',
    CLOUDFLARE_CF_FETCH_ENABLED: 'false',
    XDG_CONFIG_HOME: path.join(projectRoot, '.config'),
    ...base,
  };
}
