/**
 * API keys (`/api/api-keys`): made by the visitor and shown once, listed without the key, only
 * their SHA-256 stored, revoked at once, at most 10; a key opens the render API and nothing else.
 */
import { env } from 'cloudflare:workers';
import { runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { visitorAccount } from '../../functions/durable/durable-stubs';
import { apiKeyListSchema } from '../../shared/render-api-schema';
import { apiFetch, createApiKey } from './api-key-client';
import { Visitor, readError } from './visitor-client';

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

describe('API keys', () => {
  it('are made once, listed without the key, stored as a hash and revoked at once', async () => {
    const visitor = new Visitor();
    await visitor.createSession();
    const created = await createApiKey(visitor, 'nightly build');
    expect(created.key).toMatch(/^rw_live_[A-Za-z0-9_-]{54}$/);
    expect(created.webhookSecret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(created.apiKey).toMatchObject({ name: 'nightly build', lastUsedAtMs: null });
    expect(created.key.startsWith(created.apiKey.prefix)).toBe(true);

    const listed = apiKeyListSchema.parse(await (await visitor.fetch('/api/api-keys')).json());
    expect(listed.apiKeys).toEqual([created.apiKey]);
    expect(JSON.stringify(listed)).not.toContain(created.key);

    const stored = await runInDurableObject(visitorAccount(env, visitor.id), (_i, state) =>
      state.storage.sql.exec('SELECT * FROM api_keys').toArray(),
    );
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(created.key.slice(8));
    expect(stored[0]?.key_hash).toBe(await sha256Hex(created.key));

    const read = await apiFetch(created.key, '/api/renders/00000000-0000-4000-8000-000000000000');
    expect(read.status).toBe(404);
    const used = apiKeyListSchema.parse(await (await visitor.fetch('/api/api-keys')).json());
    expect(used.apiKeys[0]?.lastUsedAtMs).toEqual(expect.any(Number));

    const revoked = await visitor.fetch(`/api/api-keys/${created.apiKey.id}`, { method: 'DELETE' });
    expect(revoked.status).toBe(204);
    const after = await apiFetch(created.key, '/api/renders/00000000-0000-4000-8000-000000000000');
    expect(after.status).toBe(401);
    expect((await readError(after)).code).toBe('api_key_invalid');
    const again = await visitor.fetch(`/api/api-keys/${created.apiKey.id}`, { method: 'DELETE' });
    expect(again.status).toBe(404);
  });

  it('cannot be revoked or listed by another visitor', async () => {
    const owner = new Visitor();
    await owner.createSession();
    const created = await createApiKey(owner);
    const other = new Visitor();
    await other.createSession();
    const listed = apiKeyListSchema.parse(await (await other.fetch('/api/api-keys')).json());
    expect(listed.apiKeys).toEqual([]);
    const response = await other.fetch(`/api/api-keys/${created.apiKey.id}`, { method: 'DELETE' });
    expect(response.status).toBe(404);
    expect(
      (await apiFetch(created.key, '/api/renders/00000000-0000-4000-8000-000000000000')).status,
    ).toBe(404);
  });

  it('are at most 10 per visitor', async () => {
    const visitor = new Visitor();
    await visitor.createSession();
    for (let i = 0; i < 10; i += 1) await createApiKey(visitor, `key ${i}`);
    const eleventh = await visitor.post('/api/api-keys', { name: 'one more' });
    expect(eleventh.status).toBe(403);
    expect((await readError(eleventh)).code).toBe('api_key_limit');
  });

  it('open only the render API: not key management, chat or the library', async () => {
    const visitor = new Visitor();
    await visitor.createSession();
    const { key } = await createApiKey(visitor);
    for (const [method, path] of [
      ['POST', '/api/api-keys'],
      ['GET', '/api/api-keys'],
      ['POST', '/api/sessions'],
      ['GET', '/api/renders'],
    ] as const) {
      const response = await apiFetch(key, path, { method });
      expect(response.status, `${method} ${path}`).toBe(403);
      expect((await readError(response)).code).toBe('api_key_not_allowed');
    }
  });

  it('refuse a made-up, malformed or other visitor-named key with 401', async () => {
    const visitor = new Visitor();
    await visitor.createSession();
    const { key } = await createApiKey(visitor);
    const forged = `${key.slice(0, 8)}${'A'.repeat(32)}${key.slice(40)}`;
    for (const bad of [forged, 'rw_live_short', `${key}x`]) {
      const response = await apiFetch(bad, '/api/renders', { method: 'POST' });
      expect(response.status, bad).toBe(401);
      expect((await readError(response)).code).toBe('api_key_invalid');
    }
  });
});
