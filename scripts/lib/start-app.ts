/**
 * @module start-app
 * Starts the built app (SPA in `dist/` + API) under `wrangler dev` on loopback, for the
 * browser tests, `npm run render` and `npm run bench`. The SPA must be built first (`vite build`).
 * It signs visitors with the public dev `VISITOR_SECRET`, which the Worker accepts on localhost
 * only (functions/middleware/visitor-secret-guard.ts): this server listens on 127.0.0.1, and a
 * restart on the same `persistDir` keeps its visitors' cookies valid.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { PUBLIC_DEV_VISITOR_SECRET } from '../../functions/middleware/visitor-secret-guard';
import { offlineEnv, projectRoot } from './offline-env.mjs';

/** wrangler dev bundles and boots workerd; on this 2-core machine that takes ~5–15 s. */
const START_TIMEOUT_MS = 90_000;
/** wrangler stops on SIGTERM in a second or two; after this it is killed. */
const STOP_GRACE_MS = 5_000;
/** How often to ask `/api/health` while waiting for the start. */
const HEALTH_POLL_MS = 250;
/**
 * `[vars]` every started app gets unless `vars` overrides them: the browser tests and the benches
 * mint many visitors from 127.0.0.1 (the load bench 800 at once), far past the public default of
 * `NEW_VISITORS_PER_IP_PER_HOUR`, and some benches export one session again and again, past
 * `EXPORTS_PER_VISITOR_PER_HOUR` (README "Limits and abuse"). Loopback skips the per-minute
 * burst binding already (functions/quota/new-visitor-gate.ts). The other limits keep their defaults.
 */
export const TEST_APP_VARS: Readonly<Record<string, string>> = {
  // The public dev value (over any `.dev.vars`): the app listens on 127.0.0.1, where the
  // visitor-secret guard allows it, and it stays the same across restarts on one persistDir.
  VISITOR_SECRET: PUBLIC_DEV_VISITOR_SECRET,
  NEW_VISITORS_PER_IP_PER_HOUR: '100000',
  EXPORTS_PER_VISITOR_PER_HOUR: '100000',
};

/** The app started by {@link startApp}: where it answers and how to stop it. */
export interface RunningApp {
  /** Base URL, e.g. `http://127.0.0.1:8791`. */
  url: string;
  /** Process id of `wrangler dev` (its process group holds workerd), for memory measurements. */
  pid: number | undefined;
  /** Stops wrangler (and removes the temporary state folder, if one was made). */
  stop(): Promise<void>;
}

/** Options of {@link startApp}; every field may be left out. */
export interface StartAppOptions {
  /** TCP port; default: a free one. */
  port?: number;
  /** Where Durable Object / R2 state lives; default: a new temporary folder removed on stop. */
  persistDir?: string;
  /** Print wrangler's output (default false: only on failure). */
  verbose?: boolean;
  /**
   * `[vars]` overrides (`wrangler dev --var NAME:value`), e.g. `EMBED_ALLOWED_ORIGINS` for the
   * widget tests; merged over {@link TEST_APP_VARS}.
   */
  vars?: Record<string, string>;
}

/** Asks the OS for a free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts `wrangler dev` and resolves once `/api/health` answers 200.
 * @throws Error when `dist/index.html` is missing (run `npm run build`) or the app does not
 *   answer within {@link START_TIMEOUT_MS} (the error carries wrangler's last output).
 */
export async function startApp(options: StartAppOptions = {}): Promise<RunningApp> {
  if (!existsSync(path.join(projectRoot, 'dist', 'index.html'))) {
    throw new Error('The SPA is not built: run `npm run build` first.');
  }
  const port = options.port ?? (await freePort());
  // Its own inspector port too: wrangler's default (9229, then 9230) clashes when several apps run at once.
  const inspectorPort = await freePort();
  const tempDir = options.persistDir
    ? null
    : mkdtempSync(path.join(os.tmpdir(), 'reelwright-state-'));
  const persistDir = options.persistDir ?? (tempDir as string);
  const wrangler = path.join(projectRoot, 'node_modules', '.bin', 'wrangler');
  const child: ChildProcess = spawn(
    wrangler,
    [
      'dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--persist-to',
      persistDir,
      '--inspector-port',
      String(inspectorPort),
      '--show-interactive-dev-session=false',
      '--log-level',
      'warn',
      ...Object.entries({ ...TEST_APP_VARS, ...options.vars }).flatMap(([name, value]) => [
        '--var',
        `${name}:${value}`,
      ]),
    ],
    {
      cwd: projectRoot,
      env: offlineEnv(process.env),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8_000);
    if (options.verbose) process.stderr.write(chunk);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      const signal = (name: NodeJS.Signals) => {
        try {
          process.kill(-(child.pid as number), name);
        } catch {
          /* already gone */
        }
      };
      signal('SIGTERM');
      const stopped = await Promise.race([
        exited.then(() => true),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), STOP_GRACE_MS)),
      ]);
      // A wrangler or workerd that ignores SIGTERM would keep its pipes open, and with them this
      // process (a bench that printed its figures and never exits): kill the group.
      if (!stopped) signal('SIGKILL');
    }
    child.stdout?.destroy();
    child.stderr?.destroy();
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return { url, pid: child.pid, stop };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, HEALTH_POLL_MS));
  }
  await stop();
  throw new Error(`The app did not start on ${url}. wrangler said:\n${output}`);
}
