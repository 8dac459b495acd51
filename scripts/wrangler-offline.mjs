#!/usr/bin/env node
/**
 * Runs the project's pinned wrangler with the offline environment ({@link offlineEnv}):
 * `node scripts/wrangler-offline.mjs dev --port 8787` is what `npm start` runs. For `dev`, it first
 * makes `.dev.vars` with a random `VISITOR_SECRET` when there is none ({@link ensureDevVars}).
 * Exits with wrangler's exit code.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ensureDevVars } from './lib/dev-vars.mjs';
import { offlineEnv, projectRoot } from './lib/offline-env.mjs';

if (process.argv[2] === 'dev') ensureDevVars();

const wrangler = path.join(projectRoot, 'node_modules', '.bin', 'wrangler');
const child = spawn(wrangler, process.argv.slice(2), {
  stdio: 'inherit',
  env: offlineEnv(process.env),
  cwd: projectRoot,
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
