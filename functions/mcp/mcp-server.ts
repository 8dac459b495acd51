/**
 * @module mcp-server
 * The MCP server of `/mcp` (docs/mcp.md): a visitor's own agent makes and edits their videos with
 * the director's tools, the same registry the language-model director hands its model
 * (engine/director-tools.ts), plus `get_draft`, `list_videos`, `render_status` and
 * `download_link`. Stateless Streamable HTTP: each request gets a fresh server and transport
 * (`@modelcontextprotocol/sdk`), answered as JSON; what persists lives in the Durable Objects.
 *
 * A director tool call runs as a turn of the session's `SessionRoom` (`toolTurn`), which
 * validates it again with `readToolCall` and applies it with the llm director's functions, so
 * it changes the draft exactly as a chat turn would, and an open tab of that session sees it.
 * Every session and render is looked up for the visitor the route authenticated (their token),
 * so another visitor's id is answered "not found" like everywhere else.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { CfWorkerJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/cfworker';
import { z } from 'zod';
import type { Env } from '../env';
import type { StreamEvent } from '../../shared/events-schema';
import { DIRECTOR_TOOLS } from '../engine/director-tools';
import type { DirectorTool } from '../engine/director-tools';
import type { Refusal } from '../durable/durable-result';
import { renderJob, sessionRoom, visitorAccount } from '../durable/durable-stubs';
import { openSession } from '../durable/open-session';
import { withDownloadLink } from '../signing/download-link';
import { readQuotaConfig } from '../quota/quota-config';

/** Name and version the server gives in `initialize`. */
const SERVER_INFO = { name: 'reelwright', version: '1.0.0' };

/** Who calls and where: the authenticated visitor and the origin links are made absolute with. */
export interface McpCaller {
  env: Env;
  visitorId: string;
  /** This deployment's origin, e.g. `https://reelwright.example`. */
  origin: string;
}

/** A session id argument: one of the caller's sessions (`list_videos`). */
const sessionIdSchema = z.uuid().describe('Id of one of your videos (list_videos, plan_video)');
const renderIdSchema = z.uuid().describe('Id of an export (render_status)');

/** A tool answer: the value as JSON text, and as structured content for clients that read it. */
function answer(value: Record<string, unknown>, isError = false): CallToolResult {
  return {
    content: [{ type: 'text', text: JSON.stringify(value, null, 2) }],
    structuredContent: value,
    ...(isError ? { isError: true } : {}),
  };
}

/** A Durable Object's refusal as a tool error (its code and plain message). */
function refusal(result: Refusal): CallToolResult {
  return answer({ error: { code: result.code, message: result.message } }, true);
}

/** What a tool turn did, from the events the session logged for it. */
function turnAnswer(sessionId: string, events: StreamEvent[]): CallToolResult {
  let reply = '';
  let draft: { version: number; summary: string; changes: string[] } | null = null;
  const errors: Array<{ code: string; message: string }> = [];
  for (const event of events) {
    if (event.type === 'text') reply = event.text;
    if (event.type === 'draft')
      draft = { version: event.version, summary: event.summary, changes: event.changes };
    if (event.type === 'error') errors.push({ code: event.code, message: event.message });
  }
  return answer({ sessionId, reply, draft, errors }, errors.length > 0);
}

/** How an agent gets an MP4 today: the `export` tool's own words (see docs/mcp.md). */
const EXPORT_NOTE =
  'Over MCP this does not render: MP4s are rendered in the browser. It answers the link to ' +
  'open; there, pick this video in the library and press Export MP4. Then follow it with ' +
  'render_status and fetch it with download_link.';

/** Registers one director tool, its registry schema plus the session it acts on. */
function registerDirectorTool(server: McpServer, caller: McpCaller, tool: DirectorTool): void {
  const plans = tool.name === 'plan_video';
  const input = tool.input.extend({
    sessionId: plans
      ? sessionIdSchema.optional().describe('The video to replace; omit for a new video')
      : sessionIdSchema,
  });
  const description = [
    tool.description,
    plans ? 'Without sessionId it makes a new video and answers its sessionId.' : '',
    tool.name === 'export' ? EXPORT_NOTE : '',
  ]
    .filter((part) => part !== '')
    .join('. ');
  server.registerTool(tool.name, { description, inputSchema: input }, async (args) => {
    const { sessionId: given, ...rest } = input.parse(args);
    let sessionId = typeof given === 'string' ? given : undefined;
    if (sessionId === undefined) {
      const limit = readQuotaConfig(caller.env).sessionsPerVisitor;
      const opened = await openSession(caller.env, caller.visitorId, limit);
      if (!opened.ok) return refusal(opened);
      sessionId = opened.value.id;
    }
    const turn = await sessionRoom(caller.env, sessionId).toolTurn(
      caller.visitorId,
      tool.name,
      rest,
    );
    if (!turn.ok) return refusal(turn);
    const result = turnAnswer(sessionId, turn.value);
    if (tool.name !== 'export') return result;
    return answer({
      ...result.structuredContent,
      renderedIn: 'browser',
      open: `${caller.origin}/`,
      note: EXPORT_NOTE,
    });
  });
}

/** Registers the tools that read: the draft, the videos, the exports and their links. */
function registerReadingTools(server: McpServer, caller: McpCaller): void {
  const { env, visitorId } = caller;
  server.registerTool(
    'get_draft',
    {
      description:
        'The current draft (timeline) of one of your videos: its version, summary line and the whole draft as JSON (null before the first plan_video)',
      inputSchema: z.object({ sessionId: sessionIdSchema }),
      annotations: { readOnlyHint: true },
    },
    async ({ sessionId }) => {
      const state = await sessionRoom(env, sessionId).state(visitorId);
      if (!state.ok) return refusal(state);
      const { session, draft, summary } = state.value;
      return answer({ sessionId, title: session.title, version: session.version, summary, draft });
    },
  );
  server.registerTool(
    'list_videos',
    {
      description:
        'Your videos (sessions), newest first: sessionId, title, draft version and summary line',
      inputSchema: z.object({}),
      annotations: { readOnlyHint: true },
    },
    async () => {
      const sessions = await visitorAccount(env, visitorId).listSessions(visitorId);
      const videos = sessions.map((session) => ({
        sessionId: session.id,
        title: session.title,
        version: session.version,
        summary: session.summary,
        updatedAtMs: session.updatedAtMs,
      }));
      return answer({ videos });
    },
  );
  server.registerTool(
    'render_status',
    {
      description:
        'Your exports: with renderId that one, else all of them (of sessionId, when given), newest first; each with status (queued, rendering, completed, failed), progress 0..1 and error',
      inputSchema: z.object({
        renderId: renderIdSchema.optional(),
        sessionId: sessionIdSchema.optional(),
      }),
      annotations: { readOnlyHint: true },
    },
    async ({ renderId, sessionId }) => {
      if (renderId !== undefined) {
        const info = await renderJob(env, renderId).info(visitorId);
        if (!info.ok) return refusal(info);
        const { draft: _draft, downloadUrl: _url, ...job } = info.value;
        return answer({ renders: [job] });
      }
      const summaries = await visitorAccount(env, visitorId).listRenders(visitorId, sessionId);
      return answer({ renders: summaries.map(({ downloadUrl: _url, ...job }) => job) });
    },
  );
  server.registerTool(
    'download_link',
    {
      description:
        'A signed link to download a completed export’s MP4: it works for 24 hours without any credential, for that one file',
      inputSchema: z.object({ renderId: renderIdSchema }),
      annotations: { readOnlyHint: true },
    },
    async ({ renderId }) => {
      const info = await renderJob(env, renderId).info(visitorId);
      if (!info.ok) return refusal(info);
      const job = await withDownloadLink(info.value, env.VISITOR_SECRET);
      if (job.downloadUrl === null)
        return answer(
          {
            error: {
              code: 'render_not_completed',
              message: `This export is ${job.status}, not completed: there is no file yet (render_status follows it).`,
            },
          },
          true,
        );
      return answer({ renderId, downloadUrl: `${caller.origin}${job.downloadUrl}` });
    },
  );
}

/** A fresh server with every tool, acting for `caller`. */
function buildServer(caller: McpCaller): McpServer {
  const server = new McpServer(SERVER_INFO, {
    // The SDK's default validator (ajv) compiles with eval, which Workers forbid.
    jsonSchemaValidator: new CfWorkerJsonSchemaValidator(),
  });
  for (const tool of DIRECTOR_TOOLS) registerDirectorTool(server, caller, tool);
  registerReadingTools(server, caller);
  return server;
}

/**
 * Answers one `/mcp` request (Streamable HTTP, stateless, JSON answers) for `caller`. The
 * route has already authenticated the visitor, checked the origin and capped the body.
 */
export async function handleMcpRequest(request: Request, caller: McpCaller): Promise<Response> {
  const server = buildServer(caller);
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: true,
  });
  await server.connect(transport);
  try {
    return await transport.handleRequest(request);
  } finally {
    await server.close();
  }
}
