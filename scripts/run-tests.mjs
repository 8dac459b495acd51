#!/usr/bin/env node
/**
 * `npm test`: checks the tools the tests need (Debian's chromium, ffprobe), checks formatting and
 * lint (Biome) and the types of each runtime (`tsc -b`), builds the SPA, then runs the vitest
 * projects in turn (unit → workers → workers-nemo → e2e), stopping at the first failure. Exits
 * non-zero on any failure, with a plain message saying what to do.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { offlineEnv, projectRoot } from './lib/offline-env.mjs';
import { ensureTestTools } from './lib/ensure-test-tools.mjs';

ensureTestTools();
const env = offlineEnv(process.env);
const bin = (name) => path.join(projectRoot, 'node_modules', '.bin', name);
const steps = [
  ['format and lint (biome ci)', bin('biome'), ['ci', '--error-on-warnings', '.']],
  ['typecheck each runtime (tsc -b)', bin('tsc'), ['-b', '--force']],
  ['build the SPA', bin('vite'), ['build', '--logLevel', 'warn']],
  ['layer rules (dependency-cruiser)', bin('depcruise'), ['functions', 'shared', 'web']],
  ['deployable (wrangler deploy --dry-run)', bin('tsx'), ['scripts/deploy/check-deployable.ts']],
  ['unit tests', bin('vitest'), ['run', '--project', 'unit']],
  ['workerd tests', bin('vitest'), ['run', '--project', 'workers']],
  [
    'workerd tests with ENGINE=nemo (fake upstream)',
    bin('vitest'),
    ['run', '--project', 'workers-nemo'],
  ],
  ['browser end-to-end tests', bin('vitest'), ['run', '--project', 'e2e']],
];
for (const [what, command, args] of steps) {
  console.log(`\n▶ ${what}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env, cwd: projectRoot });
  if (result.status !== 0) {
    console.error(`\n✖ ${what} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status || 1);
  }
}
console.log('\n✔ all tests passed');
