/**
 * @module start-export
 * Starts an export of a session's draft snapshot, as `POST /api/sessions/:id/exports` and the
 * render API (`POST /api/renders`) both do: freezes its cost in the visitor's account
 * (402 `out_of_credits`, contractCode 2001, when short; 429 `export_rate_limited` past
 * `EXPORTS_PER_VISITOR_PER_HOUR`, and with an operator `NEMO_TOKEN` 429 `remote_export_limit`,
 * durable/export-rate.ts), then creates the render job (status `queued`), refunding the frozen
 * credits if that fails. Remote exports (nemo) cost nothing here: the remote API charges its own.
 */
import type { Env } from '../env';
import type { RenderJobInfo } from '../../shared/api-schema';
import { renderJob, visitorAccount } from '../durable/durable-stubs';
import type { ExportSnapshot } from '../durable/session-room';
import { exportCostCredits } from '../pricing/export-cost';
import { readQuotaConfig } from '../quota/quota-config';
import { readNemoConfig } from '../engine/nemo/nemo-config';
import { unwrap } from './route-helpers';

/** What {@link startExport} exports. */
export interface ExportStart {
  visitorId: string;
  sessionId: string;
  snapshot: ExportSnapshot;
  renderer: 'browser' | 'remote';
}

/**
 * Freezes the export's credits and creates its render job (see the module doc).
 * @returns the new job (status `queued`), without a download link
 * @throws {ApiError} the account's refusal (402 / 429), or what creating the job threw
 */
export async function startExport(env: Env, start: ExportStart): Promise<RenderJobInfo> {
  const { visitorId, sessionId, snapshot, renderer } = start;
  const renderId = crypto.randomUUID();
  const atMs = Date.now();
  const costCredits = renderer === 'browser' ? exportCostCredits(snapshot.draft.durationMs) : 0;
  const account = visitorAccount(env, visitorId);
  const quota = readQuotaConfig(env);
  // The operator pays the remote API for remote exports made with their NEMO_TOKEN.
  const operatorPays = renderer === 'remote' && readNemoConfig({ ...env }).token !== null;
  const limits = {
    perHour: quota.exportsPerVisitorPerHour,
    remotePerDay: operatorPays ? quota.nemoExportsPerVisitorPerDay : null,
  };
  unwrap(
    await account.freeze({
      renderId,
      sessionId,
      amount: costCredits,
      atMs,
      draftVersion: snapshot.version,
      batchItemId: snapshot.batchItemId,
      limits,
    }),
  );
  try {
    return await renderJob(env, renderId).create({
      renderId,
      sessionId,
      owner: visitorId,
      title: snapshot.title,
      draft: snapshot.draft,
      draftVersion: snapshot.version,
      batchItemId: snapshot.batchItemId,
      costCredits,
      renderer,
      atMs,
    });
  } catch (error) {
    await account.refund(renderId);
    throw error;
  }
}
