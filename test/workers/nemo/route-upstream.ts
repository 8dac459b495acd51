/**
 * @module route-upstream
 * Points the Worker's upstream calls at an in-process fake (../route-origin.ts): every request to
 * the fake's host (`NEMO_API_BASE` of the `workers-nemo` project) is answered by the fake Hono
 * app's `app.fetch`. Finished renders serve the real MP4 of the
 * draft's length that `renderMp4` inlines (test/fixtures/render-<s>s.mp4).
 */
import { createFakeUpstream } from '../../fake-upstream/fake-upstream';
import type { FakeUpstream, FakeUpstreamOptions } from '../../fake-upstream/fake-upstream';
import { routeOrigin } from '../route-origin';
import { renderMp4 } from '../visitor-client';

/** The upstream base URL the `workers-nemo` project configures (vitest.config.ts). */
export const FAKE_BASE = 'https://nemo-fake.test';

/** Every request the Worker sent to the fake (URL + headers), for assertions. */
export interface RoutedCall {
  url: string;
  headers: Headers;
}

/** A fake routed from `fetch`, and the calls it got. */
export interface RoutedFake {
  fake: FakeUpstream;
  calls: RoutedCall[];
}

/** Answers some upstream requests itself (null: the fake answers). */
export type UpstreamOverride = (request: Request) => Response | null;

/**
 * Creates a fresh fake and routes the fake host to it until the test ends.
 * @param override answers the requests it wants to (e.g. `/run_sse` with a recorded transcript).
 * @example const { fake } = routeUpstream(); fake.failNext('token', 429);
 */
export function routeUpstream(
  options: FakeUpstreamOptions = {},
  override?: UpstreamOverride,
): RoutedFake {
  const fake = createFakeUpstream({
    renderFile: (durationMs) => renderMp4(durationMs),
    ...options,
  });
  const calls: RoutedCall[] = [];
  routeOrigin(FAKE_BASE, (request) => {
    calls.push({ url: request.url, headers: new Headers(request.headers) });
    return override?.(request) ?? fake.app.fetch(request);
  });
  return { fake, calls };
}
