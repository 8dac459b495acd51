/**
 * @module sessions
 * Session routes (docs/http-api.md): create and list sessions, restore one, post a chat
 * message (answered as SSE piped from the session's Durable Object, which keeps running the
 * turn if the visitor disconnects) and follow the session's events after a `Last-Event-ID`
 * (stored ones, then live ones: a running turn's, or with `?live=1` every later turn's).
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env';
import { postMessageBodySchema } from '../../shared/api-schema';
import { sessionRoom, visitorAccount } from '../durable/durable-stubs';
import { openSession } from '../durable/open-session';
import { ApiError } from '../middleware/api-error';
import { jsonBodyLimit, readJsonBody } from '../middleware/json-body';
import { turnGate } from '../middleware/turn-gate';
import { SSE_HEADERS } from '../sse/sse-channel';
import { parseDecimalInt, parseId, unwrap } from '../http/route-helpers';
import { readQuotaConfig } from '../quota/quota-config';

/** `?live=`: `1`/`true` keeps the events stream open for later turns; absent, `0` or `false` does not. */
const liveQuerySchema = z.enum(['1', 'true', '0', 'false']).optional();

/**
 * Whether `?live=` asks for a stream that stays open for later turns.
 *
 * @throws {ApiError} 400 `invalid_query` for any other value.
 */
function wantsLive(query: string | undefined): boolean {
  const parsed = liveQuerySchema.safeParse(query);
  if (!parsed.success)
    throw new ApiError(400, 'invalid_query', '?live= must be 1, true, 0 or false.');
  return parsed.data === '1' || parsed.data === 'true';
}

/**
 * The seq to replay after: the `Last-Event-ID` header (what EventSource sends on reconnect)
 * wins over `?after=`; neither means from the start (0).
 *
 * @throws {ApiError} 400 `invalid_query` when the value is not a whole number ≥ 0 in plain
 *   decimal digits (`0x10`, `1e1`, `+1`, `01`… are refused, not read as another seq).
 */
function replayAfter(header: string | undefined, query: string | undefined): number {
  const raw = header ?? query;
  if (raw === undefined || raw === '') return 0;
  return parseDecimalInt(raw, {
    min: 0,
    max: Number.MAX_SAFE_INTEGER,
    code: 'invalid_query',
    message: `Last-Event-ID / ?after= must be a whole number of 0 or more in plain decimal digits, not "${raw.slice(0, 40)}".`,
  });
}

/** Session routes, mounted under `/api`. */
export const sessionRoutes = new Hono<AppEnv>()
  .post('/sessions', async (c) => {
    const limit = readQuotaConfig(c.env).sessionsPerVisitor;
    const session = unwrap(await openSession(c.env, c.get('visitorId'), limit));
    return c.json({ session }, 201);
  })
  .get('/sessions', async (c) => {
    const visitorId = c.get('visitorId');
    const sessions = await visitorAccount(c.env, visitorId).listSessions(visitorId);
    return c.json({ sessions });
  })
  .get('/sessions/:id', async (c) => {
    const sessionId = parseId(c.req.param('id'), 'session');
    return c.json(unwrap(await sessionRoom(c.env, sessionId).state(c.get('visitorId'))));
  })
  .post('/sessions/:id/messages', turnGate(), jsonBodyLimit(), async (c) => {
    const sessionId = parseId(c.req.param('id'), 'session');
    const body = await readJsonBody(c, postMessageBodySchema);
    const stream = unwrap(
      await sessionRoom(c.env, sessionId).turn(c.get('visitorId'), body.text, body.clientMessageId),
    );
    return c.body(stream, 200, { ...SSE_HEADERS });
  })
  .get('/sessions/:id/events', async (c) => {
    const sessionId = parseId(c.req.param('id'), 'session');
    const after = replayAfter(c.req.header('Last-Event-ID'), c.req.query('after'));
    const live = wantsLive(c.req.query('live'));
    const stream = unwrap(
      await sessionRoom(c.env, sessionId).subscribe(c.get('visitorId'), after, live),
    );
    return c.body(stream, 200, { ...SSE_HEADERS });
  });
