/**
 * @module api-keys (route)
 * The visitor's API keys for the render API (docs/http-api.md "Render API"):
 * `POST /api/api-keys` makes one and answers it with its webhook signing secret, both shown this
 * once (only the key's SHA-256 is kept, durable/api-key-store.ts); `GET /api/api-keys` lists
 * them (name, first characters, made, last used); `DELETE /api/api-keys/:id` revokes one at once.
 * Only the visitor may call them, by their cookie or widget token (an API key itself is refused
 * here, middleware/api-key-visitor.ts); writes pass the same origin check as every `/api` write.
 * At most `MAX_API_KEYS_PER_VISITOR` keys (durable/api-key-store.ts; 403 `api_key_limit`).
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env';
import { createApiKeyBodySchema } from '../../shared/render-api-schema';
import type { CreatedApiKey } from '../../shared/render-api-schema';
import { visitorAccount } from '../durable/durable-stubs';
import { ApiError } from '../middleware/api-error';
import { jsonBodyLimit, readJsonBody } from '../middleware/json-body';
import { hashApiKey, newApiKey, webhookSecret } from '../signing/api-key';
import { unwrap } from '../http/route-helpers';

const keyIdSchema = z.uuid();

/** API key routes, mounted under `/api`. */
export const apiKeyRoutes = new Hono<AppEnv>()
  .post('/api-keys', jsonBodyLimit(), async (c) => {
    const body =
      (await c.req.text()).trim() === ''
        ? createApiKeyBodySchema.parse({})
        : await readJsonBody(c, createApiKeyBodySchema);
    const visitorId = c.get('visitorId');
    const { key, prefix } = newApiKey(visitorId);
    const keyId = crypto.randomUUID();
    const apiKey = unwrap(
      await visitorAccount(c.env, visitorId).addApiKey({
        keyId,
        name: body.name,
        prefix,
        keyHash: await hashApiKey(key),
        atMs: Date.now(),
      }),
    );
    const created: CreatedApiKey = {
      apiKey,
      key,
      webhookSecret: await webhookSecret(keyId, c.env.VISITOR_SECRET),
    };
    c.header('Cache-Control', 'no-store');
    return c.json(created, 201);
  })
  .get('/api-keys', async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json({ apiKeys: await visitorAccount(c.env, c.get('visitorId')).listApiKeys() });
  })
  .delete('/api-keys/:id', async (c) => {
    const keyId = keyIdSchema.safeParse(c.req.param('id'));
    const revoked =
      keyId.success && (await visitorAccount(c.env, c.get('visitorId')).revokeApiKey(keyId.data));
    if (!revoked)
      throw new ApiError(404, 'not_found', 'No such API key (it was revoked or is not yours).');
    return c.body(null, 204);
  });
