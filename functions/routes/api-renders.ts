/**
 * @module api-renders
 * `POST /api/renders`, the render API for scripts and agents (docs/http-api.md "Render API"):
 * a draft, a Shotstack edit (mapped by engine/shotstack/map-shotstack-edit.ts, docs/shotstack.md)
 * or a prompt for the session's director becomes a new session of the caller (so it is in their
 * library and can be opened and edited in the app) and a render job in status `queued`, for
 * render workers to take (no tab renders it). The caller is the visitor of an API key
 * (`Authorization: Bearer rw_live_…`, middleware/api-key-visitor.ts) or of the cookie. Like an
 * export it freezes its credits first (402 `out_of_credits`), counts against
 * `EXPORTS_PER_VISITOR_PER_HOUR` and `SESSIONS_PER_VISITOR`, and per key against
 * `API_RENDERS_PER_KEY_PER_HOUR` (429 `api_rate_limited`). With `callbackUrl` (an API key is
 * then needed: its webhook secret signs the call) the job POSTs a signed webhook when it is
 * completed or failed (durable/render-webhook.ts). `GET /api/renders/:id` (routes/renders.ts)
 * reads the job with the same key.
 */
import { enqueueForWorkers } from '../durable/render-queue';
import { Hono } from 'hono';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import type { AppEnv } from '../env';
import type { Draft } from '../../shared/draft-schema';
import { renderBodySchemaFor } from '../../shared/render-api-schema';
import { renderJob, sessionRoom, visitorAccount } from '../durable/durable-stubs';
import { openSession } from '../durable/open-session';
import { mapShotstackEdit } from '../engine/shotstack/map-shotstack-edit';
import { selectEngine } from '../engine/select-engine';
import { ApiError, errorBody } from '../middleware/api-error';
import { parseBody, readJsonBody } from '../middleware/json-body';
import { exportCostCredits } from '../pricing/export-cost';
import { readQuotaConfig } from '../quota/quota-config';
import { checkCallbackUrl } from '../http/callback-url';
import { startExport } from '../http/start-export';
import { unwrap } from '../http/route-helpers';
import { withDownloadLink } from '../signing/download-link';
import { webhookSecret } from '../signing/api-key';

/**
 * Largest body, bytes: 1 MiB. The largest draft the app stores is ~450 KB of JSON
 * (shared/draft-schema-size.test.ts); a Shotstack edit of text clips is far smaller.
 */
export const MAX_RENDER_BODY_BYTES = 1024 * 1024;

/** A draft's media (uploads) live in one session's R2 prefix; a render's new session has none. */
function refuseMedia(draft: Draft): void {
  draft.tracks.forEach((track, t) => {
    track.segments.forEach((segment, s) => {
      const media =
        ('visual' in segment && segment.visual.type === 'media') ||
        ('source' in segment && segment.source.type === 'media');
      if (media)
        throw new ApiError(
          400,
          'media_not_supported',
          `draft.tracks.${t}.segments.${s}: uploaded media cannot be rendered through the API yet (each upload belongs to one session); use generated scenes and music.`,
        );
    });
  });
}

/** Refuses a render this API key may not start now (429 `api_rate_limited`, sliding hour). */
async function admitForKey(c: Context<AppEnv>, keyId: string): Promise<void> {
  const limiter = c.env.NEW_VISITOR_LIMITER;
  const admission = await limiter
    .get(limiter.idFromName(`api-key:${keyId}`))
    .admit(readQuotaConfig(c.env).apiRendersPerKeyPerHour, Date.now());
  if (admission.ok) return;
  const retryAfterS = Math.ceil(admission.retryAfterMs / 1_000);
  throw new ApiError(
    429,
    'api_rate_limited',
    `This API key has started the most renders it may in an hour; try again in about ${Math.ceil(retryAfterS / 60)} minutes.`,
    { retryAfterS },
  );
}

/** What the body asks for: a draft to import (with the chat line for it) or a prompt. */
type Planned = { prompt: string } | { line: string; draft: Draft; note: string };

/** Reads and checks the body (see the module doc). @throws {ApiError} 400/415 */
async function readRenderBody(
  c: Context<AppEnv>,
): Promise<{ planned: Planned; callbackUrl: string | null }> {
  const value = await readJsonBody(c, z.unknown());
  const schema = renderBodySchemaFor(value);
  if (schema === null)
    throw new ApiError(
      400,
      'invalid_body',
      'Send exactly one of "draft", "shotstack" or "prompt" (and optionally "callbackUrl").',
    );
  const body = parseBody(schema, value);
  const callbackUrl =
    body.callbackUrl === undefined
      ? null
      : checkCallbackUrl(body.callbackUrl, c.env.WEBHOOK_ALLOW_HTTP_LOCALHOST);
  if ('prompt' in body) return { planned: { prompt: body.prompt }, callbackUrl };
  if ('draft' in body) {
    refuseMedia(body.draft);
    const note = 'Draft received from the render API.';
    return { planned: { line: 'API: render a draft', draft: body.draft, note }, callbackUrl };
  }
  const mapped = mapShotstackEdit(body.shotstack);
  if (!mapped.ok) throw new ApiError(400, mapped.code, mapped.message);
  const note = 'Shotstack edit received from the render API (docs/shotstack.md says what maps).';
  return {
    planned: { line: 'API: render a Shotstack edit', draft: mapped.draft, note },
    callbackUrl,
  };
}

/** Refuses at once a render the visitor's credits cannot pay (the freeze checks again). */
async function precheckCredits(c: Context<AppEnv>, draft: Draft): Promise<void> {
  const cost = exportCostCredits(draft.durationMs);
  const { available } = await visitorAccount(c.env, c.get('visitorId')).credits();
  if (available < cost)
    throw new ApiError(
      402,
      'out_of_credits',
      `This render needs ${cost} credits but only ${available} are available.`,
      { contractCode: 2001 },
    );
}

/** Render API routes, mounted under `/api`. */
export const apiRenderRoutes = new Hono<AppEnv>().post(
  '/renders',
  bodyLimit({
    maxSize: MAX_RENDER_BODY_BYTES,
    onError: (c) =>
      c.json(
        errorBody(
          'payload_too_large',
          `The request body is larger than ${MAX_RENDER_BODY_BYTES / 1024 / 1024} MiB.`,
        ),
        413,
      ),
  }),
  async (c) => {
    const visitorId = c.get('visitorId');
    const keyId = c.get('apiKeyId');
    const { planned, callbackUrl } = await readRenderBody(c);
    if (callbackUrl !== null && keyId === undefined)
      throw new ApiError(
        400,
        'callback_needs_api_key',
        'callbackUrl: webhooks are signed with an API key\'s secret; send the request with "Authorization: Bearer rw_live_…".',
      );
    if (keyId !== undefined) await admitForKey(c, keyId);
    if ('draft' in planned) await precheckCredits(c, planned.draft);
    const session = unwrap(
      await openSession(c.env, visitorId, readQuotaConfig(c.env).sessionsPerVisitor),
    );
    const room = sessionRoom(c.env, session.id);
    const events = unwrap(await room.apiTurn(visitorId, planned));
    const failed = events.find((event) => event.type === 'error');
    if (failed?.type === 'error') throw new ApiError(422, failed.code, failed.message);
    if (!events.some((event) => event.type === 'draft')) {
      const reply = events.flatMap((event) => (event.type === 'text' ? [event.text] : []));
      throw new ApiError(
        422,
        'no_draft',
        `The director made no video from this prompt. It said: ${reply.join(' ').slice(0, 500)}`,
      );
    }
    const snapshot = unwrap(await room.exportSnapshot(visitorId));
    // A draft handed in is rendered by browsers (tabs or render workers) whatever the engine.
    const renderer = 'draft' in planned ? 'browser' : selectEngine(c.env.ENGINE).renderer;
    const job = await startExport(c.env, {
      visitorId,
      sessionId: session.id,
      snapshot,
      renderer,
    });
    if (callbackUrl !== null && keyId !== undefined) {
      unwrap(
        await renderJob(c.env, job.id).attachWebhook(visitorId, {
          url: callbackUrl,
          secret: await webhookSecret(keyId, c.env.VISITOR_SECRET),
          renderUrl: new URL(`/api/renders/${job.id}`, c.req.url).href,
        }),
      );
    }
    // Rendered by the fleet: queued for render workers (durable/render-queue.ts).
    if (renderer === 'browser') await enqueueForWorkers(c.env, job.id);
    return c.json(await withDownloadLink(job, c.env.VISITOR_SECRET), 201);
  },
);
