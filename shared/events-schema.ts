/**
 * @module events-schema
 * The SSE protocol from the edge to the browser: one zod union, `data:` carries the JSON of one
 * {@link StreamEvent}, `id:` carries its sequence number in the session's event log (so a
 * reconnect with `Last-Event-ID` replays what was missed). The event name (`event:`) is the
 * `type` field.
 *
 * A chat turn is: `user-message` (what the visitor sent, so every tab on the session can show
 * it) → `status`* → `text-delta`* → `text` (the whole reply; it REPLACES the deltas, never
 * append both) → `batch`? → `draft`? → `actions`? → `done`. An `error` may come before `done`.
 */
import * as z from 'zod/mini';
import { batchSchema } from './batch-schema';
import { draftSchema } from './draft-schema';

/**
 * Longest text in one event (a message, a reply or a delta of it, a status, an error), characters:
 * 64,000. Each event is one SQLite value in the session's log; even escaped as `\u0000` (6 bytes a
 * character) this stays under 0.4 MB, far below the 2 MB limit (draft-schema.ts).
 */
export const MAX_EVENT_TEXT_CHARS = 64_000;
const eventText = z.string().check(z.maxLength(MAX_EVENT_TEXT_CHARS));

/** The visitor's message that started a turn (first event of every turn). */
export const userMessageEventSchema = z.object({
  type: z.literal('user-message'),
  text: eventText,
});
/** "planning scenes…", "still working…": progress a person can read. */
export const statusEventSchema = z.object({ type: z.literal('status'), message: eventText });
/** Part of the assistant's reply, in order. */
export const textDeltaEventSchema = z.object({ type: z.literal('text-delta'), delta: eventText });
/** The assistant's whole reply; replaces the deltas shown so far. */
export const textEventSchema = z.object({ type: z.literal('text'), text: eventText });
/** The draft changed: new version, its summary line and the changes in plain words. */
export const draftEventSchema = z.object({
  type: z.literal('draft'),
  version: z.number().check(z.int(), z.nonnegative()),
  summary: z.string(),
  changes: z.array(z.string()),
  draft: draftSchema,
});
/**
 * The session's batch changed (see batch-schema.ts): a new version of it, or `batch: null` when
 * the session went back to making one video. `changes` says what changed in plain words.
 */
export const batchEventSchema = z.object({
  type: z.literal('batch'),
  /** Batch version in this session: 1, 2, … (a render of an item records it). */
  version: z.number().check(z.int(), z.nonnegative()),
  changes: z.array(z.string()),
  batch: z.nullable(batchSchema),
});
/** Something the visitor can do next, shown as a chip/button. */
export const suggestedActionSchema = z.object({
  kind: z.enum(['export', 'upload', 'undo', 'prompt']),
  label: z.string(),
  /** For `prompt`: the message sent when the chip is pressed. */
  prompt: z.optional(z.string()),
});
export const actionsEventSchema = z.object({
  type: z.literal('actions'),
  actions: z.array(suggestedActionSchema),
});
/** A render job moved; `progress` is 0..1. */
export const renderProgressEventSchema = z.object({
  type: z.literal('render-progress'),
  renderId: z.string(),
  status: z.enum(['queued', 'rendering', 'uploading', 'completed', 'failed', 'interrupted']),
  progress: z.number().check(z.minimum(0), z.maximum(1)),
  framesDone: z.number().check(z.int(), z.nonnegative()),
  totalFrames: z.number().check(z.int(), z.nonnegative()),
  /** Frames encoded per second, averaged over the render so far. */
  fps: z.number().check(z.nonnegative()),
});
/** Something failed; `code` is machine-readable, `message` is for people. */
export const errorEventSchema = z.object({
  type: z.literal('error'),
  code: z.string().check(z.maxLength(100)),
  message: eventText,
});
/** The turn is over; the stream closes after it. */
export const doneEventSchema = z.object({ type: z.literal('done') });

export const streamEventSchema = z.discriminatedUnion('type', [
  userMessageEventSchema,
  statusEventSchema,
  textDeltaEventSchema,
  textEventSchema,
  draftEventSchema,
  batchEventSchema,
  actionsEventSchema,
  renderProgressEventSchema,
  errorEventSchema,
  doneEventSchema,
]);

export type StreamEvent = z.infer<typeof streamEventSchema>;
export type SuggestedAction = z.infer<typeof suggestedActionSchema>;
export type DraftEvent = z.infer<typeof draftEventSchema>;
export type BatchEvent = z.infer<typeof batchEventSchema>;
export type RenderProgressEvent = z.infer<typeof renderProgressEventSchema>;

/** An event as stored in the session log: its sequence number is the SSE `id:`. */
export interface LoggedEvent {
  seq: number;
  event: StreamEvent;
}
