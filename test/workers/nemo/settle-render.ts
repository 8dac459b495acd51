/**
 * @module settle-render (nemo test support)
 * Follows a remote render job until the alarm-driven export settles (`completed` or `failed`).
 */
import { renderJobInfoSchema } from '../../../shared/api-schema';
import type { RenderJobInfo } from '../../../shared/api-schema';
import type { Visitor } from '../visitor-client';

/** Gap between two reads of the job, ms: a few of the project's 20-ms polls. */
const READ_GAP_MS = 15;

/**
 * Reads job `renderId` until it is completed or failed, and returns every state read (last = final).
 * @throws Error when it has not settled within `timeoutMs`
 */
export async function settleRender(
  visitor: Visitor,
  renderId: string,
  timeoutMs = 8_000,
): Promise<RenderJobInfo[]> {
  const seen: RenderJobInfo[] = [];
  const until = Date.now() + timeoutMs;
  for (;;) {
    const info = renderJobInfoSchema.parse(
      await (await visitor.fetch(`/api/renders/${renderId}`)).json(),
    );
    seen.push(info);
    if (info.status === 'completed' || info.status === 'failed') return seen;
    if (Date.now() > until) throw new Error(`render still ${info.status}`);
    await new Promise((resolve) => setTimeout(resolve, READ_GAP_MS));
  }
}
