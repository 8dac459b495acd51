/**
 * @module deploy-config
 * What a deploy needs to know from `wrangler.toml` (read with smol-toml, the TOML parser wrangler
 * itself uses) and which secrets must be set before the Worker may go live.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'smol-toml';
import { z } from 'zod';

const wranglerTomlSchema = z.object({
  name: z.string().min(1),
  vars: z.record(z.string(), z.string()).default({}),
  r2_buckets: z
    .array(z.object({ binding: z.string(), bucket_name: z.string().min(1) }))
    .default([]),
});

/** The Worker's name, its R2 bucket names and its `[vars]`. */
export interface DeployConfig {
  workerName: string;
  bucketNames: string[];
  vars: Record<string, string>;
}

/**
 * @param root the project root
 * @throws {Error} when wrangler.toml is missing or lacks `name`
 */
export function readDeployConfig(root: string): DeployConfig {
  const toml = wranglerTomlSchema.parse(
    parse(readFileSync(path.join(root, 'wrangler.toml'), 'utf8')),
  );
  return {
    workerName: toml.name,
    bucketNames: toml.r2_buckets.map((b) => b.bucket_name),
    vars: toml.vars,
  };
}

/**
 * The secrets the Worker refuses to run without. `VISITOR_SECRET` signs every cookie, widget
 * token and download link (functions/middleware/visitor-secret-guard.ts refuses requests without
 * it). Neither engine adds one: nemo's `NEMO_TOKEN` is optional (without it each visitor gets an
 * anonymous upstream account).
 */
export const REQUIRED_SECRETS: readonly string[] = ['VISITOR_SECRET'];
