/**
 * @module credits
 * `GET /api/credits`: the visitor's credits `{available, frozen, total}`. On the embedded
 * engine they are our own ledger (`VisitorAccount`); on the nemo engine, the remote API's
 * balance, since it is the one that charges exports (an upstream failure is a 502 with a
 * plain message, never the upstream's own JSON).
 */
import { Hono } from 'hono';
import type { AppEnv } from '../env';
import type { Credits } from '../../shared/api-schema';
import { visitorAccount } from '../durable/durable-stubs';
import { ApiError } from '../middleware/api-error';
import { selectEngine } from '../engine/select-engine';
import { upstreamCredits } from '../engine/nemo/upstream-credits';

/** Credit routes, mounted under `/api`. */
export const creditRoutes = new Hono<AppEnv>().get('/credits', async (c) => {
  const visitorId = c.get('visitorId');
  if (selectEngine(c.env.ENGINE).name === 'nemo') {
    const result = await upstreamCredits(c.env, visitorId);
    if (!result.ok) throw new ApiError(502, result.error.code, result.error.message);
    return c.json(result.credits);
  }
  const credits: Credits = await visitorAccount(c.env, visitorId).credits();
  return c.json(credits);
});
