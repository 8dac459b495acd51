/**
 * @module fleet-fixture (workers tests)
 * A render worker as the tests drive it: calls `/api/fleet` with the fleet key (the Worker runs
 * with `RENDER_FLEET_KEY` set for these calls only), leases work, heartbeats, and PUTs chunks,
 * audio and the MP4 under its lease, like scripts/render-worker.ts's page does.
 */
import { env } from 'cloudflare:workers';
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { createApp } from '../../functions/app';
import type { Env } from '../../functions/env';
import { RENDER_LEASE_HEADER, fleetLeaseSchema } from '../../shared/fleet-schema';
import type { FleetLease } from '../../shared/fleet-schema';
import { ORIGIN } from './visitor-client';

/** The fleet key of these tests: random per run. */
export const FLEET_KEY = `fleet-${crypto.randomUUID()}-${crypto.randomUUID()}`;

/** Calls the app with `RENDER_FLEET_KEY` = `key` in its env (null: unset). */
export async function fleetFetch(
  path: string,
  init: RequestInit = {},
  key: string | null = FLEET_KEY,
): Promise<Response> {
  const ctx = createExecutionContext();
  const bindings: Env = { ...env, RENDER_FLEET_KEY: key ?? undefined };
  const response = await createApp().fetch(new Request(`${ORIGIN}${path}`, init), bindings, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

/** A worker with its own id, sending the fleet key. */
export class FleetWorker {
  readonly id = crypto.randomUUID();

  fetch(
    path: string,
    init: RequestInit = {},
    extra: Record<string, string> = {},
  ): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('Authorization', `Bearer ${FLEET_KEY}`);
    for (const [name, value] of Object.entries(extra)) headers.set(name, value);
    return fleetFetch(path, { ...init, headers });
  }

  /** `POST /api/fleet/lease`: the lease, or null on 204. @throws Error on any other answer */
  async lease(preferRenderId?: string): Promise<FleetLease | null> {
    const response = await this.leaseResponse(preferRenderId);
    if (response.status === 204) return null;
    if (response.status !== 201)
      throw new Error(`lease answered ${response.status}: ${await response.text()}`);
    return fleetLeaseSchema.parse(await response.json());
  }

  leaseResponse(preferRenderId?: string): Promise<Response> {
    return this.fetch('/api/fleet/lease', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ workerId: this.id, preferRenderId }),
    });
  }

  heartbeat(leaseId: string): Promise<Response> {
    return this.fetch(`/api/fleet/leases/${leaseId}/heartbeat`, { method: 'POST' });
  }

  /** PUTs `body` to `/api/fleet/renders/<id>/<what>` (`chunks/<k>`, `audio`, `file`) under `leaseId`. */
  put(
    renderId: string,
    what: string,
    leaseId: string,
    body: Uint8Array<ArrayBuffer>,
  ): Promise<Response> {
    return this.fetch(
      `/api/fleet/renders/${renderId}/${what}`,
      {
        method: 'PUT',
        headers: {
          'Content-Type': 'application/octet-stream',
          'Content-Length': String(body.byteLength),
        },
        body,
      },
      { [RENDER_LEASE_HEADER]: leaseId },
    );
  }

  get(renderId: string, what: string, leaseId: string): Promise<Response> {
    return this.fetch(
      `/api/fleet/renders/${renderId}/${what}`,
      {},
      { [RENDER_LEASE_HEADER]: leaseId },
    );
  }
}
