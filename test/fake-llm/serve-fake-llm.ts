/**
 * @module serve-fake-llm
 * `npm run fake-llm`: serves the fake model server (./fake-llm.ts) on a local port, to try the
 * language-model director by hand without a model:
 *
 * ```
 * npm run fake-llm                 # http://127.0.0.1:8791/v1 (PORT=… to change)
 * # in .dev.vars: DIRECTOR=llm, LLM_BASE_URL=http://127.0.0.1:8791/v1, LLM_MODEL=fake
 * npm start
 * ```
 * Frames are paced {@link HAND_FRAME_MS} apart so the reply can be watched streaming in.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveFetch } from '../fake-upstream/serve-fake-upstream';
import { createFakeLlm } from './fake-llm';
import type { FakeLlm } from './fake-llm';

/** Default port: next to the fake upstream's 8790. */
export const DEFAULT_FAKE_LLM_PORT = 8791;
/** Frame pacing by hand, ms: about a model's speed on a laptop. */
export const HAND_FRAME_MS = 30;

/**
 * Starts the fake on `port` (0 = any free port).
 * @returns its base URL (ending in `/v1`, as `LLM_BASE_URL` wants it) and a close function
 */
export async function serveFakeLlm(
  port: number,
  fake: FakeLlm = createFakeLlm({ frameMs: HAND_FRAME_MS }),
): Promise<{ baseUrl: string; fake: FakeLlm; close: () => Promise<void> }> {
  const served = await serveFetch(port, 'fake model server', (request) => fake.app.fetch(request));
  return { baseUrl: `${served.url}/v1`, fake, close: served.close };
}

if (
  process.argv[1] !== undefined &&
  fileURLToPath(import.meta.url) === path.resolve(process.argv[1])
) {
  const port = Number(process.env.PORT ?? DEFAULT_FAKE_LLM_PORT);
  const { baseUrl } = await serveFakeLlm(port);
  console.log(`fake model server on ${baseUrl} (set LLM_BASE_URL to it, LLM_MODEL=fake)`);
}
