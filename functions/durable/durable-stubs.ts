/**
 * @module durable-stubs
 * How the Worker reaches its Durable Objects: each is addressed by name (`idFromName`), so the
 * same session, render or visitor id always reaches the same object.
 */
import type { Env } from '../env';
import type { SessionRoom } from './session-room';
import type { RenderJob } from './render-job';
import type { VisitorAccount } from './visitor-account';

/** The session's room, named by the session id. */
export function sessionRoom(env: Env, sessionId: string): DurableObjectStub<SessionRoom> {
  return env.SESSION_ROOM.get(env.SESSION_ROOM.idFromName(sessionId));
}

/** The render job, named by the render id. */
export function renderJob(env: Env, renderId: string): DurableObjectStub<RenderJob> {
  return env.RENDER_JOB.get(env.RENDER_JOB.idFromName(renderId));
}

/** The visitor's account, named by the visitor id. */
export function visitorAccount(env: Env, visitorId: string): DurableObjectStub<VisitorAccount> {
  return env.VISITOR_ACCOUNT.get(env.VISITOR_ACCOUNT.idFromName(visitorId));
}
