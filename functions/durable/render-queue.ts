/**
 * @module render-queue
 * `RenderQueue`: one Durable Object (named `fleet`, durable-stubs.ts) listing the render jobs
 * that have work for render workers (docs/http-api.md "Render fleet"): jobs queued by the render
 * API ({@link enqueueForWorkers}) and browser renders whose page went quiet while workers were
 * connected ({@link RenderQueue.offerAbandoned}). A worker asks it for a lease; it asks the
 * queued jobs, oldest first (the one the worker just worked on first), and each `RenderJob`
 * decides which of its units to lease (render-job.ts `lease`). It keeps which worker holds
 * which lease, to route heartbeats and to cap the fleet: at most {@link MAX_FLEET_WORKERS}
 * workers, one lease each (asking for a new lease gives the previous one up).
 */
import { DurableObject } from 'cloudflare:workers';
import { z } from 'zod';
import type { Env } from '../env';
import type { FleetLease } from '../../shared/fleet-schema';
import { accepted, refused } from './durable-result';
import { leaseLost } from './render-lease-book';
import type { DurableResult } from './durable-result';
import { renderJob, renderQueue } from './durable-stubs';
import { readOptionalRow, readRows } from './sql-rows';

/**
 * A worker that asked for nothing for this long is no longer connected, ms: 60 s. An idle
 * worker asks every few seconds and a busy one heartbeats every 10 s (a third of the lease's
 * 30 s), so only a stopped or cut-off worker stays quiet this long.
 */
export const WORKER_PRESENCE_MS = 60_000;

/**
 * Most workers connected at once with the fleet key: 32 (each holds at most one lease, so also
 * the most leases). Bounds what a leaked key can hold up; a bigger fleet raises it here.
 */
export const MAX_FLEET_WORKERS = 32;

/**
 * Most queued jobs asked per lease request: 50. Each ask is one Durable Object call; a queue
 * whose first 50 jobs are fully leased answers "nothing" for now and the worker asks again.
 */
export const MAX_JOBS_ASKED_PER_LEASE = 50;

const queuedRowSchema = z.object({ render_id: z.string() });
const leaseRowSchema = z.object({
  lease_id: z.string(),
  render_id: z.string(),
  worker_id: z.string(),
});

/**
 * Queues render job `renderId` for the render workers (the render API calls it once the job is
 * created). Idempotent; a job that has nothing left for workers leaves the queue on its own.
 */
export async function enqueueForWorkers(env: Env, renderId: string): Promise<void> {
  await renderQueue(env).enqueue(renderId);
}

/** The fleet's queue of jobs with work, its workers and their leases. */
export class RenderQueue extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec(`
      CREATE TABLE IF NOT EXISTS queued_job (
        render_id TEXT PRIMARY KEY,
        queued_at_ms INTEGER NOT NULL
      );
      CREATE TABLE IF NOT EXISTS fleet_worker (
        worker_id TEXT PRIMARY KEY,
        last_seen_ms INTEGER NOT NULL
      );
      CREATE TABLE IF NOT EXISTS fleet_lease (
        lease_id TEXT PRIMARY KEY,
        render_id TEXT NOT NULL,
        worker_id TEXT NOT NULL
      );
    `);
  }

  /** Queues `renderId` (idempotent; see {@link enqueueForWorkers}). */
  enqueue(renderId: string): void {
    this.ctx.storage.sql.exec(
      'INSERT OR IGNORE INTO queued_job (render_id, queued_at_ms) VALUES (?, ?)',
      z.uuid().parse(renderId),
      Date.now(),
    );
  }

  /** Queues an abandoned browser render if any worker is connected; says whether it did. */
  offerAbandoned(renderId: string): boolean {
    if (this.workersConnected() === 0) return false;
    this.enqueue(renderId);
    return true;
  }

  /**
   * Workers that asked for work or sent a heartbeat within {@link WORKER_PRESENCE_MS}; the others
   * are forgotten with their lease rows (their jobs' leases expired long before).
   */
  workersConnected(): number {
    this.ctx.storage.sql.exec(
      'DELETE FROM fleet_worker WHERE last_seen_ms <= ?',
      Date.now() - WORKER_PRESENCE_MS,
    );
    this.ctx.storage.sql.exec(
      'DELETE FROM fleet_lease WHERE worker_id NOT IN (SELECT worker_id FROM fleet_worker)',
    );
    const row = this.ctx.storage.sql.exec('SELECT COUNT(*) AS n FROM fleet_worker').one();
    return z.number().int().parse(row.n);
  }

  /**
   * Leases the next unit of queued work to `workerId`, asking `preferRenderId` first; null when
   * no queued job has a unit free. The worker's previous lease is given up. Refused with 429
   * `fleet_worker_cap` when {@link MAX_FLEET_WORKERS} other workers are connected.
   */
  async lease(
    workerId: string,
    preferRenderId?: string,
  ): Promise<DurableResult<FleetLease | null>> {
    const nowMs = Date.now();
    const connected = this.workersConnected();
    const known =
      this.ctx.storage.sql
        .exec('SELECT 1 FROM fleet_worker WHERE worker_id = ?', workerId)
        .toArray().length > 0;
    if (!known && connected >= MAX_FLEET_WORKERS)
      return {
        ...refused(
          429,
          'fleet_worker_cap',
          `${MAX_FLEET_WORKERS} render workers are connected already, the most this fleet key may run.`,
        ),
        retryAfterS: WORKER_PRESENCE_MS / 1000,
      };
    this.#seen(workerId, nowMs);
    await this.#giveUp(workerId);
    const queued = readRows(
      this.ctx.storage.sql.exec(
        'SELECT render_id FROM queued_job ORDER BY render_id = ? DESC, queued_at_ms LIMIT ?',
        preferRenderId ?? '',
        MAX_JOBS_ASKED_PER_LEASE,
      ),
      queuedRowSchema,
      'queued render',
    );
    for (const { render_id: renderId } of queued) {
      const offer = await renderJob(this.env, renderId).lease(workerId);
      if (offer.kind === 'done') {
        this.ctx.storage.sql.exec('DELETE FROM queued_job WHERE render_id = ?', renderId);
      } else if (offer.kind === 'granted') {
        this.ctx.storage.sql.exec(
          'INSERT INTO fleet_lease (lease_id, render_id, worker_id) VALUES (?, ?, ?)',
          offer.lease.leaseId,
          renderId,
          workerId,
        );
        return accepted(offer.lease);
      }
    }
    return accepted(null);
  }

  /** Renews lease `leaseId` with its job; refused with 409 `lease_lost` when it was lost. */
  async heartbeat(leaseId: string): Promise<DurableResult<{ expiresAtMs: number }>> {
    const lease = this.#lease(leaseId);
    if (lease === null) return leaseLost();
    this.#seen(lease.worker_id, Date.now());
    const renewed = await renderJob(this.env, lease.render_id).renewLease(leaseId);
    if (!renewed.ok)
      this.ctx.storage.sql.exec('DELETE FROM fleet_lease WHERE lease_id = ?', leaseId);
    return renewed;
  }

  /** Gives lease `leaseId` back to its job (the worker finished or stops). Idempotent. */
  async release(leaseId: string): Promise<void> {
    const lease = this.#lease(leaseId);
    if (lease === null) return;
    this.ctx.storage.sql.exec('DELETE FROM fleet_lease WHERE lease_id = ?', leaseId);
    await renderJob(this.env, lease.render_id).releaseLease(leaseId);
  }

  /** Gives up every lease `workerId` holds (it asks for new work, so it is done with them). */
  async #giveUp(workerId: string): Promise<void> {
    const held = readRows(
      this.ctx.storage.sql.exec('SELECT * FROM fleet_lease WHERE worker_id = ?', workerId),
      leaseRowSchema,
      'fleet lease',
    );
    for (const lease of held) await this.release(lease.lease_id);
  }

  #seen(workerId: string, nowMs: number): void {
    this.ctx.storage.sql.exec(
      'INSERT OR REPLACE INTO fleet_worker (worker_id, last_seen_ms) VALUES (?, ?)',
      workerId,
      nowMs,
    );
  }

  #lease(leaseId: string): z.infer<typeof leaseRowSchema> | null {
    return readOptionalRow(
      this.ctx.storage.sql.exec(
        'SELECT lease_id, render_id, worker_id FROM fleet_lease WHERE lease_id = ?',
        leaseId,
      ),
      leaseRowSchema,
      'fleet lease',
    );
  }
}
