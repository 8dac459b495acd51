/**
 * Issue 10 item 3 (CSRF): a state-changing `/api` request from a browser on another site — told
 * by `Origin` or `Sec-Fetch-Site` — is refused with 403 `forbidden_origin` and changes nothing:
 * sessions, exports, upload parts, render chunks, deletes alike. The app's own origin and the
 * origins of `EMBED_ALLOWED_ORIGINS` pass; a request with neither header (a script) passes. JSON
 * bodies must say `application/json` (415 `unsupported_media_type`), so a form or a `text/plain`
 * body that any site can make a browser send is never read as JSON.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { mediaListSchema, uploadStatusSchema } from '../../shared/media-schema';
import { renderChunkStateSchema, sessionListSchema } from '../../shared/api-schema';
import { parseAllowedOrigins } from '../../shared/embed-protocol';
import { ORIGIN, Visitor, readError } from './visitor-client';

const FOREIGN = 'https://attacker.example';

async function sessionCount(visitor: Visitor): Promise<number> {
  return sessionListSchema.parse(await (await visitor.fetch('/api/sessions')).json()).sessions
    .length;
}

async function expectForbidden(response: Response): Promise<void> {
  expect(response.status).toBe(403);
  expect((await readError(response)).code).toBe('forbidden_origin');
}

describe('a write from another site', () => {
  it('creating a session from a foreign Origin is 403 forbidden_origin and creates nothing', async () => {
    const visitor = new Visitor();
    expect(await sessionCount(visitor)).toBe(0);
    await expectForbidden(
      await visitor.fetch('/api/sessions', { method: 'POST', headers: { Origin: FOREIGN } }),
    );
    await expectForbidden(
      await visitor.fetch('/api/sessions', { method: 'POST', headers: { Origin: 'null' } }),
    );
    expect(await sessionCount(visitor)).toBe(0);
  });

  it('a refused request does not mint a visitor (no cookie is set)', async () => {
    const response = await new Visitor().fetch('/api/sessions', {
      method: 'POST',
      headers: { Origin: FOREIGN, 'Sec-Fetch-Site': 'cross-site' },
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('Set-Cookie')).toBeNull();
  });

  it('Sec-Fetch-Site cross-site or same-site without Origin is refused', async () => {
    const visitor = new Visitor();
    for (const site of ['cross-site', 'same-site', 'none']) {
      await expectForbidden(
        await visitor.fetch('/api/sessions', {
          method: 'POST',
          headers: { 'Sec-Fetch-Site': site },
        }),
      );
    }
    expect(await sessionCount(visitor)).toBe(0);
  });

  it('a chat message and an export from a foreign Origin are refused, even with a JSON content type', async () => {
    const visitor = new Visitor();
    const session = await visitor.sessionWithDraft();
    const headers = { Origin: FOREIGN, 'Content-Type': 'application/json' };
    await expectForbidden(
      await visitor.fetch(`/api/sessions/${session.id}/messages`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ text: 'make it red' }),
      }),
    );
    await expectForbidden(
      await visitor.fetch(`/api/sessions/${session.id}/exports`, {
        method: 'POST',
        headers,
        body: '{}',
      }),
    );
    const renders = await (await visitor.fetch('/api/renders')).json();
    expect(renders).toEqual({ renders: [] });
  });

  it('upload parts, upload deletes and render chunks from a foreign Origin are refused and store nothing', async () => {
    const visitor = new Visitor();
    const session = await visitor.sessionWithDraft();
    const bytes = new Uint8Array(64);
    bytes.set([0, 0, 0, 24, 0x66, 0x74, 0x79, 0x70], 0); // "….ftyp": sniffed as an MP4
    const created = await visitor.post(`/api/sessions/${session.id}/media`, {
      name: 'clip.mp4',
      sizeBytes: bytes.length,
    });
    expect(created.status).toBe(201);
    const { media } = uploadStatusSchema.parse(await created.json());
    const base = `/api/sessions/${session.id}/media/${media.id}`;
    const octets = { Origin: FOREIGN, 'Content-Type': 'application/octet-stream' };

    await expectForbidden(
      await visitor.fetch(`${base}/parts/1`, { method: 'PUT', headers: octets, body: bytes }),
    );
    const status = uploadStatusSchema.parse(await (await visitor.fetch(base)).json());
    expect(status.uploadedParts).toEqual([]);
    await expectForbidden(
      await visitor.fetch(`${base}/complete`, { method: 'POST', headers: { Origin: FOREIGN } }),
    );
    await expectForbidden(
      await visitor.fetch(base, { method: 'DELETE', headers: { Origin: FOREIGN } }),
    );
    const list = mediaListSchema.parse(
      await (await visitor.fetch(`/api/sessions/${session.id}/media`)).json(),
    );
    expect(list.media.map((item) => item.id)).toEqual([media.id]);
    // The same part without a browser's headers is taken: only the origin was refused.
    expect((await visitor.fetch(`${base}/parts/1`, { method: 'PUT', body: bytes })).status).toBe(
      200,
    );

    const job = await visitor.startExport(session.id);
    await expectForbidden(
      await visitor.fetch(`/api/renders/${job.id}/chunks/0`, {
        method: 'PUT',
        headers: octets,
        body: new Uint8Array(32),
      }),
    );
    await expectForbidden(
      await visitor.fetch(`/api/renders/${job.id}/audio`, {
        method: 'PUT',
        headers: octets,
        body: new Uint8Array(32),
      }),
    );
    await expectForbidden(
      await visitor.fetch(`/api/renders/${job.id}/file`, {
        method: 'PUT',
        headers: { Origin: FOREIGN, 'Content-Type': 'video/mp4' },
        body: new Uint8Array(32),
      }),
    );
    const chunks = renderChunkStateSchema.parse(
      await (await visitor.fetch(`/api/renders/${job.id}/chunks`)).json(),
    );
    expect(chunks.chunks).toEqual([]);
    expect(chunks.audio).toBeNull();
    expect((await env.MEDIA.list({ prefix: `renders/${job.id}/` })).objects).toEqual([]);
  });

  it('reads from another site are not refused (GET changes nothing)', async () => {
    const response = await new Visitor().fetch('/api/health', {
      headers: { Origin: FOREIGN, 'Sec-Fetch-Site': 'cross-site' },
    });
    expect(response.status).toBe(200);
  });
});

describe('writes that pass', () => {
  it("from the app's own origin, an allowed embedding origin, Sec-Fetch-Site same-origin, or a script with neither header", async () => {
    const embedder = parseAllowedOrigins(env.EMBED_ALLOWED_ORIGINS)[0];
    if (embedder === undefined) throw new Error('the test config allows no embedding origin');
    const visitor = new Visitor();
    const passing: Record<string, string>[] = [
      { Origin: ORIGIN, 'Sec-Fetch-Site': 'same-origin' },
      { Origin: ORIGIN },
      { Origin: embedder, 'Sec-Fetch-Site': 'cross-site' },
      { 'Sec-Fetch-Site': 'same-origin' },
      {},
    ];
    for (const headers of passing) {
      expect(
        (await visitor.fetch('/api/sessions', { method: 'POST', headers })).status,
        JSON.stringify(headers),
      ).toBe(201);
    }
    expect(await sessionCount(visitor)).toBe(passing.length);
  });
});

describe('JSON bodies need Content-Type: application/json', () => {
  it('a JSON chat message sent as text/plain, a form or without a type is 415 unsupported_media_type and is not run', async () => {
    const visitor = new Visitor();
    const session = await visitor.createSession();
    const body = JSON.stringify({ text: 'generate a 10-second video about tea' });
    for (const type of [
      'text/plain',
      'text/plain;charset=UTF-8',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      null,
    ]) {
      const headers: Record<string, string> = type === null ? {} : { 'Content-Type': type };
      const response = await visitor.fetch(`/api/sessions/${session.id}/messages`, {
        method: 'POST',
        headers,
        body,
      });
      expect(response.status, String(type)).toBe(415);
      const error = await readError(response);
      expect(error.code).toBe('unsupported_media_type');
      expect(error.message).toMatch(/application\/json/);
    }
    const state = await (await visitor.fetch(`/api/sessions/${session.id}`)).json();
    expect(state).toMatchObject({ messages: [] });
  });

  it('an export, an upload and a render report with a text/plain JSON body are 415 too; application/json with a charset is fine', async () => {
    const visitor = new Visitor();
    const session = await visitor.sessionWithDraft();
    const plain = { 'Content-Type': 'text/plain' };
    const exported = await visitor.fetch(`/api/sessions/${session.id}/exports`, {
      method: 'POST',
      headers: plain,
      body: '{}',
    });
    expect(exported.status).toBe(415);
    const upload = await visitor.fetch(`/api/sessions/${session.id}/media`, {
      method: 'POST',
      headers: plain,
      body: JSON.stringify({ name: 'a.mp4', sizeBytes: 10 }),
    });
    expect(upload.status).toBe(415);
    const job = await visitor.startExport(session.id);
    const failed = await visitor.fetch(`/api/renders/${job.id}/fail`, {
      method: 'POST',
      headers: plain,
      body: JSON.stringify({ message: 'no' }),
    });
    expect(failed.status).toBe(415);
    const charset = await visitor.fetch(`/api/sessions/${session.id}/media`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ name: 'a.mp4', sizeBytes: 10 }),
    });
    expect(charset.status).toBe(201);
  });
});
