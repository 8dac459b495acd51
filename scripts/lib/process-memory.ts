/**
 * @module process-memory
 * Resident memory of a process tree on Linux, read from `/proc` (no tools needed): used to show
 * that workerd's memory stays flat while a large upload streams through it, and how much memory
 * Chromium's renderer takes during a browser export.
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

/**
 * Which processes to count: a process name (`/proc/<id>/comm`, e.g. `workerd`), or a test on the
 * command line (`/proc/<id>/cmdline`, arguments joined by spaces, e.g. Chromium's `--type=renderer`).
 */
export type ProcessMatch = string | ((commandLine: string) => boolean);

function matches(id: number, match: ProcessMatch): boolean {
  if (typeof match === 'string') return (readText(`/proc/${id}/comm`) ?? '').trim() === match;
  return match((readText(`/proc/${id}/cmdline`) ?? '').replaceAll('\0', ' '));
}

/** Resident set size in bytes of every process in `pid`'s tree that `match` picks. */
export function rssOf(pid: number, match: ProcessMatch): number {
  let total = 0;
  for (const id of processTree(pid)) {
    if (!matches(id, match)) continue;
    const rss = /VmRSS:\s+(\d+) kB/.exec(readText(`/proc/${id}/status`) ?? '');
    if (rss?.[1]) total += Number(rss[1]) * 1024;
  }
  return total;
}

/**
 * Samples the RSS of the processes under `pid` that `match` picks until `stop()` is called.
 * @returns `stop()`, which resolves with the first and the peak RSS in bytes
 */
export function sampleRss(
  pid: number,
  match: ProcessMatch,
): { stop(): { baselineBytes: number; peakBytes: number } } {
  const baselineBytes = rssOf(pid, match);
  let peakBytes = baselineBytes;
  const timer = setInterval(() => {
    peakBytes = Math.max(peakBytes, rssOf(pid, match));
  }, SAMPLE_EVERY_MS);
  return {
    stop() {
      clearInterval(timer);
      peakBytes = Math.max(peakBytes, rssOf(pid, match));
      return { baselineBytes, peakBytes };
    },
  };
}

/**
 * CPU time in ms (user + system, since each process started) of every process in `pid`'s tree
 * that `match` picks, from `/proc/<id>/stat` (clock ticks of 10 ms, Linux's USER_HZ = 100).
 */
export function cpuMsOf(pid: number, match: ProcessMatch): number {
  let ticks = 0;
  for (const id of processTree(pid)) {
    if (!matches(id, match)) continue;
    // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
    const fields = (readText(`/proc/${id}/stat`) ?? '').split(') ')[1]?.split(' ') ?? [];
    ticks += Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
  }
  return ticks * 10;
}
