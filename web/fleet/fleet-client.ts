/**
 * @module fleet-client
 * A render worker's calls to `/api/fleet` (docs/http-api.md "Render fleet"), each with the
 * operator's fleet key as `Authorization: Bearer …` and, for a job's chunk, audio and file, the
 * lease it is made under (`X-Render-Lease`). The key is handed in by the worker's launcher
 * (scripts/render-worker.ts) and kept only in this object: never in the origin's storage.
 * Failures are the SPA's one {@link ApiError} (status, code, message).
 */
import {
  RENDER_LEASE_HEADER,
  fleetLeaseSchema,
  leaseRenewalSchema,
} from '../../shared/fleet-schema';
import type { FleetLease } from '../../shared/fleet-schema';
import {
  ApiError,
  apiErrorFromNetwork,
  apiErrorFromResponse,
  badResponseError,
} from '../app/api-error';

/** The fleet routes of one worker. */
export class FleetClient {
  readonly #key: string;
  /** This worker's id (a UUID), counted against the fleet's worker cap. */
  readonly workerId: string;

  constructor(key: string, workerId: string) {
    this.#key = key;
    this.workerId = workerId;
  }

  /** The next unit of queued work (asking `preferRenderId` first), or null when none is queued. */
  async lease(preferRenderId?: string): Promise<FleetLease | null> {
    const response = await this.#send('/lease', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ workerId: this.workerId, preferRenderId }),
    });
    if (response.status === 204) return null;
    const parsed = fleetLeaseSchema.safeParse(await response.json());
    if (!parsed.success) throw badResponseError(response.status, 'lease');
    return parsed.data;
  }

  /** Renews `leaseId`; resolves with its new expiry (unix ms). @throws ApiError 409 `lease_lost` */
  async heartbeat(leaseId: string): Promise<number> {
    const response = await this.#send(`/leases/${leaseId}/heartbeat`, { method: 'POST' });
    const parsed = leaseRenewalSchema.safeParse(await response.json());
    if (!parsed.success) throw badResponseError(response.status, 'heartbeat');
    return parsed.data.expiresAtMs;
  }

  /** Gives `leaseId` back so another worker may take its unit at once. */
  async release(leaseId: string): Promise<void> {
    await this.#send(`/leases/${leaseId}/release`, { method: 'POST' });
  }

  /** Stores chunk `index` (a chunk file) of `lease`'s job. */
  async putChunk(lease: FleetLease, index: number, bytes: Uint8Array<ArrayBuffer>): Promise<void> {
    // The worker's id goes into the chunk's record as the session that encoded it.
    await this.#put(lease, `chunks/${index}`, new Blob([bytes]), {
      'X-Render-Attempt': this.workerId,
    });
  }

  /** Stores the job's audio chunk file. */
  async putAudio(lease: FleetLease, bytes: Uint8Array<ArrayBuffer>): Promise<void> {
    await this.#put(lease, 'audio', new Blob([bytes]));
  }

  /** Uploads the joined MP4: the job completes. */
  async putFile(lease: FleetLease, mp4: Blob): Promise<void> {
    await this.#put(lease, 'file', mp4);
  }

  /** Reads back a stored chunk (`chunks/<k>`) or the audio (`audio`) under the join lease. */
  async get(lease: FleetLease, what: string): Promise<Uint8Array<ArrayBuffer>> {
    const response = await this.#send(`/renders/${lease.renderId}/${what}`, {
      headers: { [RENDER_LEASE_HEADER]: lease.leaseId },
    });
    return new Uint8Array(await response.arrayBuffer());
  }

  async #put(
    lease: FleetLease,
    what: string,
    body: Blob,
    headers: Record<string, string> = {},
  ): Promise<void> {
    await this.#send(`/renders/${lease.renderId}/${what}`, {
      method: 'PUT',
      headers: {
        ...headers,
        'Content-Type': 'application/octet-stream',
        [RENDER_LEASE_HEADER]: lease.leaseId,
      },
      body,
    });
  }

  /** Sends to `/api/fleet<path>` with the key. @throws ApiError for a non-2xx answer or no answer */
  async #send(path: string, init: RequestInit): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('Authorization', `Bearer ${this.#key}`);
    let response: Response;
    try {
      response = await fetch(`/api/fleet${path}`, { ...init, headers, credentials: 'omit' });
    } catch (cause) {
      throw apiErrorFromNetwork(cause);
    }
    if (!response.ok) throw await apiErrorFromResponse(response);
    return response;
  }
}

/** Whether `error` says the lease is gone (the unit may be someone else's now). */
export function isLeaseLost(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'lease_lost';
}
