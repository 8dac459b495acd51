/**
 * @module nemo-credits
 * The visitor's credits on the remote API (`GET /api/credits/balance/simple`, docs/remote-api.md
 * "credits"), for `GET /api/credits` when `ENGINE=nemo`: the remote API charges the exports,
 * so its balance is the one to show. Uses the operator token or the visitor's anonymous one
 * (obtained on first use), renewed once on 1001 like every other call.
 */
import type { Credits } from '../../../shared/api-schema';
import { NemoClient, type FetchLike } from './nemo-client';
import { readNemoConfig } from './nemo-config';
import { UpstreamCode, UpstreamError, plainUpstreamError, type PlainError } from './nemo-error';
import { UpstreamToken, type IdentityStore } from './nemo-token';

/** The balance, or what to tell the visitor when it cannot be read. */
export type UpstreamCreditsResult =
  | { ok: true; credits: Credits }
  | { ok: false; error: PlainError };

/**
 * Reads the visitor's balance upstream. Never throws for upstream failures: they come back as
 * a plain error (timeouts, 1001 twice, 429…).
 * @param vars the Worker's variables; the `NEMO_*` ones configure the API (nemo-config.ts).
 * @param identity the visitor's identity store (port: their `VisitorAccount`), used when no
 *   operator token is configured.
 * @throws {NemoConfigError} when the `NEMO_*` variables are unusable (a configuration fault).
 */
export async function upstreamCredits(
  vars: Record<string, unknown>,
  identity: IdentityStore,
  fetchFn?: FetchLike,
): Promise<UpstreamCreditsResult> {
  const config = readNemoConfig(vars);
  const client = new NemoClient(config, fetchFn);
  const tokens = new UpstreamToken(client, config, config.token === null ? identity : null);
  try {
    let token = await tokens.current();
    try {
      return { ok: true, credits: roundCredits(await client.credits(token)) };
    } catch (error) {
      if (!(error instanceof UpstreamError) || error.code !== UpstreamCode.tokenInvalid)
        throw error;
      token = await tokens.refresh(token);
      return { ok: true, credits: roundCredits(await client.credits(token)) };
    }
  } catch (error) {
    if (!(error instanceof UpstreamError)) throw error;
    return {
      ok: false,
      error: plainUpstreamError(error, {
        anonymous: tokens.anonymous,
        registerLink: tokens.registerLink(),
      }),
    };
  }
}

/** Our contract counts whole credits; the remote API may send fractions. */
function roundCredits(balance: { available: number; frozen: number; total: number }): Credits {
  return {
    available: Math.floor(balance.available),
    frozen: Math.ceil(balance.frozen),
    total: Math.floor(balance.total),
  };
}
