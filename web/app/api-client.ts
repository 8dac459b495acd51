/**
 * @module api-client
 * Typed wrappers for the `/api` routes of docs/http-api.md. Every answer is parsed with its
 * zod schema from `shared/api-schema.ts`; every failure is an {@link ApiError} carrying the
 * server's plain message. The chat turn (`POST …/messages`) is read as SSE from the fetch body.
 */
import * as z from 'zod/mini';
import {
  creditsAnswerSchema,
  renderChunkStateSchema,
  renderJobInfoSchema,
  renderListSchema,
  sessionInfoSchema,
  sessionListSchema,
  sessionStateSchema,
} from '../../shared/api-schema';
import type {
  CreateExportBody,
  CreditsAnswer,
  RenderChunkState,
  RenderJobInfo,
  RenderProgressBody,
  RenderSummary,
  SessionInfo,
  SessionState,
} from '../../shared/api-schema';
import { apiKeyListSchema, createdApiKeySchema } from '../../shared/render-api-schema';
import type { ApiKeyInfo, CreatedApiKey } from '../../shared/render-api-schema';
import { ApiError, apiErrorFromNetwork, apiErrorFromResponse, badResponseError } from './api-error';
import { retryWhenBusy } from './net/retry-when-busy';
import { readEventStream } from './sse-reader';
import type { ReceivedEvent, StreamOutcome } from './sse-reader';

/** Where the API lives and which `fetch` to use (tests pass a fake). */
export interface ApiClientOptions {
  /** Prefix before `/api`, e.g. `https://reelwright.example` for a cross-origin widget; `''` = same origin. */
  baseUrl?: string;
  fetchImpl?: typeof fetch;
}

/** The `/api` operations the SPA uses. */
export interface ApiClient {
  createSession(): Promise<SessionInfo>;
  getSession(sessionId: string): Promise<SessionState>;
  getCredits(): Promise<CreditsAnswer>;
  /**
   * Sends one chat message and calls `onEvent` for each validated SSE event of the turn.
   * A busy answer (503 + `Retry-After`) is waited out and the message sent again with the same
   * `clientMessageId` (net/retry-when-busy.ts). Resolves when the stream ends (see {@link StreamOutcome});
   * rejects with {@link ApiError}.
   */
  streamMessage(
    sessionId: string,
    text: string,
    onEvent: (received: ReceivedEvent) => void,
    signal?: AbortSignal,
  ): Promise<StreamOutcome>;
  /**
   * Replays the session's stored events after `afterSeq` (`GET …/events?after=`), calling
   * `onEvent` for each; used to catch up a turn whose stream dropped. A busy answer is waited out
   * and asked again (net/retry-when-busy.ts). Rejects with {@link ApiError}.
   */
  replayEvents(
    sessionId: string,
    afterSeq: number,
    onEvent: (received: ReceivedEvent) => void,
    signal?: AbortSignal,
  ): Promise<StreamOutcome>;
  /**
   * Follows the session live (`GET …/events?live=1` with `Last-Event-ID: afterSeq`): the stored
   * events after `afterSeq`, then every later one as it happens. Resolves when the server ends
   * the stream (after 10 min; reconnect); rejects with {@link ApiError} (404: not the visitor's).
   */
  followEvents(
    sessionId: string,
    afterSeq: number,
    onEvent: (received: ReceivedEvent) => void,
    signal: AbortSignal,
  ): Promise<StreamOutcome>;
  /** The visitor's sessions, newest first. */
  listSessions(): Promise<SessionInfo[]>;
  /** The visitor's render jobs (only `sessionId`'s when given), newest first. */
  listRenders(sessionId?: string): Promise<RenderSummary[]>;
  /** The visitor's API keys for the render API (never the keys), newest first. */
  listApiKeys(): Promise<ApiKeyInfo[]>;
  /** Makes an API key; the answer holds the key and its webhook secret, shown this once. */
  createApiKey(name: string): Promise<CreatedApiKey>;
  /** Revokes API key `keyId` at once. */
  revokeApiKey(keyId: string): Promise<void>;
  /**
   * Creates a render job (status `queued`) of the session's draft, or with `body.batchItemId` of
   * that item of the current batch. Rejects with {@link ApiError} 402 `out_of_credits` when the
   * visitor's credits do not cover it, 404 `batch_item_not_found` for an unknown item.
   */
  createExport(sessionId: string, body?: CreateExportBody): Promise<RenderJobInfo>;
  getRender(renderId: string): Promise<RenderJobInfo>;
  /**
   * Follows render `renderId`'s progress as SSE (`GET /renders/:id/events`): a `render-progress`
   * event whenever it moves. Resolves when the server ends the stream (the job completed or
   * failed, or after 10 min: reconnect); rejects with {@link ApiError} (network, 404).
   */
  followRender(
    renderId: string,
    onEvent: (received: ReceivedEvent) => void,
    signal: AbortSignal,
  ): Promise<StreamOutcome>;
  postRenderProgress(renderId: string, body: RenderProgressBody): Promise<RenderJobInfo>;
  uploadRenderFile(renderId: string, file: Blob): Promise<RenderJobInfo>;
  failRender(renderId: string, message: string): Promise<RenderJobInfo>;
  /** Where a resumable browser render stands (`GET /renders/:id/chunks`). */
  getRenderChunks(renderId: string): Promise<RenderChunkState>;
  /**
   * Stores chunk `index` (a chunk file) of render `renderId`, encoded by page session `attempt`
   * (a UUID). Rejects with {@link ApiError} 409 `chunk_out_of_order` / `chunk_conflict` when
   * another page got there first.
   */
  putRenderChunk(
    renderId: string,
    index: number,
    bytes: Uint8Array<ArrayBuffer>,
    attempt: string,
  ): Promise<RenderChunkState>;
  /** Stores the render's audio chunk file. */
  putRenderAudio(renderId: string, bytes: Uint8Array<ArrayBuffer>): Promise<RenderChunkState>;
  /** Reads stored chunk `index` back. */
  getRenderChunk(renderId: string, index: number): Promise<Uint8Array<ArrayBuffer>>;
  /** Reads the stored audio back. */
  getRenderAudio(renderId: string): Promise<Uint8Array<ArrayBuffer>>;
}

const sessionCreatedSchema = z.object({ session: sessionInfoSchema });

/** Longest failure message the edge accepts on `POST /renders/:id/fail` (renderFailBodySchema). */
const MAX_FAIL_MESSAGE_CHARS = 2_000;

/**
 * Creates an {@link ApiClient}. Requests send the visitor cookie (`credentials: 'include'`
 * so a cross-origin widget works too).
 *
 * @example
 * const api = createApiClient();
 * const { id } = await api.createSession();
 */
export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const baseUrl = options.baseUrl ?? '';
  const fetchImpl = options.fetchImpl ?? globalThis.fetch.bind(globalThis);

  async function send(path: string, init: RequestInit = {}): Promise<Response> {
    let response: Response;
    try {
      response = await fetchImpl(`${baseUrl}${path}`, { credentials: 'include', ...init });
    } catch (cause) {
      throw apiErrorFromNetwork(cause);
    }
    if (!response.ok) throw await apiErrorFromResponse(response);
    return response;
  }

  async function json<T>(
    schema: z.ZodMiniType<T>,
    what: string,
    path: string,
    init?: RequestInit,
  ): Promise<T> {
    const response = await send(path, init);
    const raw: unknown = await response.json().catch(() => undefined);
    const parsed = schema.safeParse(raw);
    if (!parsed.success) throw badResponseError(response.status, what);
    return parsed.data;
  }

  function postJson(body: unknown): RequestInit {
    return {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    };
  }

  const id = encodeURIComponent;

  async function readStream(
    response: Response,
    what: string,
    onEvent: (received: ReceivedEvent) => void,
  ): Promise<StreamOutcome> {
    if (!response.body) throw badResponseError(response.status, what);
    try {
      return await readEventStream(response.body, onEvent);
    } catch (cause) {
      if (cause instanceof ApiError) throw cause;
      throw apiErrorFromNetwork(cause);
    }
  }

  return {
    async createSession() {
      const created = await json(sessionCreatedSchema, 'starting a session', '/api/sessions', {
        method: 'POST',
      });
      return created.session;
    },
    getSession: (sessionId) =>
      json(sessionStateSchema, 'loading your session', `/api/sessions/${id(sessionId)}`),
    getCredits: () => json(creditsAnswerSchema, 'the credits check', '/api/credits'),
    async streamMessage(sessionId, text, onEvent, signal) {
      // One id for every send of this message: a re-send after a busy answer never runs it twice.
      const clientMessageId = crypto.randomUUID();
      const response = await retryWhenBusy(
        () =>
          send(`/api/sessions/${id(sessionId)}/messages`, {
            ...postJson({ text, clientMessageId }),
            headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream' },
            ...(signal ? { signal } : {}),
          }),
        signal,
      );
      return readStream(response, 'your message', onEvent);
    },
    async replayEvents(sessionId, afterSeq, onEvent, signal) {
      const response = await retryWhenBusy(
        () =>
          send(`/api/sessions/${id(sessionId)}/events?after=${afterSeq}`, {
            headers: { Accept: 'text/event-stream' },
            ...(signal ? { signal } : {}),
          }),
        signal,
      );
      return readStream(response, 'the catch-up request', onEvent);
    },
    async followEvents(sessionId, afterSeq, onEvent, signal) {
      const response = await send(`/api/sessions/${id(sessionId)}/events?live=1`, {
        headers: { Accept: 'text/event-stream', 'Last-Event-ID': String(afterSeq) },
        signal,
      });
      return readStream(response, 'the live updates', onEvent);
    },
    async listSessions() {
      return (await json(sessionListSchema, 'your library', '/api/sessions')).sessions;
    },
    async listRenders(sessionId) {
      const query = sessionId === undefined ? '' : `?session=${id(sessionId)}`;
      return (await json(renderListSchema, 'your renders', `/api/renders${query}`)).renders;
    },
    async listApiKeys() {
      return (await json(apiKeyListSchema, 'your API keys', '/api/api-keys')).apiKeys;
    },
    createApiKey: (name) =>
      json(createdApiKeySchema, 'the new API key', '/api/api-keys', postJson({ name })),
    async revokeApiKey(keyId) {
      await send(`/api/api-keys/${id(keyId)}`, { method: 'DELETE' });
    },
    createExport: (sessionId, body = {}) =>
      json(
        renderJobInfoSchema,
        'the export request',
        `/api/sessions/${id(sessionId)}/exports`,
        postJson(body),
      ),
    getRender: (renderId) =>
      json(renderJobInfoSchema, 'the render check', `/api/renders/${id(renderId)}`),
    async followRender(renderId, onEvent, signal) {
      const response = await send(`/api/renders/${id(renderId)}/events`, {
        headers: { Accept: 'text/event-stream' },
        signal,
      });
      return readStream(response, 'the render progress', onEvent);
    },
    postRenderProgress: (renderId, body) =>
      json(
        renderJobInfoSchema,
        'the progress report',
        `/api/renders/${id(renderId)}/progress`,
        postJson(body),
      ),
    uploadRenderFile: (renderId, file) =>
      json(renderJobInfoSchema, 'the video upload', `/api/renders/${id(renderId)}/file`, {
        method: 'PUT',
        headers: { 'Content-Type': 'video/mp4' },
        body: file,
      }),
    getRenderChunks: (renderId) =>
      json(renderChunkStateSchema, 'the render chunks', `/api/renders/${id(renderId)}/chunks`),
    putRenderChunk: (renderId, index, bytes, attempt) =>
      json(
        renderChunkStateSchema,
        'the chunk upload',
        `/api/renders/${id(renderId)}/chunks/${index}`,
        {
          method: 'PUT',
          headers: { 'Content-Type': 'application/octet-stream', 'X-Render-Attempt': attempt },
          body: bytes,
        },
      ),
    putRenderAudio: (renderId, bytes) =>
      json(renderChunkStateSchema, 'the audio upload', `/api/renders/${id(renderId)}/audio`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/octet-stream' },
        body: bytes,
      }),
    getRenderChunk: async (renderId, index) =>
      new Uint8Array(
        await (await send(`/api/renders/${id(renderId)}/chunks/${index}`)).arrayBuffer(),
      ),
    getRenderAudio: async (renderId) =>
      new Uint8Array(await (await send(`/api/renders/${id(renderId)}/audio`)).arrayBuffer()),
    failRender: (renderId, message) =>
      json(
        renderJobInfoSchema,
        'the failure report',
        `/api/renders/${id(renderId)}/fail`,
        postJson({ message: message.slice(0, MAX_FAIL_MESSAGE_CHARS) || 'Render failed.' }),
      ),
  };
}
