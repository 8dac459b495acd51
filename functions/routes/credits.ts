/**
 * @module credits
 * `GET /api/credits`: the visitor's credits `{available, frozen, total}`. On the embedded
 * engine they are our own ledger (`VisitorAccount`); on the nemo engine, the remote API's
 * balance, since it is the one that charges exports (an upstream failure is a 502 with a
 * plain message, never the upstream's own JSON). A visitor who never chatted has no remote
 * account yet, and asking for a balance must not create one (each anonymous token is an
 * account upstream): without an operator `NEMO_TOKEN` and before the first chat turn stored an
 * anonymous token, the answer is `{available:null, frozen:null, total:null, note}`.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../env';
import type { Credits, CreditsAnswer } from '../../shared/api-schema';
import { visitorAccount, visitorIdentityStore } from '../durable/durable-stubs';
import { ApiError } from '../middleware/api-error';
import { selectEngine } from '../engine/select-engine';
import { upstreamCredits } from '../engine/nemo/nemo-credits';
import { readNemoConfig } from '../engine/nemo/nemo-config';

/** The note of the unknown balance (before the visitor's first chat message on the nemo engine). */
export const NO_REMOTE_ACCOUNT_YET =
  'Your credits are shown after your first message: the video service opens your account then.';

/** Credit routes, mounted under `/api`. */
export const creditRoutes = new Hono<AppEnv>().get('/credits', async (c) => {
  const visitorId = c.get('visitorId');
  if (selectEngine(c.env.ENGINE).name === 'nemo') {
    const operatorToken = readNemoConfig({ ...c.env }).token !== null;
    const identity = operatorToken
      ? null
      : await visitorAccount(c.env, visitorId).upstreamIdentity();
    if (!operatorToken && identity?.token == null) {
      const unknown: CreditsAnswer = {
        available: null,
        frozen: null,
        total: null,
        note: NO_REMOTE_ACCOUNT_YET,
      };
      return c.json(unknown);
    }
    const result = await upstreamCredits({ ...c.env }, visitorIdentityStore(c.env, visitorId));
    if (!result.ok) throw new ApiError(502, result.error.code, result.error.message);
    return c.json(result.credits);
  }
  const credits: Credits = await visitorAccount(c.env, visitorId).credits();
  return c.json(credits);
});
