/**
 * @module fake-upstream
 * A contract-faithful fake of the remote video API (docs/remote-api.md), as a Hono app.
 * The workerd tests call it in-process (their `fetch` to the upstream host is routed to
 * `app.fetch`); `npm run fake-upstream` serves it on a port for trying the whole app by hand.
 *
 * Faithful to the contract: `{code,message,data}` envelopes; anonymous tokens per
 * `X-Client-Id` (one per client per 7 days, else 429; missing header 400); Bearer checks (1001);
 * unknown sessions (HTTP 404 with code 1002, before any stream); attribution headers required
 * for export (402); credits; state with short-key drafts; renders that take several polls; and
 * a `/run_sse` chat stream in ADK api_server format — `data: <Event JSON>\n\n` frames only, no
 * `id:`/`event:` lines — with partial deltas then one final event, function calls and
 * responses, heartbeats (empty `data:` lines and content-less events), and about 30 % of edit
 * turns closing with no text at all.
 *
 * Deterministic on demand, by keywords in the chat message (they pass through the edge as-is):
 * `[silent]` / `[talk]` force a no-text or a text answer; `[error:CODE]` answers CODE before the
 * stream, `[error-once:CODE]` only the first time that exact message is sent; `[stream-error]`
 * sends `data: {"error":…}` mid-stream; `[cut]` ends the body inside a frame; `[hang]` opens the
 * stream and sends nothing; `[hang-headers]` never answers; `[heartbeats:N]` sends N heartbeats
 * first; `[slow]` paces deltas 200 ms apart; `[render-file:html]` / `[render-file:Ns]` make the
 * session's later renders serve 76 bytes of HTML or a real MP4 of N seconds instead of one as
 * long as the draft (./fake-render-file.ts). Other endpoints fail on demand through
 * {@link FakeUpstream.failNext} (or `POST /__fake/faults {route, code, times}` by hand).
 *
 * Two modes ({@link FakeUpstreamOptions.mode}; `FAKE_UPSTREAM_MODE` or `--mode=` for
 * `npm run fake-upstream`): `hosted` (the default, above) and `stock-adk`, whose `/run_sse`
 * behaves like a stock `adk api_server` (google/adk-python `adk_web_server.py`): the body must
 * carry `user_id` (else HTTP 422, FastAPI's validation answer); `partial` events only with
 * `"streaming": true`; progressive SSE (a function call first in a `partial` chunk, then in the
 * non-partial aggregate); no heartbeats, and silence while a tool runs (`[tool-ms:N]`, default
 * {@link FAKE_TOOL_MS}); a no-text edit ends with older ADK's `errorCode: "STOP"` event.
 * The keywords before the stream (`[error…]`, `[hang-headers]`) and `[hang]` work in both modes.
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import { z } from 'zod';
import { editDraft, fakeDraftSchema, generateDraft } from './fake-drafts';
import type { FakeDraft } from './fake-drafts';
import { renderFileBytes, renderFileKeyword } from './fake-render-file';
import type { RenderFileChoice, RenderFileSource } from './fake-render-file';

/** How long an anonymous token lives, and how often a client gets one, ms (docs/remote-api.md). */
export const FAKE_TOKEN_PERIOD_MS = 7 * 24 * 60 * 60_000;
/** Credits of a new anonymous token (docs/remote-api.md#tokens: 100). */
export const FAKE_STARTING_CREDITS = 100;
/** Credits one export costs at the fake (any positive price works for the contract). */
export const FAKE_EXPORT_COST = 10;
/** Polls a render takes before it completes (docs/remote-api.md#exports: several). */
export const FAKE_RENDER_POLLS = 3;
/** Share of edit turns that end with no text (about 30 %, docs/remote-api.md), in tenths. */
export const FAKE_SILENT_TENTHS = 3;
/** Largest upload the fake accepts, bytes (docs/remote-api.md#uploads: 500 MB). */
export const FAKE_MAX_UPLOAD_BYTES = 500 * 1024 * 1024;
/** Accepted upload extensions (docs/remote-api.md#uploads). */
export const FAKE_UPLOAD_TYPES = [
  'mp4',
  'mov',
  'avi',
  'webm',
  'mkv',
  'jpg',
  'png',
  'gif',
  'webp',
  'mp3',
  'wav',
  'm4a',
  'aac',
];
/** Default pause between stream frames, ms: enough to split frames into separate chunks. */
export const FAKE_FRAME_DELAY_MS = 2;
/** Default pause between heartbeats, ms (short, so tests stay fast). */
export const FAKE_HEARTBEAT_DELAY_MS = 20;
/** Pause between frames of a `[slow]` turn, ms: slower than the edge's 100-ms typing pace. */
export const FAKE_SLOW_FRAME_MS = 200;
/** How long a tool runs in `stock-adk` mode, ms, unless `[tool-ms:N]` says (stock ADK is silent meanwhile). */
export const FAKE_TOOL_MS = 50;
/** Prefix of a message that carries a draft into a new session (the project's own convention). */
export const FAKE_CARRY_PREFIX = 'The project so far (draft JSON):';

/** Endpoints that {@link FakeUpstream.failNext} can fail. */
export type FakeRoute =
  | 'token'
  | 'session'
  | 'chat'
  | 'state'
  | 'credits'
  | 'upload'
  | 'render-start'
  | 'render-poll'
  | 'download';

/** How the fake's `/run_sse` behaves: the hosted API, or a stock `adk api_server`. */
export type FakeUpstreamMode = 'hosted' | 'stock-adk';

/** Options of {@link createFakeUpstream}. */
export interface FakeUpstreamOptions {
  /** Default `hosted`; see the module doc. */
  mode?: FakeUpstreamMode;
  /** Tokens accepted as operator (registered) tokens. */
  operatorTokens?: string[];
  /** Polls before a render completes (default {@link FAKE_RENDER_POLLS}). */
  renderPolls?: number;
  /** Pause between stream frames, ms (default {@link FAKE_FRAME_DELAY_MS}; 0 = back to back). */
  frameDelayMs?: number;
  /** Pause between heartbeats, ms (default {@link FAKE_HEARTBEAT_DELAY_MS}). */
  heartbeatDelayMs?: number;
  /**
   * Real MP4s by length, served as finished renders (test/fixtures/render-<s>s.mp4). Without it,
   * or when it has no file as long as the draft, the render fails upstream saying so.
   */
  renderFile?: RenderFileSource;
}

/** One request the fake saw (for assertions). */
export interface FakeRequestRecord {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string | null;
}

interface FakeSession {
  id: string;
  token: string;
  language: string;
  draft: FakeDraft | null;
  turns: number;
  /** What this session's renders serve (a `[render-file:…]` keyword changes it). */
  renderFile: RenderFileChoice;
}
interface FakeRender {
  id: string;
  sessionId: string;
  polls: number;
  draft: unknown;
  /** The finished file, or why there is none (the render then fails). */
  file: { bytes: Uint8Array } | { error: string };
}
interface FakeAccount {
  clientId: string | null;
  available: number;
  frozen: number;
  expired: boolean;
}

/** The fake and its inspectable state. */
export interface FakeUpstream {
  app: Hono;
  /** Fails the next `times` calls of `route` with contract `code`. */
  failNext(route: FakeRoute, code: number, times?: number): void;
  /** Makes `token` answer 1001 from now on, and lets its client get a new one. */
  expireToken(token: string): void;
  /** Forgets a session (its next use answers 404/1002). */
  dropSession(sessionId: string): void;
  /** Sets the credits of `token`. */
  setCredits(token: string, available: number): void;
  readonly requests: FakeRequestRecord[];
  /** Files received by the upload endpoint (multipart), per upstream session. */
  readonly uploads: { sessionId: string; name: string; size: number }[];
  readonly sessions: ReadonlyMap<string, { draft: FakeDraft | null; turns: number; token: string }>;
  readonly tokens: ReadonlyMap<
    string,
    { clientId: string | null; available: number; expired: boolean }
  >;
  readonly renders: ReadonlyMap<string, { sessionId: string; polls: number; draft: unknown }>;
}

const runSseBodySchema = z.object({
  app_name: z.string(),
  user_id: z.string().optional(),
  streaming: z.boolean().optional(),
  session_id: z.string(),
  new_message: z.object({
    role: z.string().optional(),
    parts: z.array(z.object({ text: z.string().optional() })),
  }),
});
const renderBodySchema = z.object({
  id: z.string().min(1),
  sessionId: z.string().min(1),
  draft: z.unknown(),
  output: z.object({ format: z.string(), quality: z.string() }),
});
const faultBodySchema = z.object({
  route: z.enum([
    'token',
    'session',
    'chat',
    'state',
    'credits',
    'upload',
    'render-start',
    'render-poll',
    'download',
  ]),
  code: z.number().int(),
  times: z.number().int().positive().default(1),
});

/** The HTTP status the fake answers a contract code with. */
export function statusForCode(code: number): 400 | 401 | 402 | 404 | 413 | 415 | 429 | 500 {
  switch (code) {
    case 1001:
      return 401;
    case 1002:
      return 404;
    case 2001:
    case 402:
      return 402;
    case 4001:
      return 415;
    case 4002:
      return 413;
    case 429:
      return 429;
    case 400:
      return 400;
    default:
      return 500;
  }
}

const MESSAGES: Record<number, string> = {
  1001: 'token expired or invalid',
  1002: 'session not found',
  2001: 'insufficient credits',
  4001: 'unsupported file type',
  4002: 'file too large',
  400: 'missing X-Client-Id',
  402: 'export requires a paid plan',
  429: 'too many requests',
};

function fail(c: Context, code: number): Response {
  return c.json(
    { code, message: MESSAGES[code] ?? 'internal error', data: null },
    statusForCode(code),
  );
}

function ok(c: Context, data: unknown): Response {
  return c.json({ code: 0, message: 'success', data });
}

/** A small stable hash of a string (FNV-1a), for the deterministic "about 30 %". */
export function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** Whether an edit turn with this text ends with no text (keywords first, else the hash). */
export function isSilentTurn(text: string): boolean {
  if (text.includes('[talk]')) return false;
  if (text.includes('[silent]')) return true;
  return stableHash(text) % 10 < FAKE_SILENT_TENTHS;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Builds a fresh fake with empty state. */
export function createFakeUpstream(options: FakeUpstreamOptions = {}): FakeUpstream {
  const mode = options.mode ?? 'hosted';
  const renderPolls = options.renderPolls ?? FAKE_RENDER_POLLS;
  const frameDelayMs = options.frameDelayMs ?? FAKE_FRAME_DELAY_MS;
  const heartbeatDelayMs = options.heartbeatDelayMs ?? FAKE_HEARTBEAT_DELAY_MS;
  const renderFile: RenderFileSource =
    options.renderFile ??
    ((durationMs) => {
      throw new Error(
        `this fake was given no render files (createFakeUpstream renderFile), so none lasts ${durationMs} ms`,
      );
    });
  const accounts = new Map<string, FakeAccount>();
  for (const token of options.operatorTokens ?? [])
    accounts.set(token, { clientId: null, available: 10_000, frozen: 0, expired: false });
  const clients = new Map<string, { token: string; issuedAtMs: number }>();
  const sessions = new Map<string, FakeSession>();
  const renders = new Map<string, FakeRender>();
  const faults: { route: FakeRoute; code: number; times: number }[] = [];
  const seenOnce = new Set<string>();
  const requests: FakeRequestRecord[] = [];
  const uploads: { sessionId: string; name: string; size: number }[] = [];

  const takeFault = (route: FakeRoute): number | null => {
    const fault = faults.find((f) => f.route === route && f.times > 0);
    if (fault === undefined) return null;
    fault.times -= 1;
    return fault.code;
  };
  const bearer = (c: Context): string | null =>
    /^Bearer (.+)$/.exec(c.req.header('Authorization') ?? '')?.[1] ?? null;
  const account = (c: Context): { token: string; account: FakeAccount } | null => {
    const token = bearer(c);
    const found = token === null ? undefined : accounts.get(token);
    return token === null || found === undefined || found.expired
      ? null
      : { token, account: found };
  };
  /** The fault due for `route`, if any; a 1001 also invalidates the caller's token (its client may get a new one). */
  const faultFor = (c: Context, route: FakeRoute): number | null => {
    const code = takeFault(route);
    const token = bearer(c);
    const found = token === null ? undefined : accounts.get(token);
    if (code === 1001 && found !== undefined) found.expired = true;
    return code;
  };
  const attributed = (c: Context): boolean =>
    ['X-Skill-Source', 'X-Skill-Version', 'X-Skill-Platform'].every(
      (name) => (c.req.header(name) ?? '') !== '',
    );

  const app = new Hono();

  app.use('*', async (c, next) => {
    if (!c.req.path.startsWith('/__fake')) {
      const body =
        c.req.method === 'GET' || (c.req.header('Content-Type') ?? '').startsWith('multipart/')
          ? null
          : await c.req.raw.clone().text();
      requests.push({
        method: c.req.method,
        path: c.req.path,
        headers: Object.fromEntries(c.req.raw.headers),
        body,
      });
    }
    await next();
  });

  app.post('/api/auth/anonymous-token', (c) => {
    const fault = faultFor(c, 'token');
    if (fault !== null) return fail(c, fault);
    const clientId = c.req.header('X-Client-Id');
    if (clientId === undefined || clientId.trim() === '') return fail(c, 400);
    const issued = clients.get(clientId);
    const now = Date.now();
    if (
      issued !== undefined &&
      now - issued.issuedAtMs < FAKE_TOKEN_PERIOD_MS &&
      accounts.get(issued.token)?.expired !== true
    ) {
      return fail(c, 429);
    }
    const token = `nemo_anon_${crypto.randomUUID().replaceAll('-', '')}`;
    const previous = issued === undefined ? undefined : accounts.get(issued.token);
    clients.set(clientId, { token, issuedAtMs: now });
    // A renewed token keeps the client's credits.
    accounts.set(token, {
      clientId,
      available: previous?.available ?? FAKE_STARTING_CREDITS,
      frozen: 0,
      expired: false,
    });
    return ok(c, {
      token,
      credits: previous?.available ?? FAKE_STARTING_CREDITS,
      expires_in: FAKE_TOKEN_PERIOD_MS / 1000,
    });
  });

  app.post('/api/tasks/me/with-session/:app', async (c) => {
    const fault = faultFor(c, 'session');
    if (fault !== null) return fail(c, fault);
    const who = account(c);
    if (who === null) return fail(c, 1001);
    const body = z
      .object({ task_name: z.string(), language: z.string() })
      .safeParse(await c.req.json().catch(() => null));
    if (!body.success)
      return c.json({ code: 400, message: 'task_name and language are required', data: null }, 400);
    const id = `sess_${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}`;
    sessions.set(id, {
      id,
      token: who.token,
      language: body.data.language,
      draft: null,
      turns: 0,
      renderFile: { kind: 'draft' },
    });
    return ok(c, { session_id: id, task_id: `task_${id.slice(5)}` });
  });

  app.get('/api/credits/balance/simple', (c) => {
    const fault = faultFor(c, 'credits');
    if (fault !== null) return fail(c, fault);
    const who = account(c);
    if (who === null) return fail(c, 1001);
    return ok(c, {
      available: who.account.available,
      frozen: who.account.frozen,
      total: who.account.available + who.account.frozen,
    });
  });

  app.get('/api/state/:app/me/:sid/latest', (c) => {
    const fault = faultFor(c, 'state');
    if (fault !== null) return fail(c, fault);
    if (account(c) === null) return fail(c, 1001);
    const session = sessions.get(c.req.param('sid'));
    if (session === undefined) return fail(c, 1002);
    return ok(c, { draft: session.draft, video_infos: [], generated_media: [] });
  });

  app.post('/api/upload-video/:app/me/:sid', async (c) => {
    const fault = faultFor(c, 'upload');
    if (fault !== null) return fail(c, fault);
    if (account(c) === null) return fail(c, 1001);
    if (!sessions.has(c.req.param('sid'))) return fail(c, 1002);
    if (Number(c.req.header('Content-Length') ?? '0') > FAKE_MAX_UPLOAD_BYTES) return fail(c, 4002);
    const type = c.req.header('Content-Type') ?? '';
    const names: string[] = [];
    const files: { name: string; size: number }[] = [];
    if (type.startsWith('multipart/form-data')) {
      const form = await c.req.formData();
      for (const value of form.values()) {
        if (typeof value === 'string') continue;
        names.push(value.name);
        files.push({ name: value.name, size: value.size });
      }
    } else {
      const body = z
        .object({ urls: z.array(z.string()) })
        .safeParse(await c.req.json().catch(() => null));
      if (body.success) names.push(...body.data.urls.map((url) => new URL(url).pathname));
    }
    if (names.length === 0) return c.json({ code: 400, message: 'no file', data: null }, 400);
    const unsupported = names.find(
      (name) => !FAKE_UPLOAD_TYPES.includes(name.split('.').pop()?.toLowerCase() ?? ''),
    );
    if (unsupported !== undefined) return fail(c, 4001);
    for (const file of files) uploads.push({ sessionId: c.req.param('sid'), ...file });
    return ok(c, {
      media: names.map((name) => ({ media_id: `media_${stableHash(name).toString(16)}`, name })),
    });
  });

  app.post('/api/render/proxy/lambda', async (c) => {
    const fault = faultFor(c, 'render-start');
    if (fault !== null) return fail(c, fault);
    if (!attributed(c)) return fail(c, 402);
    const who = account(c);
    if (who === null) return fail(c, 1001);
    const body = renderBodySchema.safeParse(await c.req.json().catch(() => null));
    if (!body.success)
      return c.json({ code: 400, message: 'invalid render request', data: null }, 400);
    const session = sessions.get(body.data.sessionId);
    if (session === undefined) return fail(c, 1002);
    if (who.account.available < FAKE_EXPORT_COST) return fail(c, 2001);
    who.account.available -= FAKE_EXPORT_COST;
    const draftMs = z.object({ d: z.number() }).safeParse(body.data.draft).data?.d ?? 0;
    let file: FakeRender['file'];
    try {
      file = { bytes: renderFileBytes(session.renderFile, draftMs, renderFile) };
    } catch (error) {
      file = { error: `fake upstream: ${error instanceof Error ? error.message : String(error)}` };
    }
    renders.set(body.data.id, {
      id: body.data.id,
      sessionId: body.data.sessionId,
      polls: 0,
      draft: body.data.draft,
      file,
    });
    return ok(c, { id: body.data.id, status: 'queued', progress: 0 });
  });

  app.get('/api/render/proxy/lambda/:id', (c) => {
    const fault = faultFor(c, 'render-poll');
    if (fault !== null) return fail(c, fault);
    if (account(c) === null) return fail(c, 1001);
    const render = renders.get(c.req.param('id'));
    if (render === undefined)
      return c.json({ code: 404, message: 'render not found', data: null }, 404);
    render.polls += 1;
    if (render.polls < renderPolls) {
      return ok(c, {
        id: render.id,
        status: 'rendering',
        progress: Math.round((render.polls / renderPolls) * 100),
      });
    }
    if ('error' in render.file)
      return ok(c, { id: render.id, status: 'failed', progress: 100, error: render.file.error });
    const origin = new URL(c.req.url).origin;
    return ok(c, {
      id: render.id,
      status: 'completed',
      progress: 100,
      downloadUrl: `${origin}/files/${encodeURIComponent(render.id)}.mp4`,
    });
  });

  app.get('/files/:name', (c) => {
    const fault = faultFor(c, 'download');
    if (fault !== null) return c.text('gone', 404);
    const id = c.req.param('name').replace(/\.mp4$/, '');
    const render = renders.get(id);
    if (render === undefined || !('bytes' in render.file)) return c.text('not found', 404);
    const { bytes } = render.file;
    return c.body(bytes.slice().buffer, 200, {
      'Content-Type': 'video/mp4',
      'Content-Length': String(bytes.byteLength),
    });
  });

  app.post('/run_sse', async (c) => {
    const who = account(c);
    if (who === null) return fail(c, 1001);
    const json: unknown = await c.req.json().catch(() => null);
    const body = runSseBodySchema.safeParse(json);
    if (!body.success) return c.json({ detail: 'invalid request' }, 422);
    if (mode === 'stock-adk' && body.data.user_id === undefined) {
      // FastAPI's answer to a RunAgentRequest without its required field.
      return c.json(
        {
          detail: [
            { type: 'missing', loc: ['body', 'user_id'], msg: 'Field required', input: json },
          ],
        },
        422,
      );
    }
    const session = sessions.get(body.data.session_id);
    if (session === undefined) return c.json({ detail: 'Session not found', code: 1002 }, 404);
    let text = body.data.new_message.parts.map((part) => part.text ?? '').join('');
    const fault = faultFor(c, 'chat');
    if (fault !== null) return fail(c, fault);
    const once = /\[error-once:(\d+)\]/.exec(text);
    if (once !== null && !seenOnce.has(text)) {
      seenOnce.add(text);
      return fail(c, Number(once[1]));
    }
    const always = /\[error:(\d+)\]/.exec(text);
    if (always !== null) return fail(c, Number(always[1]));
    if (text.includes('[hang-headers]')) {
      await new Promise<void>((resolve) =>
        c.req.raw.signal.addEventListener('abort', () => resolve()),
      );
      return c.body(null, 504);
    }
    if (text.startsWith(FAKE_CARRY_PREFIX)) {
      const [first, ...rest] = text.split('\n');
      try {
        session.draft = fakeDraftSchema.parse(
          JSON.parse((first ?? '').slice(FAKE_CARRY_PREFIX.length).trim()),
        );
      } catch {
        return c.json({ detail: 'invalid carried draft' }, 422);
      }
      text = rest.join('\n').trim();
    }
    session.renderFile = renderFileKeyword(text) ?? session.renderFile;
    session.turns += 1;
    if (mode === 'stock-adk')
      return streamStockAdkTurn(c, session, text, {
        frameDelayMs,
        streaming: body.data.streaming === true,
      });
    return streamTurn(c, session, text, { frameDelayMs, heartbeatDelayMs });
  });

  app.post('/__fake/faults', async (c) => {
    const body = faultBodySchema.safeParse(await c.req.json().catch(() => null));
    if (!body.success) return c.json({ error: body.error.message }, 400);
    faults.push(body.data);
    return c.json({ ok: true });
  });
  app.get('/__fake/requests', (c) => c.json({ requests: requests.slice(-200) }));
  app.notFound((c) =>
    c.json({ code: 404, message: `no route ${c.req.method} ${c.req.path}`, data: null }, 404),
  );

  return {
    app,
    failNext(route, code, times = 1) {
      faults.push({ route, code, times });
    },
    expireToken(token) {
      const found = accounts.get(token);
      if (found !== undefined) found.expired = true;
    },
    dropSession(sessionId) {
      sessions.delete(sessionId);
    },
    setCredits(token, available) {
      const found = accounts.get(token);
      if (found !== undefined) found.available = available;
    },
    requests,
    uploads,
    sessions,
    tokens: accounts,
    renders,
  };
}

/** One ADK event as the api_server writes it (camelCase, nulls omitted). */
function adkEvent(invocationId: string, fields: Record<string, unknown>): Record<string, unknown> {
  return {
    id: crypto.randomUUID(),
    invocationId,
    author: 'nemo_agent',
    timestamp: Date.now() / 1000,
    actions: { stateDelta: {}, artifactDelta: {}, requestedAuthConfigs: {} },
    ...fields,
  };
}

/** Splits a reply into streaming deltas of about `size` characters, at spaces when possible. */
function deltas(text: string, size = 16): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > size) {
    const space = rest.lastIndexOf(' ', size);
    const cut = space > size / 2 ? space + 1 : size;
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  if (rest !== '') out.push(rest);
  return out;
}

/** What one turn does: its reply, the tool it calls (if any), and whether it ends with no text. */
interface TurnPlan {
  /** The message without keywords. */
  plain: string;
  reply: string;
  tool: string | null;
  silent: boolean;
}

/** Plans one chat turn and applies its edit to the session's draft. */
function planTurn(session: FakeSession, text: string): TurnPlan {
  const plain = text.replace(/\[[a-z-]+(?::\d+)?\]/g, '').trim();
  let reply: string;
  let tool: string | null = null;
  let silent = false;
  if (session.draft === null || /\b(generate|create|make)\b.*\bvideo\b|生成/i.test(plain)) {
    session.draft = generateDraft(plain);
    tool = 'generate_storyboard';
    const seconds = session.draft.d / 1000;
    reply = `I made a ${seconds}-second draft with three scenes, lo-fi music and the title "${String(session.draft.m.title)}". Preview it, then click Export to download.`;
  } else {
    const edit = editDraft(session.draft, plain);
    if (edit === null) {
      reply =
        'I noted that, but did not change the timeline. Open the editor panel to adjust it by hand.';
    } else {
      session.draft = edit.draft;
      tool = edit.tool;
      reply = edit.reply;
      silent = isSilentTurn(text);
    }
  }
  return { plain, reply, tool, silent };
}

/** What a stream's producer writes with (see {@link sseResponse}). */
interface SseOut {
  invocationId: string;
  /** Writes `data: <json>\n\n` after the stream's pace. */
  frame(json: unknown): Promise<void>;
  /** Writes `text` as is, at once. */
  raw(text: string): Promise<void>;
  /** Settles when the reader goes away. */
  closed: Promise<void>;
}

/** An SSE response whose body `produce` writes, `paceMs` before each frame; closed when it ends. */
function sseResponse(
  c: Context,
  paceMs: number,
  produce: (out: SseOut) => Promise<void>,
): Response {
  const encoder = new TextEncoder();
  const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
  const writer = writable.getWriter();
  const out: SseOut = {
    invocationId: `e-${crypto.randomUUID()}`,
    frame: async (json) => {
      if (paceMs > 0) await sleep(paceMs);
      await writer.write(encoder.encode(`data: ${JSON.stringify(json)}\n\n`));
    },
    raw: (text) => writer.write(encoder.encode(text)),
    closed: writer.closed.catch(() => undefined),
  };
  void produce(out)
    .catch(() => undefined)
    .finally(() => writer.close().catch(() => undefined));
  return c.body(readable, 200, {
    'Content-Type': 'text/event-stream',
    'Cache-Control': 'no-cache',
  });
}

/**
 * Streams one chat turn the way a stock `adk api_server` does (see the module doc): progressive
 * SSE with `streaming`, whole messages without; no heartbeats; silence while the tool runs.
 */
function streamStockAdkTurn(
  c: Context,
  session: FakeSession,
  text: string,
  options: { frameDelayMs: number; streaming: boolean },
): Response {
  return sseResponse(c, options.frameDelayMs, async ({ invocationId, frame, closed }) => {
    const model = (fields: Record<string, unknown>): Record<string, unknown> =>
      adkEvent(invocationId, { ...fields, id: crypto.randomUUID(), author: 'nemo_agent' });
    if (text.includes('[hang]')) {
      await closed;
      return;
    }
    const { plain, reply, tool, silent } = planTurn(session, text);
    if (tool !== null) {
      const call = {
        functionCall: { id: `adk-${crypto.randomUUID()}`, args: { request: plain }, name: tool },
      };
      if (options.streaming)
        await frame(model({ content: { role: 'model', parts: [call] }, partial: true }));
      await frame(
        model({
          content: { role: 'model', parts: [call] },
          partial: false,
          finishReason: 'STOP',
          longRunningToolIds: [],
        }),
      );
      // A stock ADK server sends nothing while the tool runs.
      await sleep(Number(/\[tool-ms:(\d+)\]/.exec(text)?.[1] ?? FAKE_TOOL_MS));
      await frame(
        model({
          content: {
            role: 'user',
            parts: [
              {
                functionResponse: {
                  id: call.functionCall.id,
                  name: tool,
                  response: { ok: true },
                },
              },
            ],
          },
          actions: {
            stateDelta: { draft_version: session.turns },
            artifactDelta: {},
            requestedAuthConfigs: {},
            requestedToolConfirmations: {},
          },
        }),
      );
    }
    if (silent) {
      // Older ADK: an empty model turn copies its finish reason into errorCode.
      await frame(model({ errorCode: 'STOP' }));
      return;
    }
    if (options.streaming) {
      for (const chunk of deltas(reply))
        await frame(model({ content: { role: 'model', parts: [{ text: chunk }] }, partial: true }));
    }
    await frame(
      model({
        content: { role: 'model', parts: [{ text: reply }] },
        partial: false,
        finishReason: 'STOP',
      }),
    );
  });
}

/** Streams one chat turn in ADK format; applies its edit to the session's draft. */
function streamTurn(
  c: Context,
  session: FakeSession,
  text: string,
  timing: { frameDelayMs: number; heartbeatDelayMs: number },
): Response {
  const pace = text.includes('[slow]') ? FAKE_SLOW_FRAME_MS : timing.frameDelayMs;
  return sseResponse(c, pace, async ({ invocationId, frame, raw, closed }) => {
    if (text.includes('[hang]')) {
      await closed;
      return;
    }
    const beats = Number(/\[heartbeats:(\d+)\]/.exec(text)?.[1] ?? '0');
    for (let i = 0; i < beats; i++) {
      await sleep(timing.heartbeatDelayMs);
      // Both heartbeat shapes: an empty data line and an event with nothing to show.
      await raw(
        i % 2 === 0 ? 'data:\n\n' : `data: ${JSON.stringify(adkEvent(invocationId, {}))}\n\n`,
      );
    }
    const { plain, reply, tool, silent } = planTurn(session, text);
    if (tool !== null) {
      const callId = `call_${crypto.randomUUID().slice(0, 8)}`;
      await frame(
        adkEvent(invocationId, {
          content: {
            role: 'model',
            parts: [
              { functionCall: { id: callId, name: tool, args: { request: plain.slice(0, 200) } } },
            ],
          },
        }),
      );
      await frame(
        adkEvent(invocationId, {
          author: 'nemo_agent',
          content: {
            role: 'user',
            parts: [{ functionResponse: { id: callId, name: tool, response: { ok: true } } }],
          },
          actions: {
            stateDelta: { draft_version: session.turns },
            artifactDelta: {},
            requestedAuthConfigs: {},
          },
        }),
      );
    }
    if (silent) return;
    const chunks = deltas(reply);
    if (text.includes('[cut]')) {
      await frame(
        adkEvent(invocationId, {
          content: { role: 'model', parts: [{ text: chunks[0] ?? '' }] },
          partial: true,
        }),
      );
      await raw('data: {"id":"cut","content":{"role":"model","parts":[{"te');
      return;
    }
    for (const [index, chunk] of chunks.entries()) {
      await frame(
        adkEvent(invocationId, {
          content: { role: 'model', parts: [{ text: chunk }] },
          partial: true,
        }),
      );
      if (index === 0 && text.includes('[stream-error]')) {
        await frame({ error: 'model overloaded, please retry' });
        return;
      }
    }
    await frame(adkEvent(invocationId, { content: { role: 'model', parts: [{ text: reply }] } }));
  });
}
