/**
 * @module third-party-notices
 * Build-time licence report of everything the browser downloads: one Vite plugin for the page
 * bundles and one for the Web Worker bundles (Vite builds them separately), both from
 * rollup-plugin-license, which reads each bundled module's package.json and LICENSE file. The
 * page build finishes last and writes `dist/third-party-notices.txt` (linked from the app's
 * footer and the README) with the packages of both builds.
 *
 * The build fails when a bundled package's licence is missing or not in {@link GPL3_COMPATIBLE}:
 * Reelwright is GPL-3.0-or-later, so every piece it serves must be GPL-3-compatible.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';
import license from 'rollup-plugin-license';
import type { Dependency } from 'rollup-plugin-license';

/**
 * SPDX licences we may serve inside a GPL-3.0-or-later app (GNU's list of GPL-compatible
 * licences: https://www.gnu.org/licenses/license-list.html). OFL-1.1 covers the fonts, which are
 * data the app uses, not code linked into it.
 */
export const GPL3_COMPATIBLE =
  '(MIT OR ISC OR 0BSD OR BSD-2-Clause OR BSD-3-Clause OR Apache-2.0 OR MPL-2.0 OR OFL-1.1 OR ' +
  'LGPL-2.1-or-later OR LGPL-3.0-or-later OR GPL-2.0-or-later OR GPL-3.0-or-later)';

/** The notices file's name in `dist/` (served at `/third-party-notices.txt`). */
export const NOTICES_FILE = 'third-party-notices.txt';

/**
 * Packages whose data the Worker sends to the browser without a bundle importing them: the
 * pictures of Fluent Emoji Flat go into drafts as illustrations (functions/engine/embedded/
 * illustration-set.ts). Its package ships no LICENSE file; its `info.json` names the licence.
 */
const SERVED_DATA_PACKAGES = ['@iconify-json/fluent-emoji-flat'] as const;

/** A served data package as a notice entry, from its package.json and info.json. */
function servedDataPackage(name: string): Dependency {
  const require = createRequire(import.meta.url);
  const pkg = JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as {
    version: string;
    license: string;
    homepage?: string;
  };
  const info = JSON.parse(readFileSync(require.resolve(`${name}/info.json`), 'utf8')) as {
    name: string;
    author: { name: string; url: string };
    license: { title: string; url: string };
  };
  return {
    name,
    version: pkg.version,
    license: pkg.license,
    homepage: pkg.homepage ?? null,
    repository: { type: 'git', url: info.author.url },
    licenseText:
      `${info.name} by ${info.author.name} (${info.author.url}), ${info.license.title} licence: ` +
      `${info.license.url}. Sent to the browser as the illustrations of drafts.`,
  } as Dependency;
}

function repositoryUrl(dep: Dependency): string {
  const repo = dep.repository;
  const url = typeof repo === 'string' ? repo : (repo?.url ?? dep.homepage ?? '');
  return url.replace(/^git\+/, '').replace(/\.git$/, '');
}

function noticeFor(dep: Dependency): string {
  const head = `${dep.name ?? '(unnamed)'} ${dep.version ?? ''} — ${dep.license ?? 'no licence'}`;
  const source = repositoryUrl(dep);
  const text = dep.licenseText?.trim() ?? 'The package ships no licence text; see its source.';
  return [head, source ? `Source: ${source}` : '', '', text]
    .filter((line, i) => i !== 1 || line)
    .join('\n');
}

/** Renders the notices for the given packages, sorted by name, one block each. */
function renderNotices(deps: Iterable<Dependency>): string {
  const sorted = [...deps].sort((a, b) => (a.name ?? '').localeCompare(b.name ?? ''));
  const header =
    'Reelwright is free software under the GNU General Public License, version 3 or later.\n' +
    'It serves the following third-party packages to your browser.\n';
  const rule = `\n\n${'='.repeat(72)}\n\n`;
  return `${header}${rule}${sorted.map(noticeFor).join(rule)}\n`;
}

/**
 * The two plugins that write the notices.
 * @param outFile absolute path of the notices file (in the build's outDir)
 * @returns `page` for `plugins`, `worker` for `worker.plugins`; both fail the build on a
 *   licence outside {@link GPL3_COMPATIBLE} or a package without one.
 */
export function thirdPartyNotices(outFile: string): { page: Plugin; worker: () => Plugin } {
  const seen = new Map<string, Dependency>();
  const remember = (deps: Dependency[]) => {
    for (const dep of deps) seen.set(`${dep.name}@${dep.version}`, dep);
  };
  const allow = { test: GPL3_COMPATIBLE, failOnUnlicensed: true, failOnViolation: true };
  const worker = () => license({ thirdParty: { allow, output: remember } }) as Plugin;
  const page = license({
    thirdParty: {
      allow,
      output: {
        file: outFile,
        template: (deps) => {
          remember(deps);
          remember(SERVED_DATA_PACKAGES.map(servedDataPackage));
          return renderNotices(seen.values());
        },
      },
    },
  }) as Plugin;
  return { page, worker };
}
