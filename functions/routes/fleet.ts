/**
 * @module fleet
 * The render workers' routes under `/api/fleet` (docs/http-api.md "Render fleet"), every one
 * behind the operator's fleet key (middleware/fleet-key.ts), none with a visitor cookie:
 * `POST /lease` (the next unit of queued work, or 204), `POST /leases/:id/heartbeat`,
 * `POST /leases/:id/release`, and the render routes a worker needs — store a chunk or the audio,
 * read the stored ones back and upload the MP4 — each made under the lease of its unit, sent in
 * the `X-Render-Lease` header (409 `lease_lost` when it expired or is for other work).
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env';
import { RENDER_LEASE_HEADER, leaseRequestSchema } from '../../shared/fleet-schema';
import { renderQueue } from '../durable/durable-stubs';
import type { JobCaller } from '../durable/render-job';
import { fleetKey } from '../middleware/fleet-key';
import { ApiError } from '../middleware/api-error';
import { jsonBodyLimit, readJsonBody } from '../middleware/json-body';
import { unwrap } from '../http/route-helpers';
import { chunkRoutes } from './render-chunks';
import { putRenderFile } from './renders';

const leaseIdSchema = z.uuid();

/** A lease id from the path or the lease header. @throws {ApiError} 409 `lease_lost` when it is not one */
function parseLeaseId(value: string | undefined): string {
  const parsed = leaseIdSchema.safeParse(value);
  if (!parsed.success)
    throw new ApiError(
      409,
      'lease_lost',
      `Send the lease this work is made under in the ${RENDER_LEASE_HEADER} header.`,
    );
  return parsed.data;
}

/** The caller of a worker's render request: the lease in its header. */
function leaseCaller(c: Context<AppEnv>): JobCaller {
  return { leaseId: parseLeaseId(c.req.header(RENDER_LEASE_HEADER)) };
}

/** Fleet routes, mounted at `/api/fleet` before the visitor cookie. */
export const fleetRoutes = new Hono<AppEnv>()
  .use(fleetKey())
  .post('/lease', jsonBodyLimit(), async (c) => {
    const body = await readJsonBody(c, leaseRequestSchema);
    const lease = unwrap(await renderQueue(c.env).lease(body.workerId, body.preferRenderId));
    return lease === null ? c.body(null, 204) : c.json(lease, 201);
  })
  .post('/leases/:leaseId/heartbeat', async (c) => {
    const leaseId = parseLeaseId(c.req.param('leaseId'));
    return c.json(unwrap(await renderQueue(c.env).heartbeat(leaseId)));
  })
  .post('/leases/:leaseId/release', async (c) => {
    await renderQueue(c.env).release(parseLeaseId(c.req.param('leaseId')));
    return c.body(null, 204);
  })
  .route('/', chunkRoutes(leaseCaller))
  .put('/renders/:id/file', (c) => putRenderFile(c, leaseCaller(c)));
