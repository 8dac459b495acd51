/**
 * @module nemo-engine-deps
 * Wires the nemo engine from the Worker's variables (`NEMO_*`, nemo-config.ts) and the ports
 * the session room hands it: the visitor's upstream identity (kept in their `VisitorAccount`),
 * the room's upstream session id and, for forwarding uploads, where the session's media are.
 */
import type { MediaSource } from './nemo-forward-media';
import type { NemoEngineDeps, UpstreamSessionStore } from './nemo-engine';
import { readNemoConfig } from './nemo-config';
import type { IdentityStore } from './nemo-token';

/** What the Durable Object layer hands a nemo engine (implemented there, defined here). */
export interface NemoPorts {
  /** The visitor's anonymous identity at the remote API; unused with an operator token. */
  identity: IdentityStore;
  /** Where the session room keeps the remote session id. */
  upstreamSession: UpstreamSessionStore;
  /** Where the session's uploads are, to send new ones upstream; none: nothing is forwarded. */
  media?: MediaSource;
}

/**
 * Everything a nemo turn needs.
 * @param vars the Worker's variables (extra keys are ignored).
 * @throws {NemoConfigError} when the `NEMO_*` variables are unusable.
 */
export function nemoEngineDeps(vars: Record<string, unknown>, ports: NemoPorts): NemoEngineDeps {
  const config = readNemoConfig(vars);
  return {
    config,
    identity: config.token === null ? ports.identity : null,
    session: ports.upstreamSession,
    ...(ports.media === undefined ? {} : { media: ports.media }),
  };
}
