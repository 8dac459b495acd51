/**
 * @module render-worker-process
 * Starts `npm run render-worker` (scripts/render-worker.ts) as its own process group against an
 * app, keeps every line it prints, and stops it gently (SIGTERM) or kills it (SIGKILL to the
 * group: the worker and its Chromium die at once, as on a crashed machine).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { offlineEnv, projectRoot } from './offline-env.mjs';

/** One running render worker. */
export interface RenderWorkerProcess {
  /** Every line printed so far (stdout and stderr). */
  lines: string[];
  /** Resolves once a printed line matches `pattern` (polling); rejects after `timeoutMs`. */
  waitForLine(pattern: RegExp, timeoutMs: number): Promise<string>;
  /** SIGKILL to the whole process group. */
  kill(): void;
  /** SIGTERM, then waits for the exit; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Starts a render worker on `url` with the fleet key `key` (given in the environment, not argv). */
export function startRenderWorker(url: string, key: string): RenderWorkerProcess {
  const child: ChildProcess = spawn(
    path.join(projectRoot, 'node_modules', '.bin', 'tsx'),
    ['scripts/render-worker.ts', '--url', url],
    {
      cwd: projectRoot,
      env: { ...offlineEnv(process.env), RENDER_FLEET_KEY: key },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  const lines: string[] = [];
  let partial = '';
  const keep = (chunk: Buffer) => {
    const text = partial + chunk.toString();
    const parts = text.split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const signalGroup = (signal: NodeJS.Signals) => {
    if (child.pid === undefined || child.exitCode !== null) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      /* already gone */
    }
  };
  return {
    lines,
    async waitForLine(pattern, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = lines.find((line) => pattern.test(line));
        if (found !== undefined) return found;
        if (Date.now() > deadline || child.exitCode !== null)
          throw new Error(`no line matching ${pattern}; the worker printed:\n${lines.join('\n')}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    kill: () => signalGroup('SIGKILL'),
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      return exited;
    },
  };
}
