/**
 * The layer rules of .dependency-cruiser.cjs (docs/architecture.md) refuse an import that
 * crosses a layer the wrong way and any cycle, and allow the type-only loop through
 * functions/env.ts. Each case cruises a few small files written to a temporary tree.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cruise } from 'dependency-cruiser';
import type { ICruiseResult, IForbiddenRuleType } from 'dependency-cruiser';

const config = createRequire(import.meta.url)('../.dependency-cruiser.cjs') as {
  forbidden: IForbiddenRuleType[];
};

const trees: string[] = [];
afterEach(() => {
  for (const tree of trees.splice(0)) rmSync(tree, { recursive: true, force: true });
});

/** Writes `files` (path → source) to a fresh tree and returns the names of the rules broken. */
async function brokenRules(files: Record<string, string>): Promise<string[]> {
  const root = mkdtempSync(path.join(tmpdir(), 'layer-rules-'));
  trees.push(root);
  for (const [name, source] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), source);
  }
  const top = [...new Set(Object.keys(files).map((name) => name.split('/')[0] ?? name))];
  const { output } = await cruise(top, {
    baseDir: root,
    ruleSet: { forbidden: config.forbidden },
    validate: true,
    tsPreCompilationDeps: true,
    outputType: 'json',
  });
  const result = (typeof output === 'string' ? JSON.parse(output) : output) as ICruiseResult;
  return [...new Set(result.summary.violations.map((violation) => violation.rule.name))].sort();
}

const room = "import type { Env } from '../env';\nexport class Room { env?: Env }\n";

/** Each case: what it shows, the files of the tree, and the rules they break (sorted). */
const CASES: [string, Record<string, string>, string[]][] = [
  [
    'allow imports downward: route → durable → engine → media → shared',
    {
      'functions/routes/r.ts': "import { d } from '../durable/d';\nexport const r = d;\n",
      'functions/durable/d.ts': "import { e } from '../engine/e';\nexport const d = e;\n",
      'functions/engine/e.ts': "import { m } from '../media/m';\nexport const e = m;\n",
      'functions/media/m.ts': "import { s } from '../../shared/s';\nexport const m = s;\n",
      'shared/s.ts': 'export const s = 1;\n',
    },
    [],
  ],
  [
    'refuse an engine module importing a Durable Object module, even for a type',
    {
      'functions/engine/e.ts': "import type { D } from '../durable/d';\nexport type E = D;\n",
      'functions/durable/d.ts': 'export type D = string;\n',
    },
    ['no-upward-import-of-durable'],
  ],
  [
    'refuse imports of routes, of env.ts from the engine, and across web/functions/shared',
    {
      'functions/routes/r.ts': 'export const r = 1;\n',
      'functions/durable/d.ts': "import { r } from '../routes/r';\nexport const d = r;\n",
      'functions/env.ts': 'export interface Env { A: string }\n',
      'functions/engine/e.ts': "import type { Env } from '../env';\nexport type E = Env;\n",
      'web/w.ts': "import { d } from '../functions/durable/d';\nexport const w = d;\n",
      'shared/s.ts': "import { w } from '../web/w';\nexport const s = w;\n",
    },
    [
      'env-only-above-the-engine',
      'no-upward-import-of-routes',
      'shared-is-the-bottom',
      'web-never-imports-worker',
    ],
  ],
  [
    'refuse a Worker module outside every layer',
    {
      'functions/odd/o.ts': "import { s } from '../../shared/s';\nexport const o = s;\n",
      'shared/s.ts': 'export const s = 1;\n',
    },
    ['worker-module-in-a-layer'],
  ],
  [
    'refuse a cycle within one layer',
    {
      'functions/media/a.ts': "import { b } from './b';\nexport const a = () => b;\n",
      'functions/media/b.ts': "import { a } from './a';\nexport const b = () => a;\n",
    },
    ['no-circular'],
  ],
  [
    'allow the type-only loop of a Durable Object class and env.ts',
    {
      'functions/env.ts':
        "import type { Room } from './durable/room';\nexport interface Env { ROOM: Room }\n",
      'functions/durable/room.ts': room,
    },
    [],
  ],
  [
    'refuse a value import in env.ts',
    {
      'functions/env.ts':
        "import { Room } from './durable/room';\nexport interface Env { ROOM: Room }\nexport const x = Room;\n",
      'functions/durable/room.ts': room,
    },
    ['env-holds-types-only'],
  ],
];

describe('layer rules', () => {
  it.each(CASES)('%s', async (_what, files, broken) => {
    expect(await brokenRules(files)).toEqual(broken);
  });
});
