/**
 * @module process-memory
 * Resident memory of a process tree on Linux, read from `/proc` (no tools needed): used to show
 * that workerd's memory stays flat while a large upload streams through it.
 */
import { readFileSync, readdirSync } from 'node:fs';

/** How often {@link sampleRss} reads `/proc`: fine enough to catch a buffering spike. */
const SAMPLE_EVERY_MS = 50;

function readText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/** Ids of `pid` and all its descendants. */
export function processTree(pid: number): number[] {
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) {
    const parent = tree[i];
    for (const task of readdirSafe(`/proc/${parent}/task`)) {
      const children = readText(`/proc/${parent}/task/${task}/children`) ?? '';
      for (const child of children.trim().split(/\s+/)) if (child !== '') tree.push(Number(child));
    }
  }
  return tree;
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Resident set size in bytes of every process in `pid`'s tree whose name is `name`. */
export function rssOf(pid: number, name: string): number {
  let total = 0;
  for (const id of processTree(pid)) {
    if ((readText(`/proc/${id}/comm`) ?? '').trim() !== name) continue;
    const match = /VmRSS:\s+(\d+) kB/.exec(readText(`/proc/${id}/status`) ?? '');
    if (match?.[1]) total += Number(match[1]) * 1024;
  }
  return total;
}

/**
 * Samples the RSS of `name` processes under `pid` until `stop()` is called.
 * @returns `stop()`, which resolves with the first and the peak RSS in bytes
 */
export function sampleRss(pid: number, name: string): { stop(): { baselineBytes: number; peakBytes: number } } {
  const baselineBytes = rssOf(pid, name);
  let peakBytes = baselineBytes;
  const timer = setInterval(() => {
    peakBytes = Math.max(peakBytes, rssOf(pid, name));
  }, SAMPLE_EVERY_MS);
  return {
    stop() {
      clearInterval(timer);
      peakBytes = Math.max(peakBytes, rssOf(pid, name));
      return { baselineBytes, peakBytes };
    },
  };
}
