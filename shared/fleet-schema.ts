/**
 * @module fleet-schema
 * The render fleet's wire format (docs/http-api.md "Render fleet"): what a render worker asks
 * `POST /api/fleet/lease` for and the lease it gets — one unit of one job's work (a chunk, the
 * audio mix, or the final join) held until `expiresAtMs` unless renewed by heartbeats.
 */
import * as z from 'zod/mini';
import { draftSchema } from './draft-schema';

/** Request header carrying the lease a worker's chunk, audio or file upload is made under. */
export const RENDER_LEASE_HEADER = 'X-Render-Lease';

/** One unit of a job's work: chunk `index`, the audio mix, or joining the stored chunks into the MP4. */
export const leaseUnitSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('chunk'), index: z.number().check(z.int(), z.nonnegative()) }),
  z.object({ kind: z.literal('audio') }),
  z.object({ kind: z.literal('join') }),
]);

/** The body of `POST /api/fleet/lease`. */
export const leaseRequestSchema = z.object({
  /** The worker's own id (a UUID it picks at start), counted against the fleet's worker cap. */
  workerId: z.uuid(),
  /** The job this worker just worked on: asked first, so who stores the last chunk joins. */
  preferRenderId: z.optional(z.uuid()),
});

/** A granted lease: `POST /api/fleet/lease` answers it (201), or 204 when no job has work. */
export const fleetLeaseSchema = z.object({
  renderId: z.uuid(),
  leaseId: z.uuid(),
  unit: leaseUnitSchema,
  /** Unix time, ms: the lease is lost unless renewed before. */
  expiresAtMs: z.number().check(z.int(), z.positive()),
  draft: draftSchema,
  /** The job's chunk layout (shared/render-chunk-plan.ts). */
  plan: z.object({
    fps: z.number().check(z.positive()),
    totalFrames: z.number().check(z.int(), z.nonnegative()),
    gopFrames: z.number().check(z.int(), z.positive()),
    chunkFrames: z.number().check(z.int(), z.positive()),
    chunkCount: z.number().check(z.int(), z.positive()),
  }),
});

/** `POST /api/fleet/leases/:id/heartbeat`: the renewed lease's new expiry. */
export const leaseRenewalSchema = z.object({
  expiresAtMs: z.number().check(z.int(), z.positive()),
});

export type LeaseUnit = z.infer<typeof leaseUnitSchema>;
export type LeaseRequest = z.infer<typeof leaseRequestSchema>;
export type FleetLease = z.infer<typeof fleetLeaseSchema>;

/** A unit as one word, e.g. `chunk:3`, `audio`, `join` (how the job keys its leases). */
export function unitKey(unit: LeaseUnit): string {
  return unit.kind === 'chunk' ? `chunk:${unit.index}` : unit.kind;
}
