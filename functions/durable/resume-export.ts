/**
 * @module resume-export
 * Export of a draft version whose browser render was interrupted (the page closed, the edge
 * restarted, the connection dropped): that job is answered again, to be resumed at its next
 * chunk, instead of a new job from frame 0 that freezes the cost a second time.
 */
import type { RenderJobInfo } from '../../shared/api-schema';
import type { Env } from '../env';
import { renderJob, visitorAccount } from './durable-stubs';

/** What is being exported: the draft version (or batch version) and the batch item, if any. */
export interface ExportTarget {
  sessionId: string;
  version: number;
  batchItemId: string | null;
}

/**
 * The visitor's `interrupted` browser render of exactly `target`, newest first, or null.
 * Asks only the renders of that version whose credits are still frozen (in progress or
 * interrupted: usually none or one), so an ordinary export adds one account call, no fan-out.
 */
export async function findInterruptedExport(
  env: Env,
  visitorId: string,
  target: ExportTarget,
): Promise<RenderJobInfo | null> {
  const ids = await visitorAccount(env, visitorId).frozenRenderIds({
    sessionId: target.sessionId,
    draftVersion: target.version,
    batchItemId: target.batchItemId,
  });
  for (const id of ids) {
    const job = await renderJob(env, id).resumableFor(
      visitorId,
      target.version,
      target.batchItemId,
    );
    if (job !== null) return job;
  }
  return null;
}
