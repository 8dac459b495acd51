/**
 * @module mcp (route)
 * `/mcp`: the MCP endpoint (Streamable HTTP, docs/mcp.md) for a visitor's own agent. Before the
 * server sees a request: browsers' cross-site requests are refused (same-origin-writes.ts, which
 * also answers DNS rebinding: a rebound page still sends its own `Origin`; requests without
 * `Origin`, as agents and other servers send them, pass), the visitor is known by their bearer
 * token (mcp-visitor.ts), the body is capped (json-body.ts) and the calls running at once are
 * capped like chat turns (turn-gate.ts). Only POST is served (stateless). The SDK is loaded on the first `/mcp` request only, so
 * it never slows the start of a Worker that serves none.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { errorBody } from '../middleware/api-error';
import { jsonBodyLimit } from '../middleware/json-body';
import { mcpVisitor } from '../middleware/mcp-visitor';
import { sameOriginWrites } from '../middleware/same-origin-writes';
import { turnGate } from '../middleware/turn-gate';

/** The `/mcp` route, mounted at the root (not under `/api`: no cookie is read or set). */
export const mcpRoutes = new Hono<AppEnv>()
  .post('/', sameOriginWrites(), mcpVisitor(), jsonBodyLimit(), turnGate(), async (c) => {
    const { handleMcpRequest } = await import('../mcp/mcp-server');
    return handleMcpRequest(c.req.raw, {
      env: c.env,
      visitorId: c.get('visitorId'),
      origin: new URL(c.req.url).origin,
    });
  })
  // Stateless: no server-sent stream to open (GET) and no MCP session to end (DELETE); the
  // transport spec has a server without them answer 405.
  .all('/', (c) => {
    c.header('Allow', 'POST');
    return c.json(
      errorBody(
        'method_not_allowed',
        'This MCP endpoint is stateless: send every message as a POST.',
      ),
      405,
    );
  });
