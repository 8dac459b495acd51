/**
 * @module exports
 * `POST /api/sessions/:id/exports`: starts an export of the session's current draft. Freezes
 * its cost in credits (402 `out_of_credits`, contractCode 2001, when short), then creates the
 * render job (status `queued`) that the browser renderer reports progress and the MP4 to.
 * Remote exports (nemo) cost nothing here: the remote API charges its own credits, and
 * `GET /api/credits` shows that balance.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { renderJob, sessionRoom, visitorAccount } from '../durable/durable-stubs';
import { exportCostCredits } from '../durable/export-cost';
import { selectEngine } from '../engine/select-engine';
import { parseId, unwrap } from './route-helpers';

/** Export routes, mounted under `/api`. */
export const exportRoutes = new Hono<AppEnv>().post('/sessions/:id/exports', async (c) => {
  const visitorId = c.get('visitorId');
  const sessionId = parseId(c.req.param('id'), 'session');
  const snapshot = unwrap(await sessionRoom(c.env, sessionId).exportSnapshot(visitorId));
  const { renderer } = selectEngine(c.env.ENGINE);
  const renderId = crypto.randomUUID();
  const atMs = Date.now();
  const costCredits = renderer === 'browser' ? exportCostCredits(snapshot.draft.durationMs) : 0;
  const account = visitorAccount(c.env, visitorId);
  unwrap(await account.freeze({ renderId, sessionId, amount: costCredits, atMs }));
  try {
    const job = await renderJob(c.env, renderId).create({
      renderId,
      sessionId,
      owner: visitorId,
      title: snapshot.title,
      draft: snapshot.draft,
      draftVersion: snapshot.version,
      costCredits,
      renderer,
      atMs,
    });
    return c.json(job, 201);
  } catch (error) {
    await account.refund(renderId);
    throw error;
  }
});
