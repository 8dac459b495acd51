/**
 * @module agent-token (route)
 * `POST /api/agent-token`: a token for the visitor's own agent to call `/mcp` with
 * (docs/mcp.md). It is a widget token of the visitor (widget-token.ts: signed for its one
 * purpose, 30 days, revoked with every other by `DELETE /api/widget-token`), so the agent acts
 * for the same visitor as this browser and sees the same library. Like every write, only the
 * app's own pages may ask from a browser (same-origin-writes.ts); the answer is never cached.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { visitorAccount } from '../durable/durable-stubs';
import { WIDGET_TOKEN_TTL_MS, signWidgetToken } from '../middleware/widget-token';

const MS_PER_S = 1_000;

/** Agent token routes, mounted under `/api`. */
export const agentTokenRoutes = new Hono<AppEnv>().post('/agent-token', async (c) => {
  const visitorId = c.get('visitorId');
  const generation = await visitorAccount(c.env, visitorId).widgetTokenGeneration();
  // Tokens carry whole seconds (widget-token.ts): answer the instant the token says.
  const expiresAtMs = Math.floor((Date.now() + WIDGET_TOKEN_TTL_MS) / MS_PER_S) * MS_PER_S;
  const token = await signWidgetToken({ visitorId, generation, expiresAtMs }, c.env.VISITOR_SECRET);
  c.header('Cache-Control', 'no-store');
  return c.json({ token, expiresAtMs }, 201);
});
