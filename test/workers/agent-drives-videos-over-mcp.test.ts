/**
 * `/mcp` driven by the MCP SDK's own client (`Client` + `StreamableHTTPClientTransport`, its
 * `fetch` going to the Worker in workerd): an agent holding its visitor's token lists the tools,
 * plans a video, edits it with two tools, reads the draft, undoes, lists the videos, and after
 * the visitor's browser rendered the export, follows it and gets its signed link. Refused: no
 * token, a forged token, another visitor's session, an oversized body, a cross-site browser.
 */
import { exports } from 'cloudflare:workers';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CfWorkerJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/cfworker';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { draftSchema } from '../../shared/draft-schema';
import { DIRECTOR_TOOLS } from '../../functions/engine/director-tools';
import { MAX_JSON_BODY_BYTES } from '../../functions/middleware/json-body';
import { TIDE_POOLS_PLAN } from '../support/tide-pools-plan';
import { ORIGIN, Visitor, downloadLinkPattern, readError, renderMp4 } from './visitor-client';
import { createApiKey } from './api-key-client';

const MCP_URL = `${ORIGIN}/mcp`;

/** A visitor of the app (cookie) and a token for their agent, as docs/mcp.md has them get one. */
async function visitorWithToken(): Promise<{ visitor: Visitor; token: string }> {
  const visitor = new Visitor();
  await visitor.createSession();
  const response = await visitor.fetch('/api/agent-token', { method: 'POST' });
  expect(response.status).toBe(201);
  expect(response.headers.get('Cache-Control')).toBe('no-store');
  const { token } = z.object({ token: z.string() }).parse(await response.json());
  return { visitor, token };
}

/** The SDK client, connected to the Worker's `/mcp` with `token` (none: no Authorization). */
async function agent(token: string | null): Promise<Client> {
  const transport = new StreamableHTTPClientTransport(new URL(MCP_URL), {
    fetch: (url, init) => exports.default.fetch(new Request(url, init)),
    requestInit: token === null ? {} : { headers: { Authorization: `Bearer ${token}` } },
  });
  // ajv (the SDK's default) compiles with eval, which workerd forbids.
  const client = new Client(
    { name: 'test-agent', version: '1.0.0' },
    { jsonSchemaValidator: new CfWorkerJsonSchemaValidator() },
  );
  await client.connect(transport);
  return client;
}

/** What every tool answers as structured content (mcp-server.ts). */
const turnSchema = z.object({
  sessionId: z.uuid(),
  reply: z.string(),
  draft: z
    .object({ version: z.number(), summary: z.string(), changes: z.array(z.string()) })
    .nullable(),
  errors: z.array(z.object({ code: z.string(), message: z.string() })),
});
const errorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

async function call(client: Client, name: string, args: Record<string, unknown>) {
  const result = await client.callTool({ name, arguments: args });
  return { isError: result.isError === true, value: result.structuredContent };
}

const PLAN = TIDE_POOLS_PLAN;

/** A JSON-RPC `tools/list` as an agent posts it (for the refusals, sent by hand). */
function rawPost(
  headers: Record<string, string>,
  body = '{"jsonrpc":"2.0","id":1,"method":"tools/list"}',
) {
  return exports.default.fetch(
    new Request(MCP_URL, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json, text/event-stream',
        ...headers,
      },
      body,
    }),
  );
}

describe('an agent drives Reelwright over MCP', () => {
  it('lists the director’s tools and the reading tools, with the registry’s schemas', async () => {
    const { token } = await visitorWithToken();
    const client = await agent(token);
    const { tools } = await client.listTools();
    const names = tools.map((tool) => tool.name);
    for (const tool of DIRECTOR_TOOLS) expect(names).toContain(tool.name);
    for (const name of ['get_draft', 'list_videos', 'render_status', 'download_link'])
      expect(names).toContain(name);
    const setDuration = tools.find((tool) => tool.name === 'set_duration');
    expect(Object.keys(setDuration?.inputSchema.properties ?? {})).toEqual(
      expect.arrayContaining(['durationMs', 'sessionId']),
    );
    expect(setDuration?.inputSchema.required).toContain('sessionId');
    expect(tools.find((tool) => tool.name === 'export')?.description).toMatch(/browser/);
    await client.close();
  });

  it('plans, edits with two tools, reads the draft, undoes, lists, and follows the export to its link', async () => {
    const { visitor, token } = await visitorWithToken();
    const client = await agent(token);

    const planned = await call(client, 'plan_video', PLAN);
    expect(planned.isError).toBe(false);
    const plan = turnSchema.parse(planned.value);
    expect(plan.draft?.version).toBe(1);
    const sessionId = plan.sessionId;

    const shorter = turnSchema.parse(
      (await call(client, 'set_duration', { sessionId, durationMs: 20_000 })).value,
    );
    expect(shorter.draft?.version).toBe(2);
    const titled = turnSchema.parse(
      (await call(client, 'set_title', { sessionId, text: 'Rock pools at dawn' })).value,
    );
    expect(titled.draft?.version).toBe(3);

    const read = async () => {
      const answer = await call(client, 'get_draft', { sessionId });
      const value = z.object({ version: z.number(), draft: draftSchema }).parse(answer.value);
      return value;
    };
    const edited = await read();
    expect(edited.version).toBe(3);
    expect(edited.draft.durationMs).toBe(20_000);
    expect(edited.draft.title).toBe('Rock pools at dawn');

    const undone = turnSchema.parse((await call(client, 'undo', { sessionId })).value);
    expect(undone.draft).not.toBeNull();
    const afterUndo = await read();
    expect(afterUndo.draft.title).not.toBe('Rock pools at dawn');
    expect(afterUndo.draft.durationMs).toBe(20_000);

    // The visitor's app sees the same session: the agent acted for them.
    const state = await visitor.fetch(`/api/sessions/${sessionId}`);
    expect(state.status).toBe(200);
    expect(z.object({ draft: draftSchema }).parse(await state.json()).draft).toEqual(
      afterUndo.draft,
    );

    const listed = z
      .object({ videos: z.array(z.object({ sessionId: z.string(), version: z.number() })) })
      .parse((await call(client, 'list_videos', {})).value);
    expect(listed.videos.map((video) => video.sessionId)).toContain(sessionId);

    const exported = await call(client, 'export', { sessionId });
    expect(exported.value).toMatchObject({ renderedIn: 'browser', open: `${ORIGIN}/` });

    // The visitor's browser renders it (as the app does after Export MP4).
    const job = await visitor.startExport(sessionId);
    const queued = z
      .object({ renders: z.array(z.object({ id: z.string(), status: z.string() })) })
      .parse((await call(client, 'render_status', { sessionId })).value);
    expect(queued.renders).toEqual([expect.objectContaining({ id: job.id, status: 'queued' })]);
    const early = await call(client, 'download_link', { renderId: job.id });
    expect(early.isError).toBe(true);
    expect(errorSchema.parse(early.value).error.code).toBe('render_not_completed');

    const bytes = renderMp4(job.draft.durationMs);
    const stored = await visitor.storeRender(job.id, bytes);
    expect(stored.status).toBe(200);
    const done = z
      .object({ renders: z.array(z.object({ status: z.string(), progress: z.number() })) })
      .parse((await call(client, 'render_status', { renderId: job.id })).value);
    expect(done.renders[0]).toMatchObject({ status: 'completed', progress: 1 });

    const link = z
      .object({ downloadUrl: z.string() })
      .parse((await call(client, 'download_link', { renderId: job.id })).value).downloadUrl;
    expect(link.startsWith(ORIGIN)).toBe(true);
    expect(link.slice(ORIGIN.length)).toMatch(downloadLinkPattern(job.id));
    const download = await exports.default.fetch(new Request(link));
    expect(download.status).toBe(200);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(bytes);
    await client.close();
  });

  it('refuses invalid arguments with the registry’s own message, and changes nothing', async () => {
    const { token } = await visitorWithToken();
    const client = await agent(token);
    const { sessionId } = turnSchema.parse((await call(client, 'plan_video', PLAN)).value);
    const bad = await client.callTool({
      name: 'set_duration',
      arguments: { sessionId, durationMs: -5 },
    });
    expect(bad.isError).toBe(true);
    expect(JSON.stringify(bad.content)).toMatch(/durationMs/);
    const still = z
      .object({ version: z.number() })
      .parse((await call(client, 'get_draft', { sessionId })).value);
    expect(still.version).toBe(1);
    await client.close();
  });

  it('answers another visitor’s session and render as not found', async () => {
    const owner = await visitorWithToken();
    const ownerAgent = await agent(owner.token);
    const { sessionId } = turnSchema.parse((await call(ownerAgent, 'plan_video', PLAN)).value);
    const job = await owner.visitor.startExport(sessionId);
    const stranger = await agent((await visitorWithToken()).token);
    for (const [name, args] of [
      ['get_draft', { sessionId }],
      ['set_duration', { sessionId, durationMs: 10_000 }],
      ['plan_video', { ...PLAN, sessionId }],
      ['undo', { sessionId }],
      ['render_status', { renderId: job.id }],
      ['download_link', { renderId: job.id }],
    ] as const) {
      const answer = await call(stranger, name, args);
      expect(answer.isError, name).toBe(true);
      expect(errorSchema.parse(answer.value).error.code, name).toBe('not_found');
    }
    const strangerList = z
      .object({ videos: z.array(z.object({ sessionId: z.string() })) })
      .parse((await call(stranger, 'list_videos', {})).value);
    expect(strangerList.videos.map((video) => video.sessionId)).not.toContain(sessionId);
    const untouched = z
      .object({ version: z.number() })
      .parse((await call(ownerAgent, 'get_draft', { sessionId })).value);
    expect(untouched.version).toBe(1);
    await ownerAgent.close();
    await stranger.close();
  });

  it('refuses a request without a token, with "new", or with a forged one: 401', async () => {
    await expect(agent(null)).rejects.toThrow();
    const { token } = await visitorWithToken();
    const forged = `${token.slice(0, -4)}AAAA`;
    for (const [authorization, code] of [
      [undefined, 'token_required'],
      ['Bearer new', 'token_required'],
      [`Basic ${token}`, 'token_required'],
      [`Bearer ${forged}`, 'widget_token_invalid'],
    ] as const) {
      const response = await rawPost(
        authorization === undefined ? {} : { Authorization: authorization },
      );
      expect(response.status, authorization).toBe(401);
      expect(response.headers.get('WWW-Authenticate')).toMatch(/^Bearer/);
      expect((await readError(response)).code).toBe(code);
      expect(response.headers.get('Set-Cookie')).toBeNull();
    }
    // The token is never read from the URL.
    const inUrl = await exports.default.fetch(
      new Request(`${MCP_URL}?token=${encodeURIComponent(token)}`, { method: 'POST' }),
    );
    expect(inUrl.status).toBe(401);
  });

  it('a token stops working when the visitor revokes their tokens; no other site can get one', async () => {
    const { visitor, token } = await visitorWithToken();
    expect((await rawPost({ Authorization: `Bearer ${token}` })).status).toBe(200);
    const revoked = await exports.default.fetch(
      new Request(`${ORIGIN}/api/widget-token`, {
        method: 'DELETE',
        headers: { 'X-Reelwright-Visitor': token },
      }),
    );
    expect(revoked.status).toBe(200);
    const after = await rawPost({ Authorization: `Bearer ${token}` });
    expect(after.status).toBe(401);
    expect((await readError(after)).code).toBe('widget_token_revoked');
    const crossSite = await visitor.fetch('/api/agent-token', {
      method: 'POST',
      headers: { Origin: 'https://evil.example' },
    });
    expect(crossSite.status).toBe(403);
  });

  it('an API key from the library panel drives the tools as its visitor, until it is revoked', async () => {
    const visitor = new Visitor();
    const { key, apiKey } = await createApiKey(visitor, 'my agent');
    const client = await agent(key);
    const planned = turnSchema.parse((await call(client, 'plan_video', PLAN)).value);
    expect(planned.draft?.version).toBe(1);
    const sessionId = planned.sessionId;
    const listed = z
      .object({ videos: z.array(z.object({ sessionId: z.string() })) })
      .parse((await call(client, 'list_videos', {})).value);
    expect(listed.videos.map((video) => video.sessionId)).toEqual([sessionId]);
    await client.close();

    expect((await visitor.fetch(`/api/api-keys/${apiKey.id}`, { method: 'DELETE' })).status).toBe(
      204,
    );
    const after = await rawPost({ Authorization: `Bearer ${key}` });
    expect(after.status).toBe(401);
    expect(after.headers.get('WWW-Authenticate')).toMatch(/^Bearer/);
    expect((await readError(after)).code).toBe('api_key_invalid');
    const madeUp = await rawPost({ Authorization: `Bearer ${key.slice(0, -6)}AAAAAA` });
    expect(madeUp.status).toBe(401);
    expect((await readError(madeUp)).code).toBe('api_key_invalid');
  });

  it('refuses an oversized body with 413 before reading it', async () => {
    const { token } = await visitorWithToken();
    const body = JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/call',
      params: { name: 'list_videos', arguments: { pad: 'x'.repeat(MAX_JSON_BODY_BYTES) } },
    });
    const response = await rawPost({ Authorization: `Bearer ${token}` }, body);
    expect(response.status).toBe(413);
    expect((await readError(response)).code).toBe('payload_too_large');
  });

  it('refuses a cross-site browser request (DNS rebinding), and lets a server client without Origin in', async () => {
    const { token } = await visitorWithToken();
    const auth = { Authorization: `Bearer ${token}` };
    const crossSite: Array<Record<string, string>> = [
      { Origin: 'https://evil.example' },
      { Origin: 'http://127.0.0.1:8787' },
      { 'Sec-Fetch-Site': 'cross-site' },
    ];
    for (const headers of crossSite) {
      const response = await rawPost({ ...auth, ...headers });
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect((await readError(response)).code).toBe('forbidden_origin');
    }
    // Stateless: no stream to open (docs/mcp.md).
    const get = await exports.default.fetch(
      new Request(MCP_URL, { headers: { ...auth, Accept: 'text/event-stream' } }),
    );
    expect(get.status).toBe(405);
    const own = await rawPost({ ...auth, Origin: ORIGIN });
    expect(own.status).toBe(200);
    const server = await rawPost(auth);
    expect(server.status).toBe(200);
    const list = z
      .object({ result: z.object({ tools: z.array(z.object({ name: z.string() })) }) })
      .parse(await server.json());
    expect(list.result.tools.length).toBeGreaterThan(DIRECTOR_TOOLS.length);
  });
});
