/**
 * @module exports
 * `POST /api/sessions/:id/exports`: starts an export of the session's current draft, or with
 * the body `{ batchItemId }` of one item of the session's batch (each item is its own export).
 * The body is optional: none (or an empty one) exports the session's draft. Freezes the cost in
 * credits (402 `out_of_credits`, contractCode 2001, when short), then creates the render job
 * (status `queued`) that the browser renderer reports progress and the MP4 to. Exporting a
 * version whose browser render was interrupted answers that job (200, not 201) to be resumed
 * at its next chunk, and charges nothing more (durable/resume-export.ts). Refused with 429
 * `export_rate_limited` past `EXPORTS_PER_VISITOR_PER_HOUR`, and with an operator `NEMO_TOKEN`
 * 429 `remote_export_limit` past `NEMO_EXPORTS_PER_VISITOR` a day (durable/export-rate.ts).
 * Remote exports (nemo) cost nothing here: the remote API charges its own credits, and
 * `GET /api/credits` shows that balance.
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import type { AppEnv } from '../env';
import { createExportBodySchema } from '../../shared/api-schema';
import type { CreateExportBody } from '../../shared/api-schema';
import { sessionRoom } from '../durable/durable-stubs';
import { selectEngine } from '../engine/select-engine';
import { jsonBodyLimit, readJsonBody } from '../middleware/json-body';
import { withDownloadLink } from '../signing/download-link';
import { parseId, unwrap } from '../http/route-helpers';
import { findInterruptedExport } from '../durable/resume-export';
import { startExport } from '../http/start-export';

/**
 * The export body: `{}` when the request has none (clients from before batches send none),
 * else parsed with `createExportBodySchema`.
 *
 * @throws {ApiError} 400 `invalid_json` / `invalid_body` (json-body.ts).
 */
async function readExportBody(c: Context<AppEnv>): Promise<CreateExportBody> {
  const text = await c.req.text();
  return text.trim() === '' ? {} : readJsonBody(c, createExportBodySchema);
}

/** Export routes, mounted under `/api`. */
export const exportRoutes = new Hono<AppEnv>().post(
  '/sessions/:id/exports',
  jsonBodyLimit(),
  async (c) => {
    const visitorId = c.get('visitorId');
    const sessionId = parseId(c.req.param('id'), 'session');
    const body = await readExportBody(c);
    const snapshot = unwrap(
      await sessionRoom(c.env, sessionId).exportSnapshot(visitorId, body.batchItemId),
    );
    const { renderer } = selectEngine(c.env.ENGINE);
    const interrupted =
      renderer === 'browser'
        ? await findInterruptedExport(c.env, visitorId, { sessionId, ...snapshot })
        : null;
    if (interrupted !== null)
      return c.json(await withDownloadLink(interrupted, c.env.VISITOR_SECRET), 200);
    const job = await startExport(c.env, { visitorId, sessionId, snapshot, renderer });
    return c.json(await withDownloadLink(job, c.env.VISITOR_SECRET), 201);
  },
);
