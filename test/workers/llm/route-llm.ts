/**
 * @module route-llm
 * Points the Worker's model calls at an in-process fake model server (test/fake-llm): as in
 * ../nemo/route-upstream.ts, `globalThis.fetch` is spied on (the session room runs in the
 * test's isolate) and every request to the `workers-llm` project's `LLM_BASE_URL` host is
 * answered by the fake's `app.fetch`; anything else goes to the real `fetch`.
 */
import { env } from 'cloudflare:workers';
import { afterEach, vi } from 'vitest';
import { createFakeLlm } from '../../fake-llm/fake-llm';
import type { FakeLlm } from '../../fake-llm/fake-llm';

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
  const origin = new URL(env.LLM_BASE_URL ?? '').origin;
  const realFetch = globalThis.fetch.bind(globalThis);
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const request = new Request(input, init);
    if (new URL(request.url).origin !== origin) return realFetch(input, init);
    return fake.app.fetch(request);
  });
  return fake;
}

afterEach(() => {
  vi.restoreAllMocks();
});
