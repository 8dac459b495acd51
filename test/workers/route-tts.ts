/**
 * @module route-tts
 * Points the Worker's neural-voice calls at an in-process fake speech server (test/fake-tts), as
 * llm/route-llm.ts does for the model: every request to the `TTS_BASE_URL` host (vitest.config.ts)
 * is answered by the fake's `app.fetch` (route-origin.ts).
 */
import { env } from 'cloudflare:workers';
import { createFakeTts } from '../fake-tts/fake-tts';
import type { FakeTts } from '../fake-tts/fake-tts';
import { routeOrigin } from './route-origin';

/** The key the `workers` project configures (random per run). */
export function configuredTtsKey(): string {
  const key = env.TTS_API_KEY;
  if (!key) throw new Error('the workers project sets TTS_API_KEY');
  return key;
}

/** A fresh fake expecting the configured key, routed until the test ends. */
export function routeTts(): FakeTts {
  const fake = createFakeTts({ apiKey: configuredTtsKey() });
  routeOrigin(env.TTS_BASE_URL ?? '', (request) => fake.app.fetch(request));
  return fake;
}
