#!/usr/bin/env node
/**
 * `npm test`: checks the tools the tests need (Debian's chromium, ffprobe), then
 * 1. the static checks in two lanes side by side (the type check is one single-threaded process
 *    that takes as long as the rest together): `tsc -b` for each runtime ‖ Biome format and lint
 *    → build the SPA → layer rules → `wrangler deploy --dry-run`;
 * 2. the vitest projects, one run each: unit → workers → workers-nemo → workers-llm → browser
 *    e2e. (The three workerd projects in one vitest run took longer than in turn: 417 s vs ~370 s.)
 * Stops at the first failure; exits non-zero with a plain message saying which step failed. Each
 * step's time is printed, so a slow one is easy to see (CI's budget is 20 minutes).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { offlineEnv, projectRoot } from './lib/offline-env.mjs';
import { ensureTestTools } from './lib/ensure-test-tools.mjs';

ensureTestTools();
const env = offlineEnv(process.env);
const bin = (name) => path.join(projectRoot, 'node_modules', '.bin', name);

/** @typedef {[what: string, command: string, args: string[]]} Step */

/** @type {Step[][]} lanes run side by side; the steps of one lane run in turn */
const staticLanes = [
  [['typecheck each runtime (tsc -b)', bin('tsc'), ['-b', '--force']]],
  [
    ['format and lint (biome ci)', bin('biome'), ['ci', '--error-on-warnings', '.']],
    ['build the SPA', bin('vite'), ['build', '--logLevel', 'warn']],
    ['layer rules (dependency-cruiser)', bin('depcruise'), ['functions', 'shared', 'web']],
    ['deployable (wrangler deploy --dry-run)', bin('tsx'), ['scripts/deploy/check-deployable.ts']],
  ],
];
/**
 * Test files of a workerd project run at once. They mostly wait (timers, alarms, streams), and
 * vitest's default on a 2-core machine is one at a time: six files took 103 s one at a time and
 * 58 s three at a time (load average 11). The browser tests stay one at a time (each export uses
 * both cores).
 */
const WORKERD_FILES_AT_ONCE = 3;
/** Unit test files run at once: one per core (80 s one at a time, 52 s two at a time, quiet box). */
const UNIT_FILES_AT_ONCE = 2;
/** @param {string} project @param {string[]} extra */
const vitest = (project, ...extra) => ['run', '--project', project, ...extra];
const workerd = (/** @type {string} */ project) =>
  vitest(project, `--maxWorkers=${WORKERD_FILES_AT_ONCE}`);
/** @type {Step[]} */
const testSteps = [
  ['unit tests', bin('vitest'), vitest('unit', `--maxWorkers=${UNIT_FILES_AT_ONCE}`)],
  ['workerd tests', bin('vitest'), workerd('workers')],
  ['workerd tests, ENGINE=nemo with the fake upstream', bin('vitest'), workerd('workers-nemo')],
  ['workerd tests, DIRECTOR=llm with the fake model', bin('vitest'), workerd('workers-llm')],
  ['browser end-to-end tests', bin('vitest'), vitest('e2e')],
];

/**
 * Runs one step; resolves to its exit code. `buffered`: keep its output and print it in one piece
 * when it ends, so two lanes' output does not interleave.
 * @param {Step} step
 * @param {boolean} buffered
 * @returns {Promise<number>}
 */
function run([what, command, args], buffered) {
  const startedMs = Date.now();
  if (!buffered) console.log(`\n▶ ${what}`);
  const child = spawn(command, args, {
    env,
    cwd: projectRoot,
    stdio: buffered ? ['ignore', 'pipe', 'pipe'] : 'inherit',
  });
  /** @type {Buffer[]} */
  const output = [];
  child.stdout?.on('data', (chunk) => output.push(chunk));
  child.stderr?.on('data', (chunk) => output.push(chunk));
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      const seconds = ((Date.now() - startedMs) / 1000).toFixed(0);
      if (buffered) {
        console.log(`\n▶ ${what}`);
        process.stdout.write(Buffer.concat(output));
      }
      const status = code ?? 1;
      console.log(`${status === 0 ? '✓' : '✖'} ${what}: ${seconds} s`);
      if (status !== 0) console.error(`\n✖ ${what} failed (exit ${code ?? signal}).`);
      resolve(status);
    });
  });
}

/** @param {Step[]} lane @returns {Promise<number>} the first non-zero exit code, or 0 */
async function runLane(lane) {
  for (const step of lane) {
    const status = await run(step, true);
    if (status !== 0) return status;
  }
  return 0;
}

const laneStatuses = await Promise.all(staticLanes.map(runLane));
const failed = laneStatuses.find((status) => status !== 0);
if (failed !== undefined) process.exit(failed);
for (const step of testSteps) {
  const status = await run(step, false);
  if (status !== 0) process.exit(status);
}
console.log('\n✔ all tests passed');
