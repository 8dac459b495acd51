/**
 * @module durable-stubs
 * How the Worker reaches its Durable Objects: each is addressed by name (`idFromName`), so the
 * same session, render or visitor id always reaches the same object. Also the adapters that
 * hand a Durable Object to the engine as one of its ports (functions/engine/: the engine
 * never reaches a Durable Object itself).
 */
import type { Env } from '../env';
import type { IdentityStore } from '../engine/nemo/nemo-token';
import type { BrandKitStore } from '../engine/engine';

/** The session's room, named by the session id. */
export function sessionRoom(env: Env, sessionId: string): ReturnType<Env['SESSION_ROOM']['get']> {
  return env.SESSION_ROOM.get(env.SESSION_ROOM.idFromName(sessionId));
}

/** The render job, named by the render id. */
export function renderJob(env: Env, renderId: string): ReturnType<Env['RENDER_JOB']['get']> {
  return env.RENDER_JOB.get(env.RENDER_JOB.idFromName(renderId));
}

/** The render fleet's queue: one instance, named {@link RENDER_QUEUE_NAME}. */
export function renderQueue(env: Env): ReturnType<Env['RENDER_QUEUE']['get']> {
  return env.RENDER_QUEUE.get(env.RENDER_QUEUE.idFromName(RENDER_QUEUE_NAME));
}

/** The name of the one `RenderQueue` (all render workers of an operator share it). */
export const RENDER_QUEUE_NAME = 'fleet';

/** The visitor's account, named by the visitor id. */
export function visitorAccount(
  env: Env,
  visitorId: string,
): ReturnType<Env['VISITOR_ACCOUNT']['get']> {
  return env.VISITOR_ACCOUNT.get(env.VISITOR_ACCOUNT.idFromName(visitorId));
}

/** The engine's identity-store port for `visitorId`: their upstream identity, kept in their `VisitorAccount`. */
export function visitorIdentityStore(env: Env, visitorId: string): IdentityStore {
  const account = visitorAccount(env, visitorId);
  return {
    load: () => account.upstreamIdentity(),
    save: (identity) => account.saveUpstreamIdentity(identity),
  };
}

/** The engine's brand-kit port for `visitorId`: their kit, kept in their `VisitorAccount`. */
export function visitorBrandKitStore(env: Env, visitorId: string): BrandKitStore {
  const account = visitorAccount(env, visitorId);
  return {
    load: () => account.brandKit(),
    save: (kit) => account.saveBrandKit(kit),
  };
}
