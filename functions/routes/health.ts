/**
 * @module health
 * `GET /api/health`: the app is up, and which engine answers chats.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { selectEngine } from '../engine/select-engine';

/** Health routes, mounted under `/api`. */
export const healthRoutes = new Hono<AppEnv>().get('/health', (c) => {
  const engine = selectEngine(c.env.ENGINE);
  return c.json({ ok: true as const, engine: engine.name });
});
