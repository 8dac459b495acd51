/**
 * @module render-lease-book
 * The leases of one render job, in the `RenderJob`'s SQLite: which unit of work (chunk `k`, the
 * audio mix, the final join; shared/fleet-schema.ts) a render worker holds, until when. One row
 * per unit, so a unit is held by at most one lease; a lease not renewed by {@link LEASE_TTL_MS}
 * is lost and its unit may be leased again (the worker went quiet: crashed, killed, cut off).
 */
import { z } from 'zod';
import type { LeaseUnit } from '../../shared/fleet-schema';
import { unitKey } from '../../shared/fleet-schema';
import { readOptionalRow, readRows } from './sql-rows';
import { refused } from './durable-result';
import type { DurableResult } from './durable-result';

/**
 * How long a lease lives without a heartbeat, ms: 30 s. A worker renews it every third of that
 * (10 s), so two missed heartbeats are ridden out; a dead worker's chunk (~3–10 s of encoding at
 * 1080p) waits at most this long before another worker takes it.
 */
export const LEASE_TTL_MS = 30_000;

const leaseRowSchema = z.object({
  unit: z.string(),
  lease_id: z.string(),
  worker_id: z.string(),
  expires_at_ms: z.number().int(),
});

/** A lease as the job keeps it. */
export interface HeldLease {
  unit: string;
  leaseId: string;
  workerId: string;
  expiresAtMs: number;
}

/** Grants, renews, finds and drops the leases of one job. */
export class RenderLeaseBook {
  constructor(private readonly storage: DurableObjectStorage) {
    storage.sql.exec(`
      CREATE TABLE IF NOT EXISTS render_lease (
        unit TEXT PRIMARY KEY,
        lease_id TEXT NOT NULL UNIQUE,
        worker_id TEXT NOT NULL,
        expires_at_ms INTEGER NOT NULL
      );
    `);
  }

  /** Units held by a lease not expired at `nowMs`. */
  heldUnits(nowMs: number): Set<string> {
    return new Set(
      readRows(
        this.storage.sql.exec('SELECT * FROM render_lease WHERE expires_at_ms > ?', nowMs),
        leaseRowSchema,
        'render lease',
      ).map((row) => row.unit),
    );
  }

  /** Leases `unit` to `workerId` for {@link LEASE_TTL_MS} (an expired lease of it is replaced). */
  grant(unit: LeaseUnit, workerId: string, nowMs: number): HeldLease {
    const lease: HeldLease = {
      unit: unitKey(unit),
      leaseId: crypto.randomUUID(),
      workerId,
      expiresAtMs: nowMs + LEASE_TTL_MS,
    };
    this.storage.sql.exec(
      'INSERT OR REPLACE INTO render_lease (unit, lease_id, worker_id, expires_at_ms) VALUES (?, ?, ?, ?)',
      lease.unit,
      lease.leaseId,
      lease.workerId,
      lease.expiresAtMs,
    );
    return lease;
  }

  /** The lease `leaseId` if it is still valid at `nowMs`, else null (expired, released or unknown). */
  valid(leaseId: string, nowMs: number): HeldLease | null {
    const row = readOptionalRow(
      this.storage.sql.exec(
        'SELECT * FROM render_lease WHERE lease_id = ? AND expires_at_ms > ?',
        leaseId,
        nowMs,
      ),
      leaseRowSchema,
      'render lease',
    );
    return row === null
      ? null
      : {
          unit: row.unit,
          leaseId: row.lease_id,
          workerId: row.worker_id,
          expiresAtMs: row.expires_at_ms,
        };
  }

  /** Renews a valid lease for {@link LEASE_TTL_MS} from `nowMs`; null when it was already lost. */
  renew(leaseId: string, nowMs: number): HeldLease | null {
    const lease = this.valid(leaseId, nowMs);
    if (lease === null) return null;
    const expiresAtMs = nowMs + LEASE_TTL_MS;
    this.storage.sql.exec(
      'UPDATE render_lease SET expires_at_ms = ? WHERE lease_id = ?',
      expiresAtMs,
      leaseId,
    );
    return { ...lease, expiresAtMs };
  }

  /** Drops lease `leaseId` (its unit is done, or its worker gave it back). */
  release(leaseId: string): void {
    this.storage.sql.exec('DELETE FROM render_lease WHERE lease_id = ?', leaseId);
  }
}

/** The refusal of a call under a lease that is not valid: 409 `lease_lost`. */
export function leaseLost(): DurableResult<never> {
  return refused(
    409,
    'lease_lost',
    'This lease expired, was given back or is not for this work; lease the work again.',
  );
}
