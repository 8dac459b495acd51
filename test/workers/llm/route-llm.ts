/**
 * @module route-llm
 * Points the Worker's model calls at an in-process fake model server (test/fake-llm): every
 * request to the `workers-llm` project's `LLM_BASE_URL` host is answered by the fake's
 * `app.fetch` (../route-origin.ts).
 */
import { env } from 'cloudflare:workers';
import { createFakeLlm } from '../../fake-llm/fake-llm';
import type { FakeLlm } from '../../fake-llm/fake-llm';
import { routeOrigin } from '../route-origin';

/** The key the project configures (vitest.config.ts): random per run. */
export function configuredKey(): string {
  const key = env.LLM_API_KEY;
  if (!key) throw new Error('the workers-llm project sets LLM_API_KEY');
  return key;
}

/**
 * Creates a fresh fake expecting the configured key and routes the model host to it until the
 * test ends.
 */
export function routeLlm(): FakeLlm {
  const fake = createFakeLlm({ apiKey: configuredKey(), frameMs: 0 });
  routeOrigin(env.LLM_BASE_URL ?? '', (request) => fake.app.fetch(request));
  return fake;
}
