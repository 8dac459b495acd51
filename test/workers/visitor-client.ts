/**
 * @module visitor-client
 * A test visitor: calls the Worker like a browser would, keeping the `rw_visitor` cookie
 * between requests, and reads SSE answers with eventsource-parser.
 */
import { exports } from 'cloudflare:workers';
import { createParser } from 'eventsource-parser';
import type { EventSourceMessage } from 'eventsource-parser';
import { errorBodySchema, renderJobInfoSchema, sessionInfoSchema } from '../../shared/api-schema';
import type { ErrorBody, RenderJobInfo, SessionInfo } from '../../shared/api-schema';
import { streamEventSchema } from '../../shared/events-schema';
import { uploadStatusSchema } from '../../shared/media-schema';
import type { MediaInfo } from '../../shared/media-schema';
import type { StreamEvent } from '../../shared/events-schema';
import { z } from 'zod';

/** Origin the tests call the Worker on. */
export const ORIGIN = 'https://reelwright.test';

/** One parsed SSE frame, plus our protocol's event when the data is one. */
export interface SseFrame {
  id: string | undefined;
  event: string | undefined;
  data: string;
}

/** What an SSE answer held: its frames, the `retry:` value and the comments seen. */
export interface SseTranscript {
  frames: SseFrame[];
  events: StreamEvent[];
  retry: number | undefined;
  comments: string[];
}

/** Reads an SSE body to its end and parses it. */
export async function readSse(response: Response): Promise<SseTranscript> {
  const transcript: SseTranscript = { frames: [], events: [], retry: undefined, comments: [] };
  const parser = createParser({
    onEvent: (message: EventSourceMessage) => {
      transcript.frames.push({ id: message.id, event: message.event, data: message.data });
      transcript.events.push(streamEventSchema.parse(JSON.parse(message.data)));
    },
    onRetry: (ms) => {
      transcript.retry = ms;
    },
    onComment: (comment) => {
      transcript.comments.push(comment);
    },
  });
  if (response.body === null) return transcript;
  const decoder = new TextDecoder();
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parser.feed(decoder.decode(value, { stream: true }));
  }
  parser.feed(decoder.decode());
  return transcript;
}

/** A browser-like visitor with its own cookie jar (one cookie: `rw_visitor`). */
export class Visitor {
  cookie: string | null = null;

  /** The visitor id inside the signed cookie (`<uuid>.<signature>`). */
  get id(): string {
    if (this.cookie === null) throw new Error('no visitor cookie yet: make a request first');
    const value = decodeURIComponent(this.cookie.slice(this.cookie.indexOf('=') + 1));
    return z.uuid().parse(value.slice(0, value.lastIndexOf('.')));
  }

  /** Calls the Worker at `path` with the visitor's cookie; remembers a new cookie. */
  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookie !== null) headers.set('Cookie', this.cookie);
    const response = await this.send(new Request(`${ORIGIN}${path}`, { ...init, headers }));
    const setCookie = response.headers.get('Set-Cookie');
    if (setCookie !== null) this.cookie = setCookie.split(';')[0] ?? null;
    return response;
  }

  /** Hands a request to the Worker (a subclass may call it with other variables: limits.ts). */
  protected send(request: Request): Promise<Response> {
    return exports.default.fetch(request);
  }

  /** POSTs `body` as JSON. */
  post(path: string, body: unknown): Promise<Response> {
    return this.fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  /** Saves `kit` (any JSON, to test refusals too) as this visitor's brand kit: `PUT /api/brand-kit`. */
  saveBrandKit(kit: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return this.fetch('/api/brand-kit', {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(kit),
    });
  }

  /** Creates a session and returns it. */
  async createSession(): Promise<SessionInfo> {
    const response = await this.fetch('/api/sessions', { method: 'POST' });
    if (response.status !== 201)
      throw new Error(`create session: ${response.status} ${await response.text()}`);
    return z.object({ session: sessionInfoSchema }).parse(await response.json()).session;
  }

  /** Sends a chat message and reads the whole SSE answer. */
  async chat(sessionId: string, text: string): Promise<SseTranscript> {
    const response = await this.post(`/api/sessions/${sessionId}/messages`, { text });
    if (response.status !== 200)
      throw new Error(`chat: ${response.status} ${await response.text()}`);
    return readSse(response);
  }

  /** Creates a session with a first draft made from `prompt`. */
  async sessionWithDraft(
    prompt = 'Generate a 30-second explainer video about solar panels for homeowners',
  ): Promise<SessionInfo> {
    const session = await this.createSession();
    const transcript = await this.chat(session.id, prompt);
    if (!transcript.events.some((event) => event.type === 'draft')) {
      throw new Error(`no draft from the prompt: ${JSON.stringify(transcript.events)}`);
    }
    return session;
  }

  /**
   * Uploads a 64-byte file whose first bytes are `head` (create → one part → complete) and
   * describes it with `info` as the browser's probe would, unless null. Returns the media id.
   */
  async upload(
    sessionId: string,
    name: string,
    head: number[],
    info: MediaInfo | null,
  ): Promise<string> {
    const bytes = new Uint8Array(64);
    bytes.set(head, 0);
    const created = await this.post(`/api/sessions/${sessionId}/media`, {
      name,
      sizeBytes: bytes.length,
    });
    if (created.status !== 201)
      throw new Error(`create upload: ${created.status} ${await created.text()}`);
    const { media } = uploadStatusSchema.parse(await created.json());
    const steps: [string, RequestInit][] = [
      [`/api/sessions/${sessionId}/media/${media.id}/parts/1`, { method: 'PUT', body: bytes }],
      [`/api/sessions/${sessionId}/media/${media.id}/complete`, { method: 'POST' }],
    ];
    for (const [path, init] of steps) {
      const response = await this.fetch(path, init);
      if (response.status !== 200)
        throw new Error(`upload ${path}: ${response.status} ${await response.text()}`);
    }
    if (info !== null) {
      const described = await this.post(`/api/sessions/${sessionId}/media/${media.id}/info`, {
        info,
        thumbnail: null,
      });
      if (described.status !== 200)
        throw new Error(`describe upload: ${described.status} ${await described.text()}`);
    }
    return media.id;
  }

  /** Starts an export of the session's draft, or of the batch item `batchItemId` when given. */
  /** Stores `bytes` as render `renderId`'s MP4, as the browser renderer does when it finishes. */
  storeRender(renderId: string, bytes: Uint8Array<ArrayBuffer>): Promise<Response> {
    return this.fetch(`/api/renders/${renderId}/file`, {
      method: 'PUT',
      headers: { 'Content-Type': 'video/mp4', 'Content-Length': String(bytes.byteLength) },
      body: bytes,
    });
  }

  async startExport(sessionId: string, batchItemId?: string): Promise<RenderJobInfo> {
    const path = `/api/sessions/${sessionId}/exports`;
    const response =
      batchItemId === undefined
        ? await this.fetch(path, { method: 'POST' })
        : await this.post(path, { batchItemId });
    if (response.status !== 201)
      throw new Error(`export: ${response.status} ${await response.text()}`);
    return renderJobInfoSchema.parse(await response.json());
  }
}

/** A render's signed download link as the edge answers it (functions/signing/download-link.ts). */
export function downloadLinkPattern(renderId: string): RegExp {
  return new RegExp(`^/api/renders/${renderId}/file\\?expires=\\d{13}&sig=[A-Za-z0-9_-]{43}$`);
}

/** Parses an error answer. */
export async function readError(response: Response): Promise<ErrorBody['error']> {
  return errorBodySchema.parse(await response.json()).error;
}

/** Duration of the draft {@link Visitor.sessionWithDraft} makes by default ("a 30-second explainer"), ms. */
export const DEFAULT_DRAFT_MS = 30_000;

/**
 * Real H.264 MP4s made with ffmpeg (test/fixtures/README.md), by whole seconds: what the edge
 * accepts as a finished render of a draft that long. Vite inlines each as a data URL.
 */
const RENDER_FIXTURES = import.meta.glob<string>('../fixtures/render-*s.mp4', {
  query: '?inline',
  import: 'default',
  eager: true,
});

/**
 * A real MP4 lasting `durationMs` (a fixture of that many whole seconds), followed by a `free`
 * box of `paddingBytes` (valid MP4 padding) so tests can tell files apart or make them large.
 * @throws Error when no fixture lasts that long (make one as the fixtures README says)
 */
export function renderMp4(durationMs: number, paddingBytes = 64): Uint8Array<ArrayBuffer> {
  const dataUrl = RENDER_FIXTURES[`../fixtures/render-${durationMs / 1_000}s.mp4`];
  if (dataUrl === undefined)
    throw new Error(
      `no render fixture lasts ${durationMs} ms; have ${Object.keys(RENDER_FIXTURES).join(', ')}`,
    );
  const video = Uint8Array.from(atob(dataUrl.slice(dataUrl.indexOf(',') + 1)), (ch) =>
    ch.charCodeAt(0),
  );
  const freeSize = 8 + paddingBytes;
  const bytes = new Uint8Array(video.byteLength + freeSize);
  bytes.set(video, 0);
  new DataView(bytes.buffer).setUint32(video.byteLength, freeSize);
  bytes.set(ascii('free'), video.byteLength + 4);
  for (let i = 0; i < paddingBytes; i++) bytes[video.byteLength + 8 + i] = (i * 37 + 11) % 256;
  return bytes;
}

function ascii(text: string): number[] {
  return [...text].map((ch) => ch.charCodeAt(0));
}
