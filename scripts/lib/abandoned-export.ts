/**
 * @module abandoned-export
 * A render job for render workers, made through the app as a visitor's tab would leave it: the
 * tab starts an export of its session, sends one progress report and goes quiet (it renders
 * nothing). 20 s later (HEARTBEAT_TIMEOUT_MS) the job is `interrupted` and, with workers
 * connected, queued for them. For the render-worker e2e test and the fleet bench.
 */
import type { Page } from 'playwright-core';
import { renderJobInfoSchema, sessionListSchema } from '../../shared/api-schema';
import type { RenderJobInfo } from '../../shared/api-schema';

/** How often {@link waitCompleted} reads the job, ms. */
const POLL_MS = 250;

/** `fetch` in the page (with the visitor's cookie); the JSON answer. */
export async function pageJson(
  page: Page,
  url: string,
  method = 'GET',
  body?: unknown,
): Promise<unknown> {
  return page.evaluate(
    async ({ url, method, body }) => {
      const response = await fetch(url, {
        method,
        headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return response.json() as Promise<unknown>;
    },
    { url, method, body },
  );
}

/** Reads render `renderId` as the page's visitor. */
export async function readRender(page: Page, renderId: string): Promise<RenderJobInfo> {
  return renderJobInfoSchema.parse(await pageJson(page, `/api/renders/${renderId}`));
}

/** Reads `url` (an `/api` GET) as the page's visitor. */
export function readJson(page: Page, url: string): Promise<unknown> {
  return pageJson(page, url);
}

/**
 * Exports the visitor's session `session` (default: their newest) and abandons the export (see
 * the module docblock).
 * @throws Error when the visitor has no session
 */
export async function abandonedExport(page: Page, session?: string): Promise<RenderJobInfo> {
  const sessions = sessionListSchema.parse(await pageJson(page, '/api/sessions')).sessions;
  const sessionId = session ?? sessions[0]?.id;
  if (sessionId === undefined) throw new Error('the visitor has no session');
  const job = renderJobInfoSchema.parse(
    await pageJson(page, `/api/sessions/${sessionId}/exports`, 'POST', {}),
  );
  await pageJson(page, `/api/renders/${job.id}/progress`, 'POST', {
    framesDone: 0,
    totalFrames: job.totalFrames,
    fps: 0,
  });
  return job;
}

/**
 * Resolves with the job once `completed`.
 * @throws Error when it fails or is not completed within `timeoutMs` (with `context()` appended)
 */
export async function waitCompleted(
  page: Page,
  renderId: string,
  timeoutMs: number,
  context: () => string = () => '',
): Promise<RenderJobInfo> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const info = await readRender(page, renderId);
    if (info.status === 'completed') return info;
    if (info.status === 'failed' || Date.now() > deadline)
      throw new Error(`render ${renderId} is ${info.status} (${info.error ?? ''}); ${context()}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
