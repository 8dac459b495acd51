/**
 * Three test kinds, each run on its own by `npm test`:
 * - `unit`: pure modules, tests beside the code (`shared/**`, `functions/**`, `web/**` `*.test.ts`), in Node.
 * - `workers`: the Worker and its Durable Objects in workerd (`test/workers/`).
 * - `workers-nemo`: the same with `ENGINE=nemo` against the fake upstream (`test/workers/nemo/`).
 * - `workers-llm`: the same with `DIRECTOR=llm` against the fake model server (`test/workers/llm/`).
 * - `e2e`: the built app under `wrangler dev`, driven in Debian's headless Chromium (`test/e2e/`).
 */
import { randomBytes } from 'node:crypto';
import { defineConfig } from 'vitest/config';
import { cloudflareTest } from '@cloudflare/vitest-pool-workers';

/**
 * The workerd tests call the Worker on `https://reelwright.test`, not localhost, so they need a
 * secret the Worker accepts anywhere (functions/middleware/visitor-secret-guard.ts): a random
 * one per run (it is a secret, never in `wrangler.toml`).
 */
const VISITOR_SECRET = randomBytes(32).toString('base64url');
/**
 * The tests call the Worker without `CF-Connecting-IP`, so every visitor they mint counts for
 * one client (functions/quota/new-visitor-gate.ts): raise the hourly limit far above what the
 * suites mint. Tests of the limit itself pass their own small value (test/workers/limits.ts).
 */
const TEST_LIMITS = { NEW_VISITORS_PER_IP_PER_HOUR: '100000' };
/** The `workers-llm` project's model key: random per run, so a test finding it found a leak. */
const LLM_API_KEY = `sk-test-${randomBytes(24).toString('hex')}`;

/**
 * The `workers` project's neural voice: its host routed to the fake in test/fake-tts
 * (test/workers/route-tts.ts), a random key (a test finding it in an answer found a leak), a short
 * timeout for `[tts:hang]` and a small hourly count for the rate test.
 */
const TTS_BINDINGS = {
  TTS_BASE_URL: 'https://tts-fake.test/v1',
  TTS_MODEL: 'fake-tts',
  TTS_VOICE: 'fake-voice',
  // The narration's gender/accent/language picks these (test/workers/neural-voice-proxy.test.ts).
  TTS_VOICES: 'female=fake-female,en-GB-male=fake-british-male,zh=fake-chinese',
  TTS_API_KEY: `sk-tts-${randomBytes(24).toString('hex')}`,
  TTS_TIMEOUT_MS: '1000',
  TTS_CALLS_PER_VISITOR_PER_HOUR: '5',
};

/**
 * A workerd test's time limit. vitest's 5 s default counts the first request's Worker start-up,
 * which takes over 5 s on a loaded 2-core machine; a hung test still fails, in 30 s.
 */
const WORKERD_TEST_TIMEOUT_MS = 30_000;

/**
 * The Worker (functions/index.ts, wrangler.toml) in workerd with the test secret and limits, plus
 * `bindings` (a project's engine, director and shortened timings).
 */
function workerdPool(bindings: Record<string, string> = {}) {
  return cloudflareTest({
    main: './functions/index.ts',
    wrangler: { configPath: './wrangler.toml' },
    miniflare: { bindings: { VISITOR_SECRET, ...TEST_LIMITS, ...bindings } },
  });
}

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: [
            'shared/**/*.test.ts',
            'functions/**/*.test.ts',
            'web/**/*.test.ts',
            'scripts/**/*.test.ts',
          ],
        },
      },
      {
        plugins: [workerdPool(TTS_BINDINGS)],
        test: {
          name: 'workers',
          include: ['test/workers/**/*.test.ts'],
          exclude: ['test/workers/nemo/**', 'test/workers/llm/**'],
          testTimeout: WORKERD_TEST_TIMEOUT_MS,
        },
      },
      {
        // The same Worker with ENGINE=nemo, its upstream host routed to the fake in test/fake-upstream
        // (test/workers/nemo/route-upstream.ts) and the timings shortened.
        plugins: [
          workerdPool({
            ENGINE: 'nemo',
            NEMO_API_BASE: 'https://nemo-fake.test',
            NEMO_RATE_LIMIT_WAIT_MS: '40',
            NEMO_STREAM_IDLE_TIMEOUT_MS: '400',
            NEMO_STILL_WORKING_MS: '30',
            NEMO_RENDER_POLL_MS: '20',
            NEMO_RENDER_DEADLINE_MS: '6000',
            NEMO_JSON_TIMEOUT_MS: '2000',
          }),
        ],
        test: {
          name: 'workers-nemo',
          include: ['test/workers/nemo/**/*.test.ts'],
          testTimeout: WORKERD_TEST_TIMEOUT_MS,
        },
      },
      {
        // The embedded engine with DIRECTOR=llm, its model host routed to the fake in
        // test/fake-llm (test/workers/llm/route-llm.ts) and a short timeout for `[llm:hang]`.
        plugins: [
          workerdPool({
            DIRECTOR: 'llm',
            LLM_BASE_URL: 'https://llm-fake.test/v1',
            LLM_MODEL: 'fake',
            LLM_API_KEY,
            LLM_TIMEOUT_MS: '1500',
          }),
        ],
        test: {
          name: 'workers-llm',
          include: ['test/workers/llm/**/*.test.ts'],
          // A file's first turn loads the AI SDK into workerd: seconds on a loaded machine.
          testTimeout: 60_000,
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
          // In CI a failed browser test runs once more (the reporter marks it "retry x1"). Under
          // load, wrangler dev 4.86 now and then never answers one request on a kept-alive
          // connection (kj's 5-s keep-alive race, cloudflare/workers-sdk#14641): measured here
          // as 1 page load in ~40 at load 8, an asset that never reaches wrangler's log, so the
          // page never loads. A test failing twice is red.
          retry: process.env.CI ? 1 : 0,
        },
      },
    ],
  },
});
