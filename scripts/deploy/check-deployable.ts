/**
 * `npm run check-deployable` (a step of `npm test`): proves offline that the Worker bundles and
 * its config is accepted by wrangler, and reports the bundle and assets against Cloudflare's
 * limits ({@link dryRunDeploy}). Exits 1 when it would not deploy.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dryRunDeploy } from './dry-run-deploy';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
try {
  console.log(await dryRunDeploy(root));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
