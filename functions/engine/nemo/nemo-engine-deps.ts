/**
 * @module nemo-engine-deps
 * Wires the nemo engine to the Worker: configuration from the env, the visitor's upstream
 * identity kept in their `VisitorAccount` Durable Object, and the global `fetch`.
 */
import type { Env } from '../../env';
import { visitorAccount } from '../../durable/durable-stubs';
import type { NemoEngineDeps, UpstreamSessionStore } from './nemo-engine';
import { readNemoConfig } from './nemo-config';
import type { IdentityStore } from './nemo-token';

/** The identity store of `visitorId`: their `VisitorAccount`. */
export function visitorIdentityStore(env: Env, visitorId: string): IdentityStore {
  const account = visitorAccount(env, visitorId);
  return {
    load: () => account.upstreamIdentity(),
    save: (identity) => account.saveUpstreamIdentity(identity),
  };
}

/**
 * Everything a nemo turn of `visitorId` needs.
 * @param sessionId our session id, so the turn can send its uploads upstream.
 * @throws {NemoConfigError} when the `NEMO_*` variables are unusable.
 */
export function nemoEngineDeps(
  env: Env,
  visitorId: string,
  session: UpstreamSessionStore,
  sessionId?: string,
): NemoEngineDeps {
  const config = readNemoConfig({ ...env });
  return {
    config,
    identity: config.token === null ? visitorIdentityStore(env, visitorId) : null,
    session,
    ...(sessionId === undefined ? {} : { media: { bucket: env.MEDIA, sessionId } }),
  };
}
