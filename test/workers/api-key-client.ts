/**
 * @module api-key-client (test support)
 * A script calling the render API with an API key (`Authorization: Bearer rw_live_…`) and no
 * cookie, as a server would; `vars` are laid over the project's bindings for its requests
 * (e.g. `API_RENDERS_PER_KEY_PER_HOUR: '1'`), as test/workers/limits.ts does for visitors.
 */
import { env } from 'cloudflare:workers';
import { createExecutionContext } from 'cloudflare:test';
import { app } from '../../functions/app';
import type { Env } from '../../functions/env';
import { createdApiKeySchema } from '../../shared/render-api-schema';
import type { CreatedApiKey } from '../../shared/render-api-schema';
import { ORIGIN } from './visitor-client';
import type { Visitor } from './visitor-client';

/** Variables a render-API test may set. */
export type ApiVars = Partial<
  Pick<
    Env,
    'API_RENDERS_PER_KEY_PER_HOUR' | 'WEBHOOK_ALLOW_HTTP_LOCALHOST' | 'EXPORTS_PER_VISITOR_PER_HOUR'
  >
>;

/** Makes an API key for `visitor` (by their cookie) and returns what the edge answered. */
export async function createApiKey(visitor: Visitor, name = 'test'): Promise<CreatedApiKey> {
  const response = await visitor.post('/api/api-keys', { name });
  if (response.status !== 201)
    throw new Error(`create api key: ${response.status} ${await response.text()}`);
  return createdApiKeySchema.parse(await response.json());
}

/** Calls the Worker at `path` with `key` as bearer (or no key when null), no cookie. */
export function apiFetch(
  key: string | null,
  path: string,
  init: RequestInit = {},
  vars: ApiVars = {},
): Promise<Response> {
  const headers = new Headers(init.headers);
  if (key !== null) headers.set('Authorization', `Bearer ${key}`);
  const request = new Request(`${ORIGIN}${path}`, { ...init, headers });
  return Promise.resolve(app.fetch(request, { ...env, ...vars }, createExecutionContext()));
}

/** `POST /api/renders` with `body` as JSON. */
export function postRender(
  key: string | null,
  body: unknown,
  vars: ApiVars = {},
): Promise<Response> {
  return apiFetch(
    key,
    '/api/renders',
    { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) },
    vars,
  );
}
