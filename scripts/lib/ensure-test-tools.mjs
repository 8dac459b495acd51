/**
 * @module ensure-test-tools
 * The browser tests need Debian's Chromium (`/usr/bin/chromium`, driven by playwright-core; a
 * downloaded browser is not allowed here) and `ffprobe`/`ffmpeg` (Debian package `ffmpeg`) to
 * check the MP4s. When one is missing: as root with apt-get, install it; otherwise exit with
 * the exact command to run.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Debian package → a file it installs that we need. */
const TOOLS = [
  { pkg: 'chromium', file: '/usr/bin/chromium' },
  { pkg: 'ffmpeg', file: '/usr/bin/ffprobe' },
];

/**
 * Makes sure every tool in {@link TOOLS} is present, installing missing ones with apt-get
 * when running as root. Exits the process (code 1) with a plain message when it cannot.
 */
export function ensureTestTools() {
  const missing = TOOLS.filter((tool) => !existsSync(tool.file)).map((tool) => tool.pkg);
  if (missing.length === 0) return;
  const command = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (!isRoot || !hasApt) {
    console.error(`The browser tests need ${missing.join(', ')}. Install with:\n  sudo ${command}`);
    process.exit(1);
  }
  console.log(`Installing ${missing.join(', ')} for the browser tests: ${command}`);
  try {
    execFileSync('sh', ['-c', `DEBIAN_FRONTEND=noninteractive ${command}`], { stdio: 'inherit' });
  } catch {
    console.error(`Could not install ${missing.join(', ')}. Run as root:\n  ${command}`);
    process.exit(1);
  }
}
