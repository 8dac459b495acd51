/**
 * @module api-schema
 * Every HTTP body of the `/api` routes, request and response. The edge parses requests with
 * these schemas (a bad body is `400 {error:{code:'invalid_body'}}`), and the SPA and scripts
 * parse responses with them. See the README's "HTTP API" table for the routes.
 */
import * as z from 'zod/mini';
import { batchSchema } from './batch-schema';
import { draftSchema } from './draft-schema';

/** Longest chat message accepted: 8,000 characters (about 1,300 words of script). */
export const MAX_MESSAGE_CHARS = 8_000;

/**
 * `{error:{code,message}}`: every 4xx/5xx answer. `contractCode` is the remote contract's number,
 * if any (docs/remote-api.md#error-codes).
 */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    contractCode: z.optional(z.number().check(z.int())),
  }),
});

export const chatMessageSchema = z.object({
  role: z.enum(['user', 'assistant']),
  text: z.string(),
  /** Unix time, ms. */
  atMs: z.number().check(z.int()),
});

export const sessionInfoSchema = z.object({
  id: z.string(),
  title: z.string(),
  createdAtMs: z.number().check(z.int()),
  updatedAtMs: z.number().check(z.int()),
  /** Current draft version; 0 before the first draft. */
  version: z.number().check(z.int(), z.nonnegative()),
  /** The draft's summary line (`Timeline (3 tracks): …`), or `Timeline (0 tracks): empty` before the first draft. */
  summary: z.string(),
});

/** A chat turn still running in the session (its answer streams on `GET …/events`). */
export const runningTurnSchema = z.object({
  /** Seq of the turn's `user-message` event: follow `…/events` after it for the rest of the turn. */
  firstSeq: z.number().check(z.int(), z.positive()),
  /** Unix time, ms. */
  startedAtMs: z.number().check(z.int()),
});

/** `GET /api/sessions/:id`: everything the SPA needs to restore a session. */
export const sessionStateSchema = z.object({
  session: sessionInfoSchema,
  draft: z.nullable(draftSchema),
  summary: z.string(),
  messages: z.array(chatMessageSchema),
  /** Seq of the newest stored event (for `Last-Event-ID`). */
  lastEventSeq: z.number().check(z.int(), z.nonnegative()),
  /** The turn still running (its user message is already in `messages`), or null. */
  runningTurn: z.nullable(runningTurnSchema),
  /** The session's current batch (one video per upload), or null when it makes one video. */
  batch: z.nullable(batchSchema),
  /** Version of that batch; 0 when there has never been one. */
  batchVersion: z.number().check(z.int(), z.nonnegative()),
});

/**
 * `POST /api/sessions/:id/exports` (the body is optional): without `batchItemId` the session's
 * current draft is exported; with it, that item of the current batch (404 `batch_item_not_found`
 * when the batch has no such item).
 */
export const createExportBodySchema = z.object({
  batchItemId: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
});

export const sessionListSchema = z.object({ sessions: z.array(sessionInfoSchema) });

/** `POST /api/sessions/:id/messages` (answered as SSE). */
export const postMessageBodySchema = z.object({
  text: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, 'the message is empty: type what video you want'),
      z.maxLength(MAX_MESSAGE_CHARS, `the message is longer than ${MAX_MESSAGE_CHARS} characters`),
    ),
  /**
   * A UUID the client picks per message and sends again when it retries the same message
   * (after a 503): a message already received is answered with its turn's events, never run twice.
   */
  clientMessageId: z.optional(z.uuid('clientMessageId must be a UUID')),
});

/** `GET /api/credits`. */
export const creditsSchema = z.object({
  available: z.number().check(z.int()),
  frozen: z.number().check(z.int()),
  total: z.number().check(z.int()),
});

/**
 * Credits not known yet (nemo engine: the visitor has no remote account until their first chat
 * message, and asking for the balance must not create one): every count null, and a plain note.
 */
export const unknownCreditsSchema = z.object({
  available: z.null(),
  frozen: z.null(),
  total: z.null(),
  note: z.string(),
});

/** What `GET /api/credits` answers: the balance, or {@link unknownCreditsSchema}. */
export const creditsAnswerSchema = z.union([creditsSchema, unknownCreditsSchema]);

export const renderStatusSchema = z.enum([
  'queued',
  'rendering',
  'uploading',
  'completed',
  'failed',
  'interrupted',
]);

/** A render job as the browser sees it. */
export const renderJobInfoSchema = z.object({
  id: z.string(),
  sessionId: z.string(),
  status: renderStatusSchema,
  /** Where the frames are made: in the visitor's browser (embedded) or upstream (nemo). */
  renderer: z.enum(['browser', 'remote']),
  /** The draft version exported, or for a batch item the batch version. */
  draftVersion: z.number().check(z.int(), z.nonnegative()),
  /** The batch item exported, or null for the session's own draft. */
  batchItemId: z.nullable(z.string()),
  draft: draftSchema,
  progress: z.number().check(z.minimum(0), z.maximum(1)),
  framesDone: z.number().check(z.int(), z.nonnegative()),
  totalFrames: z.number().check(z.int(), z.nonnegative()),
  fps: z.number().check(z.nonnegative()),
  costCredits: z.number().check(z.int(), z.nonnegative()),
  createdAtMs: z.number().check(z.int()),
  updatedAtMs: z.number().check(z.int()),
  error: z.nullable(z.string()),
  /**
   * Present once completed: same-origin link that serves the MP4 with Range support, signed for
   * this one file (`?expires=&sig=`, valid 24 h, no cookie needed; functions/signing/download-link.ts).
   */
  downloadUrl: z.nullable(z.string()),
  sizeBytes: z.nullable(z.number().check(z.int(), z.nonnegative())),
});

/**
 * Longest render title, characters: names the file and the library entry (a draft title is at
 * most 200 too). The render job refuses a longer one; the session room cuts a batch item's to it.
 */
export const MAX_RENDER_TITLE_CHARS = 200;

/** A render job in the visitor's library: the job without its draft, plus the title the file is named by. */
export const renderSummarySchema = z.extend(z.omit(renderJobInfoSchema, { draft: true }), {
  title: z.string(),
});

/** `GET /api/renders`: the visitor's render jobs, newest first. */
export const renderListSchema = z.object({ renders: z.array(renderSummarySchema) });

/** `POST /api/renders/:id/progress` from the browser renderer. */
export const renderProgressBodySchema = z.object({
  framesDone: z.number().check(z.int(), z.nonnegative()),
  totalFrames: z.number().check(z.int(), z.positive()),
  fps: z.number().check(z.nonnegative()),
});

/** `POST /api/renders/:id/fail` from the browser renderer. */
export const renderFailBodySchema = z.object({
  message: z.string().check(z.minLength(1), z.maxLength(2_000)),
});

/** One stored chunk of a browser render (`renders/<id>/chunk-<k>-…` in R2), as `RenderJob` recorded it. */
export const renderChunkRecordSchema = z.object({
  index: z.number().check(z.int(), z.nonnegative()),
  firstFrame: z.number().check(z.int(), z.nonnegative()),
  frames: z.number().check(z.int(), z.positive()),
  sizeBytes: z.number().check(z.int(), z.positive()),
  /** SHA-256 of the chunk file, hex: a re-upload of the same bytes is a no-op. */
  sha256: z.string(),
  /** Which page session encoded it (the `X-Render-Attempt` header), or null. */
  attempt: z.nullable(z.string()),
  /** Unix time, ms. */
  recordedAtMs: z.number().check(z.int()),
});

/** `GET /api/renders/:id/chunks`: where a resumable browser render stands. */
export const renderChunkStateSchema = z.object({
  /** Chunks recorded so far; chunk `version` is the only one accepted next (check-and-set). */
  version: z.number().check(z.int(), z.nonnegative()),
  chunkCount: z.number().check(z.int(), z.positive()),
  chunkFrames: z.number().check(z.int(), z.positive()),
  totalFrames: z.number().check(z.int(), z.nonnegative()),
  chunks: z.array(renderChunkRecordSchema),
  /** The whole video's encoded audio, once stored. */
  audio: z.nullable(
    z.object({ sizeBytes: z.number().check(z.int(), z.positive()), sha256: z.string() }),
  ),
  /** The encoder settings chunk 0 was made with; every later chunk must match. */
  encoderKey: z.nullable(z.string()),
});

export type ErrorBody = z.infer<typeof errorBodySchema>;
export type ChatMessage = z.infer<typeof chatMessageSchema>;
export type SessionInfo = z.infer<typeof sessionInfoSchema>;
export type SessionState = z.infer<typeof sessionStateSchema>;
export type PostMessageBody = z.infer<typeof postMessageBodySchema>;
export type CreateExportBody = z.infer<typeof createExportBodySchema>;
export type Credits = z.infer<typeof creditsSchema>;
export type CreditsAnswer = z.infer<typeof creditsAnswerSchema>;
export type RenderStatus = z.infer<typeof renderStatusSchema>;
export type RenderJobInfo = z.infer<typeof renderJobInfoSchema>;
export type RenderSummary = z.infer<typeof renderSummarySchema>;
export type RunningTurn = z.infer<typeof runningTurnSchema>;
export type RenderProgressBody = z.infer<typeof renderProgressBodySchema>;
export type RenderChunkRecord = z.infer<typeof renderChunkRecordSchema>;
export type RenderChunkState = z.infer<typeof renderChunkStateSchema>;
