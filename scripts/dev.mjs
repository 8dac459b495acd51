#!/usr/bin/env node
/**
 * `npm run dev`: the API under `wrangler dev` on :8787 and the SPA under Vite with HMR on
 * :5173 (Vite proxies `/api` to :8787, see vite.config.ts). Ctrl+C stops both. Makes `.dev.vars`
 * with a random `VISITOR_SECRET` first when there is none.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ensureDevVars } from './lib/dev-vars.mjs';
import { offlineEnv, projectRoot } from './lib/offline-env.mjs';

ensureDevVars();

const dist = path.join(projectRoot, 'dist');
// wrangler's [assets] directory must exist even though Vite serves the SPA in dev.
if (!existsSync(path.join(dist, 'index.html'))) {
  mkdirSync(dist, { recursive: true });
  writeFileSync(
    path.join(dist, 'index.html'),
    '<!doctype html><p>Open http://localhost:5173 (Vite) in dev.</p>',
  );
}
const bin = (name) => path.join(projectRoot, 'node_modules', '.bin', name);
const children = [
  spawn(bin('wrangler'), ['dev', '--port', '8787'], {
    stdio: 'inherit',
    env: offlineEnv(process.env),
    cwd: projectRoot,
  }),
  spawn(bin('vite'), [], { stdio: 'inherit', cwd: projectRoot }),
];
const stop = () => {
  for (const child of children) child.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children)
  child.on('exit', (code) => {
    stop();
    process.exitCode = code ?? 0;
  });
