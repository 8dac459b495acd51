/**
 * @module route-origin
 * Points the Worker's calls to one remote host at an in-process fake: vitest-pool-workers cannot
 * listen on ports inside workerd, so `globalThis.fetch` is spied on (Durable Objects of the main
 * module run in the test's isolate, so the spy covers them too) and every request to `baseUrl`'s
 * origin is answered by `answer`; anything else goes to the real `fetch`. The spy is removed when
 * the test ends.
 */
import { afterEach, vi } from 'vitest';

/**
 * @param baseUrl any URL on the remote host (e.g. the project's `LLM_BASE_URL`)
 * @param answer answers each request to that host (usually a fake Hono app's `app.fetch`)
 * @throws TypeError when `baseUrl` is not a URL
 */
export function routeOrigin(
  baseUrl: string,
  answer: (request: Request) => Response | Promise<Response>,
): void {
  const origin = new URL(baseUrl).origin;
  const realFetch = globalThis.fetch.bind(globalThis);
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const request = new Request(input, init);
    if (new URL(request.url).origin !== origin) return realFetch(input, init);
    return answer(request);
  });
}

afterEach(() => {
  vi.restoreAllMocks();
});
