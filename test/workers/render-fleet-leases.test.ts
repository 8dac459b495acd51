/**
 * Render workers lease a job's units (audio, each chunk, then the join) through the fleet queue:
 * a lease is renewed by heartbeats and lost when it goes quiet (another worker then takes the
 * unit), chunks made under a lease are recorded in any order (one record per chunk), and every
 * refusal has its status and code: no or wrong fleet key 401, a lost or foreign lease 409, the
 * worker cap 429. A browser render whose page went quiet goes to the workers only when some
 * are connected.
 */
import { env } from 'cloudflare:workers';
import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { renderChunkStateSchema, renderJobInfoSchema } from '../../shared/api-schema';
import type { RenderJobInfo } from '../../shared/api-schema';
import type { FleetLease } from '../../shared/fleet-schema';
import { HEARTBEAT_TIMEOUT_MS } from '../../functions/durable/render-job';
import {
  enqueueForWorkers,
  MAX_FLEET_WORKERS,
  WORKER_PRESENCE_MS,
} from '../../functions/durable/render-queue';
import { RENDER_QUEUE_NAME } from '../../functions/durable/durable-stubs';
import { Visitor, readError, renderMp4 } from './visitor-client';
import { audioChunkFile, chunkFile, putChunk } from './render-chunk-fixture';
import { FLEET_KEY, FleetWorker, fleetFetch } from './fleet-fixture';

/** A 12-s draft: 3 chunks of 4 s. */
const PROMPT = 'Generate a 12-second explainer video about solar panels for homeowners';

async function newJob(): Promise<{ visitor: Visitor; job: RenderJobInfo }> {
  const visitor = new Visitor();
  const job = await visitor.startExport((await visitor.sessionWithDraft(PROMPT)).id);
  return { visitor, job };
}

function jobStub(renderId: string) {
  return env.RENDER_JOB.get(env.RENDER_JOB.idFromName(renderId));
}

function queueStub() {
  return env.RENDER_QUEUE.get(env.RENDER_QUEUE.idFromName(RENDER_QUEUE_NAME));
}

/** Forgets every worker the queue saw (as if they all went quiet {@link WORKER_PRESENCE_MS} ago). */
async function workersGoQuiet(): Promise<void> {
  await runInDurableObject(queueStub(), (_instance, state) => {
    state.storage.sql.exec(
      'UPDATE fleet_worker SET last_seen_ms = ?',
      Date.now() - WORKER_PRESENCE_MS - 1,
    );
  });
}

/** Ends a lease's life as if its worker had sent no heartbeat for LEASE_TTL_MS. */
async function expire(renderId: string, leaseId: string): Promise<void> {
  await runInDurableObject(jobStub(renderId), (_instance, state) => {
    state.storage.sql.exec(
      'UPDATE render_lease SET expires_at_ms = ? WHERE lease_id = ?',
      Date.now() - 1,
      leaseId,
    );
  });
}

function must(lease: FleetLease | null): FleetLease {
  if (lease === null) throw new Error('expected a lease, got 204');
  return lease;
}

describe('render fleet', () => {
  it('refuses without the fleet key, with another key, or when the server has none (401)', async () => {
    const body = JSON.stringify({ workerId: crypto.randomUUID() });
    const init = { method: 'POST', headers: { 'Content-Type': 'application/json' }, body };
    const none = await fleetFetch('/api/fleet/lease', init);
    expect(none.status).toBe(401);
    expect((await readError(none)).code).toBe('fleet_key_invalid');
    const wrong = await fleetFetch('/api/fleet/lease', {
      ...init,
      headers: { ...init.headers, Authorization: `Bearer ${FLEET_KEY}x` },
    });
    expect((await readError(wrong)).code).toBe('fleet_key_invalid');
    const inUrl = await fleetFetch(`/api/fleet/lease?key=${FLEET_KEY}`, init);
    expect(inUrl.status).toBe(401);
    const off = await fleetFetch(
      '/api/fleet/lease',
      { ...init, headers: { ...init.headers, Authorization: `Bearer ${FLEET_KEY}` } },
      null,
    );
    expect(off.status).toBe(401);
    expect((await readError(off)).code).toBe('fleet_disabled');
    const short = await fleetFetch(
      '/api/fleet/lease',
      { ...init, headers: { ...init.headers, Authorization: 'Bearer short' } },
      'short',
    );
    expect((await readError(short)).code).toBe('fleet_disabled');
    // No visitor is minted for a fleet call.
    expect(none.headers.get('Set-Cookie')).toBeNull();
  });

  it('leases audio, chunks and the join; re-leases a lost lease; records chunks out of order once', async () => {
    const { visitor, job } = await newJob();
    await enqueueForWorkers(env, job.id);
    const a = new FleetWorker();
    const b = new FleetWorker();
    const c = new FleetWorker();

    const audio = must(await a.lease());
    expect(audio).toMatchObject({ renderId: job.id, unit: { kind: 'audio' } });
    expect(audio.plan).toMatchObject({ chunkCount: 3, chunkFrames: 120, totalFrames: 360 });
    expect(audio.draft.durationMs).toBe(12_000);
    const first = must(await b.lease());
    expect(first.unit).toEqual({ kind: 'chunk', index: 0 });
    const second = must(await c.lease());
    expect(second.unit).toEqual({ kind: 'chunk', index: 1 });

    // Chunk 1 first (out of order, under its lease), then a foreign lease is refused.
    const stored = await c.put(job.id, 'chunks/1', second.leaseId, chunkFile(job, 1));
    expect(stored.status).toBe(200);
    const afterOne = renderChunkStateSchema.parse(await stored.json());
    expect(afterOne.chunks.map((k) => k.index)).toEqual([1]);
    expect(afterOne.version).toBe(0);
    const foreign = await b.put(job.id, 'chunks/2', first.leaseId, chunkFile(job, 2));
    expect(foreign.status).toBe(409);
    expect((await readError(foreign)).code).toBe('lease_lost');
    const noLease = await b.fetch(`/api/fleet/renders/${job.id}/chunks/2`, {
      method: 'PUT',
      body: chunkFile(job, 2),
    });
    expect((await readError(noLease)).code).toBe('lease_lost');
    // The chunk's lease ended with its record: the same bytes again under it are refused too.
    expect((await c.put(job.id, 'chunks/1', second.leaseId, chunkFile(job, 1))).status).toBe(409);

    // Heartbeats renew; a lease that went quiet is lost, and the unit goes to another worker.
    const renewed = await b.heartbeat(first.leaseId);
    expect(renewed.status).toBe(200);
    expect(((await renewed.json()) as { expiresAtMs: number }).expiresAtMs).toBeGreaterThanOrEqual(
      first.expiresAtMs,
    );
    await expire(job.id, first.leaseId);
    const late = await b.heartbeat(first.leaseId);
    expect(late.status).toBe(409);
    expect((await readError(late)).code).toBe('lease_lost');
    const lateChunk = await b.put(job.id, 'chunks/0', first.leaseId, chunkFile(job, 0));
    expect((await readError(lateChunk)).code).toBe('lease_lost');
    const again = must(await c.lease(job.id));
    expect(again.unit).toEqual({ kind: 'chunk', index: 0 });
    expect(again.leaseId).not.toBe(first.leaseId);
    expect((await c.put(job.id, 'chunks/0', again.leaseId, chunkFile(job, 0))).status).toBe(200);

    // Chunk 2 with other bytes than a visitor's record of it is refused: one record per chunk.
    const third = must(await b.lease(job.id));
    expect(third.unit).toEqual({ kind: 'chunk', index: 2 });
    expect((await putChunk(visitor, job.id, 2, chunkFile(job, 2))).status).toBe(200);
    const other = await b.put(job.id, 'chunks/2', third.leaseId, chunkFile(job, 2, { seed: 7 }));
    expect((await readError(other)).code).toBe('chunk_conflict');

    // Nothing is left but the audio (still A's): C gets nothing; once stored, the join.
    expect(await c.lease(job.id)).toBeNull();
    expect((await a.put(job.id, 'audio', audio.leaseId, audioChunkFile(1))).status).toBe(200);
    const join = must(await c.lease(job.id));
    expect(join.unit).toEqual({ kind: 'join' });
    expect(await b.lease(job.id)).toBeNull();
    const state = renderChunkStateSchema.parse(
      await (await visitor.fetch(`/api/renders/${job.id}/chunks`)).json(),
    );
    expect(state.version).toBe(3);
    expect(state.chunks.map((k) => k.index)).toEqual([0, 1, 2]);

    // Only the join lease reads the chunks back and uploads the MP4.
    expect((await b.get(job.id, 'chunks/0', third.leaseId)).status).toBe(409);
    const back = await c.get(job.id, 'chunks/1', join.leaseId);
    expect(new Uint8Array(await back.arrayBuffer())).toEqual(chunkFile(job, 1));
    expect((await c.get(job.id, 'audio', join.leaseId)).status).toBe(200);
    const file = await c.put(job.id, 'file', join.leaseId, renderMp4(12_000));
    expect(file.status).toBe(200);
    const done = renderJobInfoSchema.parse(
      await (await visitor.fetch(`/api/renders/${job.id}`)).json(),
    );
    expect(done.status).toBe('completed');
    // The finished job leaves the queue.
    expect(await a.lease(job.id)).toBeNull();
  });

  it('hands an abandoned tab render to the workers only while some are connected', async () => {
    await workersGoQuiet();
    const quiet = await newJob();
    expect((await putChunk(quiet.visitor, quiet.job.id, 0, chunkFile(quiet.job, 0))).status).toBe(
      200,
    );
    await interrupt(quiet.job.id);
    const worker = new FleetWorker();
    expect((await worker.lease(quiet.job.id))?.renderId).not.toBe(quiet.job.id);

    // Now a worker is connected (it just asked): the next abandoned render is queued for it.
    const { visitor, job } = await newJob();
    expect((await putChunk(visitor, job.id, 0, chunkFile(job, 0))).status).toBe(200);
    await interrupt(job.id);
    expect(
      renderJobInfoSchema.parse(await (await visitor.fetch(`/api/renders/${job.id}`)).json())
        .status,
    ).toBe('interrupted');
    const lease = must(await worker.lease(job.id));
    expect(lease.renderId).toBe(job.id);
    expect(lease.unit).toEqual({ kind: 'audio' });
    const chunk = must(await new FleetWorker().lease(job.id));
    expect(chunk.unit).toEqual({ kind: 'chunk', index: 1 });
    expect(
      renderJobInfoSchema.parse(await (await visitor.fetch(`/api/renders/${job.id}`)).json())
        .status,
    ).toBe('rendering');
  });

  it(`caps the fleet at ${MAX_FLEET_WORKERS} connected workers (429), one lease each`, async () => {
    await workersGoQuiet();
    const workers = Array.from({ length: MAX_FLEET_WORKERS }, () => new FleetWorker());
    for (const worker of workers) expect((await worker.leaseResponse()).status).not.toBe(429);
    const one = await new FleetWorker().leaseResponse();
    expect(one.status).toBe(429);
    expect((await readError(one)).code).toBe('fleet_worker_cap');
    expect(one.headers.get('Retry-After')).not.toBeNull();
    // A connected worker still gets work; asking again gives its previous lease up.
    const { job } = await newJob();
    await enqueueForWorkers(env, job.id);
    const worker = workers[0] as FleetWorker;
    const held = must(await worker.lease(job.id));
    const next = must(await worker.lease(job.id));
    expect(next.unit).toEqual(held.unit);
    expect((await worker.heartbeat(held.leaseId)).status).toBe(409);
    await workersGoQuiet();
  });
});

/** Lets the job's page heartbeat lapse and runs its alarm: the job becomes `interrupted`. */
async function interrupt(renderId: string): Promise<void> {
  await runInDurableObject(jobStub(renderId), (_instance, state) => {
    state.storage.sql.exec(
      'UPDATE job SET updated_at_ms = ? WHERE id = 1',
      Date.now() - HEARTBEAT_TIMEOUT_MS - 1,
    );
  });
  await runDurableObjectAlarm(jobStub(renderId));
}
