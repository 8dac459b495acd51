/**
 * Three test kinds, each run on its own by `npm test`:
 * - `unit`: pure modules, tests beside the code (`shared/**`, `functions/**`, `web/**` `*.test.ts`), in Node.
 * - `workers`: the Worker and its Durable Objects in workerd (`test/workers/`).
 * - `e2e`: the built app under `wrangler dev`, driven in Debian's headless Chromium (`test/e2e/`).
 */
import { defineConfig } from 'vitest/config';
import { cloudflareTest } from '@cloudflare/vitest-pool-workers';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['shared/**/*.test.ts', 'functions/**/*.test.ts', 'web/**/*.test.ts', 'scripts/**/*.test.ts'],
        },
      },
      {
        plugins: [
          cloudflareTest({
            main: './functions/index.ts',
            wrangler: { configPath: './wrangler.toml' },
          }),
        ],
        test: {
          name: 'workers',
          include: ['test/workers/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/start-app.ts'],
          testTimeout: 240_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
