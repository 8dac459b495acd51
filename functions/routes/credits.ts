/**
 * @module credits
 * `GET /api/credits`: the visitor's credits `{available, frozen, total}`.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../env';
import type { Credits } from '../../shared/api-schema';
import { visitorAccount } from '../durable/durable-stubs';

/** Credit routes, mounted under `/api`. */
export const creditRoutes = new Hono<AppEnv>().get('/credits', async (c) => {
  const credits: Credits = await visitorAccount(c.env, c.get('visitorId')).credits();
  return c.json(credits);
});
