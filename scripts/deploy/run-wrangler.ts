/**
 * @module run-wrangler
 * Runs the project's pinned wrangler for deploy tasks: with the operator's own login and network
 * (unlike scripts/lib/offline-env.mjs, which keeps wrangler offline for tests), without metrics.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

/** What a wrangler run printed and how it ended. */
export interface WranglerRun {
  status: number;
  output: string;
}

/**
 * @param root the project root (where wrangler.toml is)
 * @param args wrangler's arguments, e.g. `['r2', 'bucket', 'info', 'reelwright-media']`
 * @param echo whether to pass the output through to this process's stdout/stderr as it comes
 * @param extraEnv more environment for wrangler (e.g. `WRANGLER_OUTPUT_FILE_PATH`)
 * @returns the exit status and everything printed (stdout then stderr interleaved as received)
 */
export function runWrangler(
  root: string,
  args: string[],
  echo = false,
  extraEnv: Record<string, string> = {},
): Promise<WranglerRun> {
  const child = spawn(path.join(root, 'node_modules', '.bin', 'wrangler'), args, {
    cwd: root,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  for (const [stream, sink] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ] as const) {
    stream.setEncoding('utf8');
    stream.on('data', (text: string) => {
      output += text;
      if (echo) sink.write(text);
    });
  }
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ status: code ?? 1, output }));
  });
}
