/**
 * @module open-session
 * A new chat session for a visitor, as `POST /api/sessions` and the `/mcp` `plan_video` tool
 * make one: listed in the visitor's `VisitorAccount` first (which refuses past the visitor's
 * session limit), then created in its own `SessionRoom`.
 */
import type { Env } from '../env';
import type { SessionInfo } from '../../shared/api-schema';
import type { DurableResult } from './durable-result';
import { sessionRoom, visitorAccount } from './durable-stubs';

/**
 * Opens a new session owned by `visitorId`.
 *
 * @param sessionsPerVisitor the most sessions one visitor may ever create (quota-config.ts).
 * @returns the session, or the account's refusal (403 `session_limit`, visitor-account.ts).
 */
export async function openSession(
  env: Env,
  visitorId: string,
  sessionsPerVisitor: number,
): Promise<DurableResult<SessionInfo>> {
  const sessionId = crypto.randomUUID();
  const atMs = Date.now();
  const listed = await visitorAccount(env, visitorId).addSession(
    sessionId,
    atMs,
    sessionsPerVisitor,
  );
  if (!listed.ok) return listed;
  return sessionRoom(env, sessionId).create({ sessionId, owner: visitorId, atMs });
}
