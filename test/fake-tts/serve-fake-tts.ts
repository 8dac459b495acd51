/**
 * @module serve-fake-tts
 * `npm run fake-tts`: serves the fake speech server (./fake-tts.ts) on a local port, to try the
 * neural voice by hand without one:
 *
 * ```
 * npm run fake-tts                 # http://127.0.0.1:8792/v1 (PORT=… to change)
 * # in .dev.vars: TTS_BASE_URL=http://127.0.0.1:8792/v1, TTS_MODEL=fake, TTS_VOICE=fake
 * npm start
 * ```
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveFetch } from '../fake-upstream/serve-fake-upstream';
import { createFakeTts } from './fake-tts';
import type { FakeTts } from './fake-tts';

/** Default port: next to the fake model server's 8791. */
export const DEFAULT_FAKE_TTS_PORT = 8792;

/**
 * Starts the fake on `port` (0 = any free port).
 * @returns its base URL (ending in `/v1`, as `TTS_BASE_URL` wants it) and a close function
 */
export async function serveFakeTts(
  port: number,
  fake: FakeTts = createFakeTts(),
): Promise<{ baseUrl: string; fake: FakeTts; close: () => Promise<void> }> {
  const served = await serveFetch(port, 'fake speech server', (request) => fake.app.fetch(request));
  return { baseUrl: `${served.url}/v1`, fake, close: served.close };
}

if (
  process.argv[1] !== undefined &&
  fileURLToPath(import.meta.url) === path.resolve(process.argv[1])
) {
  const port = Number(process.env.PORT ?? DEFAULT_FAKE_TTS_PORT);
  const { baseUrl } = await serveFakeTts(port);
  console.log(
    `fake speech server on ${baseUrl} (set TTS_BASE_URL to it, TTS_MODEL and TTS_VOICE to anything)`,
  );
}
