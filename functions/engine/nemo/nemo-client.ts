/**
 * @module nemo-client
 * The remote API's calls (docs/remote-api.md#endpoints), one method each. Every request carries
 * `Authorization: Bearer <token>` and the attribution headers; every answer is parsed with the
 * zod schemas of {@link module:nemo-schema}; a non-zero `code` or an HTTP error becomes an
 * {@link UpstreamError}. Retries are not done here (the engine and the render poller decide).
 *
 * The `fetch` used is injectable so tests can route the upstream host to the fake upstream;
 * production passes nothing and the real global `fetch` is used.
 */
import { z } from 'zod';
import type { NemoConfig } from './nemo-config';
import { NEMO_APP_NAME } from './nemo-config';
import {
  anonymousTokenSchema,
  creditsBalanceSchema,
  envelopeSchema,
  renderStateSchema,
  sessionCreatedSchema,
  sessionStateSchema,
} from './nemo-schema';
import type { RenderState } from './nemo-schema';
import { UpstreamCode, UpstreamError } from './nemo-error';

/** The shape of `fetch` the client needs. */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** Largest JSON answer read, bytes: a state answer with a long draft is well under this. */
export const MAX_JSON_ANSWER_BYTES = 8 * 1024 * 1024;

/** Calls the global `fetch` late, so it is always the runtime's current one. */
const globalFetch: FetchLike = (input, init) => fetch(input, init);

/**
 * Longest one file upload may take, ms: 500 MB (the API's limit) at about 10 Mbit/s takes
 * about 7 minutes; 10 minutes leaves room.
 */
export const UPLOAD_TIMEOUT_MS = 10 * 60_000;

/** A file to upload: its name, MIME type, exact size in bytes and bytes. */
export interface UploadFile {
  name: string;
  type: string;
  size: number;
  body: ReadableStream<Uint8Array>;
}

/** What an export asks the API to render (docs/remote-api.md#endpoints, export row). */
export interface RenderRequest {
  id: string;
  sessionId: string;
  draft: unknown;
  output: { format: 'mp4'; quality: 'high' };
}

/**
 * The `user_id` of every `/run_sse` body. Stock ADK's `RunAgentRequest` requires it (HTTP 422
 * without it); the hosted API takes the user from the token and names it `me` in its paths
 * (`/api/state/nemo_agent/me/<sid>/latest`), so `me` is right there too.
 * https://github.com/google/adk-python/blob/main/src/google/adk/cli/adk_web_server.py
 */
export const RUN_SSE_USER_ID = 'me';

/** HTTP status → contract code when an error answer carries no JSON code. */
function codeForStatus(status: number): number {
  if (status === 401 || status === 403) return UpstreamCode.tokenInvalid;
  if (status === 404) return UpstreamCode.sessionNotFound;
  return status;
}

/** The remote API, as typed calls. */
export class NemoClient {
  readonly #config: NemoConfig;
  readonly #fetch: FetchLike;

  /**
   * @param config from {@link readNemoConfig}.
   * @param fetchFn the `fetch` to use (defaults to the global one).
   */
  constructor(config: NemoConfig, fetchFn: FetchLike = globalFetch) {
    this.#config = config;
    this.#fetch = fetchFn;
  }

  /** Headers of every call: attribution, plus the token when there is one. */
  headers(token: string | null): Headers {
    const headers = new Headers({
      'X-Skill-Source': this.#config.attribution.source,
      'X-Skill-Version': this.#config.attribution.version,
      'X-Skill-Platform': this.#config.attribution.platform,
    });
    if (token !== null) headers.set('Authorization', `Bearer ${token}`);
    return headers;
  }

  /**
   * `POST /api/auth/anonymous-token` with `X-Client-Id` → the token (100 credits, 7 days).
   * @throws {UpstreamError} 429 when this client already got a token in the last 7 days.
   */
  async anonymousToken(clientId: string): Promise<string> {
    const headers = this.headers(null);
    headers.set('X-Client-Id', clientId);
    const data = await this.#json(
      '/api/auth/anonymous-token',
      { method: 'POST', headers },
      anonymousTokenSchema,
    );
    return data.token;
  }

  /** `POST /api/tasks/me/with-session/nemo_agent` → the new upstream session id. */
  async createSession(token: string): Promise<string> {
    const headers = this.headers(token);
    headers.set('Content-Type', 'application/json');
    const body = JSON.stringify({ task_name: 'project', language: this.#config.language });
    const data = await this.#json(
      `/api/tasks/me/with-session/${NEMO_APP_NAME}`,
      { method: 'POST', headers, body },
      sessionCreatedSchema,
    );
    return data.session_id;
  }

  /** `GET /api/credits/balance/simple`. */
  credits(token: string): Promise<z.infer<typeof creditsBalanceSchema>> {
    return this.#json(
      '/api/credits/balance/simple',
      { headers: this.headers(token) },
      creditsBalanceSchema,
    );
  }

  /** `GET /api/state/nemo_agent/me/<sid>/latest` (the draft still in short keys). */
  state(token: string, sessionId: string): Promise<z.infer<typeof sessionStateSchema>> {
    return this.#json(
      `/api/state/${NEMO_APP_NAME}/me/${encodeURIComponent(sessionId)}/latest`,
      { headers: this.headers(token) },
      sessionStateSchema,
    );
  }

  /**
   * `POST /api/upload-video/nemo_agent/me/<sid>`: sends one file as `multipart/form-data`,
   * streamed (never held in memory): the body is the multipart head, the file's bytes and the
   * closing boundary, with an exact `Content-Length`.
   * @throws {UpstreamError} 4001 (type not accepted), 4002 (too large), or any other code.
   */
  async upload(token: string, sessionId: string, file: UploadFile): Promise<void> {
    const boundary = `----reelwright${crypto.randomUUID().replaceAll('-', '')}`;
    const safeName = file.name.replace(/["\r\n\\]/g, '_');
    const encoder = new TextEncoder();
    const head = encoder.encode(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${safeName}"\r\nContent-Type: ${file.type}\r\n\r\n`,
    );
    const tail = encoder.encode(`\r\n--${boundary}--\r\n`);
    const total = head.byteLength + file.size + tail.byteLength;
    const { readable, writable } = new FixedLengthStream(total);
    const pump = async (): Promise<void> => {
      const writer = writable.getWriter();
      try {
        await writer.write(head);
        const reader = file.body.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          await writer.write(value);
        }
        await writer.write(tail);
        await writer.close();
      } catch (error) {
        await writer.abort(error).catch(() => undefined);
      }
    };
    const headers = this.headers(token);
    headers.set('Content-Type', `multipart/form-data; boundary=${boundary}`);
    headers.set('Content-Length', String(total));
    await Promise.all([
      this.#json(
        `/api/upload-video/${NEMO_APP_NAME}/me/${encodeURIComponent(sessionId)}`,
        { method: 'POST', headers, body: readable },
        z.unknown(),
        UPLOAD_TIMEOUT_MS,
      ),
      pump(),
    ]);
  }

  /** `POST /api/render/proxy/lambda`: starts an export. */
  startRender(token: string, request: RenderRequest): Promise<RenderState> {
    const headers = this.headers(token);
    headers.set('Content-Type', 'application/json');
    return this.#json(
      '/api/render/proxy/lambda',
      { method: 'POST', headers, body: JSON.stringify(request) },
      renderStateSchema,
    );
  }

  /** `GET /api/render/proxy/lambda/<id>`: an export's status. */
  pollRender(token: string, renderId: string): Promise<RenderState> {
    return this.#json(
      `/api/render/proxy/lambda/${encodeURIComponent(renderId)}`,
      { headers: this.headers(token) },
      renderStateSchema,
    );
  }

  /**
   * `POST /run_sse`: starts a chat stream and returns the open response (status 200).
   * Aborting `signal` cancels it. The body is ADK's `RunAgentRequest` (docs/remote-api.md):
   * `streaming: true` asks for `partial` deltas (without it ADK sends whole messages only).
   * @throws {UpstreamError} for an HTTP error before the stream (404 → code 1002, 401 → 1001, …).
   */
  async runSse(
    token: string,
    sessionId: string,
    text: string,
    signal: AbortSignal,
  ): Promise<Response> {
    const headers = this.headers(token);
    headers.set('Content-Type', 'application/json');
    headers.set('Accept', 'text/event-stream');
    const body = JSON.stringify({
      app_name: NEMO_APP_NAME,
      user_id: RUN_SSE_USER_ID,
      session_id: sessionId,
      new_message: { role: 'user', parts: [{ text }] },
      streaming: true,
    });
    const response = await this.#send('/run_sse', { method: 'POST', headers, body, signal });
    if (!response.ok) throw await errorFrom(response);
    return response;
  }

  /**
   * Fetches a finished export's file. The token is sent only when the URL is on the API's own
   * origin: a presigned storage URL elsewhere must never receive it.
   */
  async download(url: string, token: string, signal: AbortSignal): Promise<Response> {
    const sameOrigin = new URL(url).origin === new URL(this.#config.apiBase).origin;
    const response = await this.#fetch(url, {
      headers: sameOrigin ? this.headers(token) : undefined,
      signal,
    });
    if (!response.ok) {
      await response.body?.cancel();
      throw new UpstreamError(
        response.status,
        response.status,
        'api',
        `downloading the export answered HTTP ${response.status}`,
      );
    }
    return response;
  }

  async #send(path: string, init: RequestInit): Promise<Response> {
    try {
      return await this.#fetch(`${this.#config.apiBase}${path}`, init);
    } catch (cause) {
      if (init.signal?.aborted === true) {
        throw new UpstreamError(0, 0, 'timeout', `${path}: no answer in time`);
      }
      throw new UpstreamError(
        0,
        0,
        'network',
        `${path}: ${cause instanceof Error ? cause.message : String(cause)}`,
      );
    }
  }

  async #json<T>(
    path: string,
    init: RequestInit,
    schema: z.core.$ZodType<T>,
    timeoutMs = this.#config.timings.jsonCallTimeoutMs,
  ): Promise<T> {
    const signal = AbortSignal.timeout(timeoutMs);
    const response = await this.#send(path, { ...init, signal });
    if (!response.ok) throw await errorFrom(response);
    const body = await readJson(response);
    const envelope = envelopeSchema.safeParse(body);
    let data: unknown = body;
    if (envelope.success) {
      if (envelope.data.code !== UpstreamCode.ok) {
        throw new UpstreamError(
          envelope.data.code,
          response.status,
          'api',
          `${path}: code ${envelope.data.code}`,
        );
      }
      data = envelope.data.data ?? body;
    }
    const parsed = z.safeParse(schema, data);
    if (!parsed.success) {
      throw new UpstreamError(
        502,
        response.status,
        'api',
        `${path}: unexpected answer (${parsed.error.issues[0]?.message ?? 'invalid'})`,
      );
    }
    return parsed.data;
  }
}

/** Reads a JSON body (at most {@link MAX_JSON_ANSWER_BYTES}); null when it is not JSON. */
async function readJson(response: Response): Promise<unknown> {
  const length = Number(response.headers.get('Content-Length') ?? '0');
  if (length > MAX_JSON_ANSWER_BYTES) {
    await response.body?.cancel();
    throw new UpstreamError(502, response.status, 'api', `answer of ${length} bytes is too large`);
  }
  const text = await response.text();
  if (text.length > MAX_JSON_ANSWER_BYTES)
    throw new UpstreamError(502, response.status, 'api', 'answer too large');
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The {@link UpstreamError} of an HTTP error answer: its JSON `code` if any, else by status. */
async function errorFrom(response: Response): Promise<UpstreamError> {
  const body = await readJson(response).catch(() => null);
  const envelope = envelopeSchema.safeParse(body);
  const code =
    envelope.success && envelope.data.code !== UpstreamCode.ok
      ? envelope.data.code
      : codeForStatus(response.status);
  return new UpstreamError(
    code,
    response.status,
    'api',
    `the video service answered HTTP ${response.status} (code ${code})`,
  );
}
