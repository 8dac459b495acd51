/**
 * @module dev-vars
 * `.dev.vars` (wrangler's local secrets, git-ignored): made on the first `npm start` or
 * `npm run dev` with a random `VISITOR_SECRET` and a random `RENDER_FLEET_KEY` (render workers'
 * key), so a local server never signs with a public value
 * (functions/middleware/visitor-secret-guard.ts) and no secret sits in `wrangler.toml`.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from './offline-env.mjs';

/** Random bytes of the secret: 32, the size of an HMAC-SHA256 key (43 base64url characters). */
const SECRET_BYTES = 32;

/**
 * Writes `.dev.vars` with a random `VISITOR_SECRET` unless the file exists (an existing one is
 * never changed: its secret keeps the local visitors' cookies valid).
 * @returns {boolean} whether the file was written
 */
export function ensureDevVars() {
  const file = path.join(projectRoot, '.dev.vars');
  if (existsSync(file)) return false;
  const secret = randomBytes(SECRET_BYTES).toString('base64url');
  // The render workers' key (README "Render workers"): `npm run render-worker` reads it from here.
  const fleetKey = randomBytes(SECRET_BYTES).toString('base64url');
  writeFileSync(
    file,
    `# Local secrets for wrangler dev (git-ignored), made by npm start.\nVISITOR_SECRET=${secret}\nRENDER_FLEET_KEY=${fleetKey}\n`,
    { mode: 0o600 },
  );
  console.info(
    'Wrote .dev.vars with a random VISITOR_SECRET and RENDER_FLEET_KEY for this checkout.',
  );
  return true;
}
