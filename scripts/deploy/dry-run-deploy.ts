/**
 * @module dry-run-deploy
 * `wrangler deploy --dry-run --outdir <temp>`: bundles the Worker exactly as a deploy would,
 * uploads nothing and needs no account or network, then measures the bundle and the assets
 * against Cloudflare's limits (deploy-limits.ts). Run by `npm test` on every change and by
 * `npm run deploy -- --dry-run`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describeDeploySize, limitProblems, measureDeploy } from './deploy-limits';
import { runWrangler } from './run-wrangler';

/** The dry run failed or the result does not fit Cloudflare's Paid plan. */
export class NotDeployableError extends Error {
  override name = 'NotDeployableError';
}

/**
 * @param root the project root (its `dist/` must be built)
 * @param extraArgs more `wrangler deploy` arguments (e.g. `--secrets-file`)
 * @returns the report printed (sizes and shares of the limits; a note when only Paid fits)
 * @throws {NotDeployableError} when wrangler fails or a Paid-plan limit is broken
 */
export async function dryRunDeploy(root: string, extraArgs: string[] = []): Promise<string> {
  const outDir = mkdtempSync(path.join(tmpdir(), 'reelwright-dry-run-'));
  try {
    const run = await runWrangler(root, ['deploy', '--dry-run', '--outdir', outDir, ...extraArgs]);
    if (run.status !== 0)
      throw new NotDeployableError(`wrangler deploy --dry-run failed:\n${run.output.trim()}`);
    const size = measureDeploy(outDir, path.join(root, 'dist'));
    const { free, paid } = limitProblems(size);
    if (paid.length > 0)
      throw new NotDeployableError(`Too big for Cloudflare: ${paid.join('; ')}.`);
    const note = free.length > 0 ? `\nNeeds the Workers Paid plan: ${free.join('; ')}.` : '';
    return describeDeploySize(size) + note;
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
