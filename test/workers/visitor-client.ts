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
    return this.fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  }

  /** Creates a session and returns it. */
  async createSession(): Promise<SessionInfo> {
    const response = await this.fetch('/api/sessions', { method: 'POST' });
    if (response.status !== 201) throw new Error(`create session: ${response.status} ${await response.text()}`);
    return z.object({ session: sessionInfoSchema }).parse(await response.json()).session;
  }

  /** Sends a chat message and reads the whole SSE answer. */
  async chat(sessionId: string, text: string): Promise<SseTranscript> {
    const response = await this.post(`/api/sessions/${sessionId}/messages`, { text });
    if (response.status !== 200) throw new Error(`chat: ${response.status} ${await response.text()}`);
    return readSse(response);
  }

  /** Creates a session with a first draft made from `prompt`. */
  async sessionWithDraft(prompt = 'Generate a 30-second explainer video about solar panels for homeowners'): Promise<SessionInfo> {
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
  async upload(sessionId: string, name: string, head: number[], info: MediaInfo | null): Promise<string> {
    const bytes = new Uint8Array(64);
    bytes.set(head, 0);
    const created = await this.post(`/api/sessions/${sessionId}/media`, { name, sizeBytes: bytes.length });
    if (created.status !== 201) throw new Error(`create upload: ${created.status} ${await created.text()}`);
    const { media } = uploadStatusSchema.parse(await created.json());
    const steps: [string, RequestInit][] = [
      [`/api/sessions/${sessionId}/media/${media.id}/parts/1`, { method: 'PUT', body: bytes }],
      [`/api/sessions/${sessionId}/media/${media.id}/complete`, { method: 'POST' }],
    ];
    for (const [path, init] of steps) {
      const response = await this.fetch(path, init);
      if (response.status !== 200) throw new Error(`upload ${path}: ${response.status} ${await response.text()}`);
    }
    if (info !== null) {
      const described = await this.post(`/api/sessions/${sessionId}/media/${media.id}/info`, { info, thumbnail: null });
      if (described.status !== 200) throw new Error(`describe upload: ${described.status} ${await described.text()}`);
    }
    return media.id;
  }

  /** Starts an export of the session's draft, or of the batch item `batchItemId` when given. */
  async startExport(sessionId: string, batchItemId?: string): Promise<RenderJobInfo> {
    const path = `/api/sessions/${sessionId}/exports`;
    const response = batchItemId === undefined ? await this.fetch(path, { method: 'POST' }) : await this.post(path, { batchItemId });
    if (response.status !== 201) throw new Error(`export: ${response.status} ${await response.text()}`);
    return renderJobInfoSchema.parse(await response.json());
  }
}

/** A render's signed download link as the edge answers it (functions/routes/download-link.ts). */
export function downloadLinkPattern(renderId: string): RegExp {
  return new RegExp(`^/api/renders/${renderId}/file\\?expires=\\d{13}&sig=[A-Za-z0-9_-]{43}$`);
}

/** Parses an error answer. */
export async function readError(response: Response): Promise<ErrorBody['error']> {
  return errorBodySchema.parse(await response.json()).error;
}

/**
 * A tiny byte sequence that begins like an MP4: an `ftyp` box (isom) followed by an empty
 * `free` box and a few payload bytes. Enough for the edge's sniffing; not a playable video.
 */
export function tinyMp4(extraBytes = 64): Uint8Array<ArrayBuffer> {
  const ftyp = [0, 0, 0, 24, ...ascii('ftyp'), ...ascii('isom'), 0, 0, 2, 0, ...ascii('isom'), ...ascii('mp41')];
  const freeSize = 8 + extraBytes;
  const free = [(freeSize >>> 24) & 255, (freeSize >>> 16) & 255, (freeSize >>> 8) & 255, freeSize & 255, ...ascii('free')];
  const payload = Array.from({ length: extraBytes }, (_, i) => (i * 37 + 11) % 256);
  return new Uint8Array([...ftyp, ...free, ...payload]);
}

function ascii(text: string): number[] {
  return [...text].map((ch) => ch.charCodeAt(0));
}
