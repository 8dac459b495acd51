/**
 * @module deploy-limits
 * Measures what `wrangler deploy` would upload — the bundled Worker (from `--dry-run --outdir`)
 * and the static assets in `dist/` — against Cloudflare's published limits
 * (https://developers.cloudflare.com/workers/platform/limits/ "Worker size" and
 * https://developers.cloudflare.com/workers/static-assets/billing-and-limitations/).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const MB = 1_000_000;
const MIB = 1024 * 1024;

/** Worker size after gzip on the Workers Free plan: 3 MB. */
export const FREE_WORKER_GZIP_BYTES = 3 * MB;
/** Worker size after gzip on the Workers Paid plan: 10 MB. */
export const PAID_WORKER_GZIP_BYTES = 10 * MB;
/** One static asset file: at most 25 MiB. */
export const MAX_ASSET_BYTES = 25 * MIB;
/** Static asset files per Worker version on the Free plan (Paid: 100,000). */
export const FREE_ASSET_FILES = 20_000;

/** What one deploy would upload. Sizes in bytes. */
export interface DeploySize {
  workerBytes: number;
  workerGzipBytes: number;
  assetFiles: number;
  largestAsset: { file: string; bytes: number };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

/**
 * @param outDir the `--outdir` of `wrangler deploy --dry-run` (its `.js`/`.wasm` modules; source maps are not uploaded)
 * @param assetsDir the `[assets] directory` (`dist/`; `_headers` counts as a file, as wrangler uploads it)
 */
export function measureDeploy(outDir: string, assetsDir: string): DeploySize {
  const modules = filesUnder(outDir).filter((file) => /\.(?:m?js|wasm)$/.test(file));
  const bytes = modules.map((file) => readFileSync(file));
  const assets = filesUnder(assetsDir).map((file) => ({ file, bytes: statSync(file).size }));
  const largestAsset = assets.reduce((a, b) => (b.bytes > a.bytes ? b : a), { file: '', bytes: 0 });
  return {
    workerBytes: bytes.reduce((sum, b) => sum + b.length, 0),
    workerGzipBytes: bytes.reduce((sum, b) => sum + gzipSync(b).length, 0),
    assetFiles: assets.length,
    largestAsset: { file: path.relative(assetsDir, largestAsset.file), bytes: largestAsset.bytes },
  };
}

/** The limits `size` breaks, in plain words (empty when it deploys on the Free plan). */
export function limitProblems(size: DeploySize): { free: string[]; paid: string[] } {
  const paid: string[] = [];
  const free: string[] = [];
  if (size.workerGzipBytes > PAID_WORKER_GZIP_BYTES)
    paid.push(
      `the Worker is ${size.workerGzipBytes} bytes gzipped (Paid limit ${PAID_WORKER_GZIP_BYTES})`,
    );
  else if (size.workerGzipBytes > FREE_WORKER_GZIP_BYTES)
    free.push(
      `the Worker is ${size.workerGzipBytes} bytes gzipped (Free limit ${FREE_WORKER_GZIP_BYTES})`,
    );
  if (size.largestAsset.bytes > MAX_ASSET_BYTES)
    paid.push(
      `asset ${size.largestAsset.file} is ${size.largestAsset.bytes} bytes (limit ${MAX_ASSET_BYTES})`,
    );
  if (size.assetFiles > FREE_ASSET_FILES)
    free.push(`${size.assetFiles} asset files (Free limit ${FREE_ASSET_FILES})`);
  return { free, paid };
}

/** A short report: sizes and their share of each limit. */
export function describeDeploySize(size: DeploySize): string {
  const share = (bytes: number, limit: number) => `${((100 * bytes) / limit).toFixed(1)} %`;
  return [
    `Worker: ${(size.workerBytes / 1024).toFixed(1)} KiB, ${(size.workerGzipBytes / 1024).toFixed(1)} KiB gzipped ` +
      `(${share(size.workerGzipBytes, FREE_WORKER_GZIP_BYTES)} of Free's 3 MB, ${share(size.workerGzipBytes, PAID_WORKER_GZIP_BYTES)} of Paid's 10 MB)`,
    `Assets: ${size.assetFiles} files (Free allows ${FREE_ASSET_FILES}); largest ${size.largestAsset.file} ` +
      `${(size.largestAsset.bytes / MIB).toFixed(1)} MiB (${share(size.largestAsset.bytes, MAX_ASSET_BYTES)} of 25 MiB)`,
  ].join('\n');
}
