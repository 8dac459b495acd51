/**
 * @module nemo-token
 * Which token a call to the remote API carries. The operator's `NEMO_TOKEN` when configured;
 * otherwise an anonymous token per visitor: a client id (a UUID made here, kept at the edge in
 * the visitor's account, never sent to the browser) exchanged at `POST /api/auth/anonymous-token`.
 * After a 1001 (token expired/invalid) the token is fetched again for the same client id; the
 * API hands out one token per client per 7 days, so a 429 there is final, not retried.
 */
import { z } from 'zod';
import type { NemoClient } from './nemo-client';
import type { NemoConfig } from './nemo-config';
import { UpstreamCode, UpstreamError } from './nemo-error';

/** The visitor's upstream identity as stored at the edge. */
export const upstreamIdentitySchema = z.object({
  clientId: z.uuid(),
  token: z.string().min(1).nullable(),
  obtainedAtMs: z.number().int().nonnegative().nullable(),
});
export type UpstreamIdentity = z.infer<typeof upstreamIdentitySchema>;

/** Where a visitor's identity is kept (the `VisitorAccount` Durable Object in production). */
export interface IdentityStore {
  load(): Promise<UpstreamIdentity | null>;
  save(identity: UpstreamIdentity): Promise<void>;
}

/** Provides the token for calls, and a fresh one after a 1001. */
export class UpstreamToken {
  readonly #client: NemoClient;
  readonly #config: NemoConfig;
  readonly #store: IdentityStore | null;
  #identity: UpstreamIdentity | null = null;

  /**
   * @param store the visitor's identity store; may be null only when a token is configured.
   * @throws {Error} when neither a configured token nor a store is given.
   */
  constructor(client: NemoClient, config: NemoConfig, store: IdentityStore | null) {
    if (config.token === null && store === null)
      throw new Error('an anonymous nemo token needs an identity store');
    this.#client = client;
    this.#config = config;
    this.#store = store;
  }

  /** True when calls use the visitor's anonymous token (not the operator's). */
  get anonymous(): boolean {
    return this.#config.token === null;
  }

  /** The link an anonymous visitor registers with (`<NEMO_REGISTER_URL>?bind=<client id>`), if known. */
  registerLink(): string | null {
    if (!this.anonymous || this.#identity === null) return null;
    const url = new URL(this.#config.registerUrl);
    url.searchParams.set('bind', this.#identity.clientId);
    return url.toString();
  }

  /**
   * The token to use now: the configured one, the stored one, or a new anonymous one.
   * @throws {UpstreamError} when a new anonymous token cannot be had (429: one per client per 7 days).
   */
  async current(): Promise<string> {
    if (this.#config.token !== null) return this.#config.token;
    const identity = await this.#load();
    if (identity.token !== null) return identity.token;
    try {
      return await this.#obtain(identity);
    } catch (error) {
      // 429: another turn of this visitor may have just got the client's token; use that one.
      if (!(error instanceof UpstreamError) || error.code !== UpstreamCode.rateLimited) throw error;
      const again = await this.#load(true);
      if (again.token === null) throw error;
      return again.token;
    }
  }

  /**
   * A new token after `rejected` got a 1001. A configured token cannot be renewed here: its
   * 1001 is final (the operator must replace the secret).
   * @throws {UpstreamError} 1001 for a configured token; 429 when the client already got one.
   */
  async refresh(rejected: string): Promise<string> {
    if (this.#config.token !== null) throw new UpstreamError(UpstreamCode.tokenInvalid, 401);
    const identity = await this.#load(true);
    if (identity.token !== null && identity.token !== rejected) return identity.token;
    try {
      return await this.#obtain(identity);
    } catch (error) {
      // 429 here: this client already got its token for the week; the token problem stands.
      if (error instanceof UpstreamError && error.code === UpstreamCode.rateLimited) {
        throw new UpstreamError(
          UpstreamCode.tokenInvalid,
          error.status,
          'api',
          'token rejected and no new one for this client yet',
        );
      }
      throw error;
    }
  }

  async #load(fresh = false): Promise<UpstreamIdentity> {
    if (this.#identity !== null && !fresh) return this.#identity;
    const stored = this.#store === null ? null : await this.#store.load();
    this.#identity = stored ?? { clientId: crypto.randomUUID(), token: null, obtainedAtMs: null };
    return this.#identity;
  }

  async #obtain(identity: UpstreamIdentity): Promise<string> {
    let clientId = identity.clientId;
    let token: string;
    try {
      token = await this.#client.anonymousToken(clientId);
    } catch (error) {
      // 400 = "missing X-Client-Id": make a new one and retry (docs/remote-api.md#error-codes).
      if (!(error instanceof UpstreamError) || error.code !== UpstreamCode.missingClientId)
        throw error;
      clientId = crypto.randomUUID();
      token = await this.#client.anonymousToken(clientId);
    }
    const next: UpstreamIdentity = { clientId, token, obtainedAtMs: Date.now() };
    this.#identity = next;
    await this.#store?.save(next);
    return token;
  }
}
