/**
 * @module embed-events
 * The events the `/embed` iframe sends its host page (shared/embed-protocol.ts describes the
 * whole contract), as zod schemas for host pages and tests. The frame itself only builds them
 * (its bundle imports the types alone, so these schemas cost it nothing).
 */
import { z } from 'zod';
import { EMBED_EVENT_SOURCE, EMBED_PROTOCOL_VERSION } from './embed-protocol';

const tagged = { source: z.literal(EMBED_EVENT_SOURCE) };

/** The frame listens: the loader answers with `restore` (whatever it kept, or nulls). */
export const helloEventSchema = z.object({
  ...tagged,
  type: z.literal('hello'),
  protocol: z.literal(EMBED_PROTOCOL_VERSION),
});
/** The app is loaded (visitor, credits, restored session and last render): commands are accepted now. */
export const readyEventSchema = z.object({
  ...tagged,
  type: z.literal('ready'),
  protocol: z.literal(EMBED_PROTOCOL_VERSION),
  sessionId: z.string().nullable(),
  draftVersion: z.number().int().nonnegative(),
  summary: z.string(),
  /** The last finished render of this visitor in this widget, if it is still there. */
  lastRender: z.object({ renderId: z.string(), downloadUrl: z.url() }).nullable(),
});
/** The draft changed (a chat turn or an undo). */
export const draftUpdatedEventSchema = z.object({
  ...tagged,
  type: z.literal('draft-updated'),
  sessionId: z.string(),
  version: z.number().int().nonnegative(),
  summary: z.string(),
  changes: z.array(z.string()),
});
/** Export progress, 0..1, at most once per whole percent. */
export const renderProgressOutSchema = z.object({
  ...tagged,
  type: z.literal('render-progress'),
  renderId: z.string(),
  progress: z.number().min(0).max(1),
});
/** The MP4 is stored; `downloadUrl` is absolute and works without cookies: a signed link to this one file, valid 24 h. */
export const renderCompletedEventSchema = z.object({
  ...tagged,
  type: z.literal('render-completed'),
  renderId: z.string(),
  downloadUrl: z.url(),
  sizeBytes: z.number().int().nonnegative().nullable(),
});
/** Something failed (in plain words), or a command was refused. */
export const embedErrorEventSchema = z.object({
  ...tagged,
  type: z.literal('error'),
  code: z.enum(['invalid_command', 'not_ready', 'app_error']),
  message: z.string(),
});
/** For the loader: the iframe's content height, px, so the frame can fit it. */
export const resizeEventSchema = z.object({
  ...tagged,
  type: z.literal('resize'),
  height: z.number().int().positive(),
});
/**
 * For the loader: what the host page keeps (in its own storage) and hands back in `restore` on
 * reload. `visitor` is the widget token: scoped to the widget, expires after 30 days, renewed
 * in later `persist` events, revoked by "Forget me on this site" (README "Embedding the widget").
 */
export const persistEventSchema = z.object({
  ...tagged,
  type: z.literal('persist'),
  visitor: z.string().nullable(),
  session: z.string().nullable(),
  render: z.string().nullable(),
});
/** For the loader: the visitor chose "Forget me on this site" (or the token died): delete what you kept. */
export const forgetEventSchema = z.object({ ...tagged, type: z.literal('forget') });
/** Every event the iframe sends. */
export const embedEventSchema = z.discriminatedUnion('type', [
  helloEventSchema,
  readyEventSchema,
  draftUpdatedEventSchema,
  renderProgressOutSchema,
  renderCompletedEventSchema,
  embedErrorEventSchema,
  resizeEventSchema,
  persistEventSchema,
  forgetEventSchema,
]);

/** Names the loader accepts from the iframe (it checks origin, source window and this list, not the full schema: it must stay tiny). */
export const EMBED_EVENT_TYPES = [
  'hello',
  'ready',
  'draft-updated',
  'render-progress',
  'render-completed',
  'error',
  'resize',
  'persist',
  'forget',
] as const;

/** Any event of the iframe. */
export type EmbedEvent = z.infer<typeof embedEventSchema>;
/** An event as the iframe builds it, before the `source` tag is added. */
export type EmbedEventBody = EmbedEvent extends infer E
  ? E extends EmbedEvent
    ? Omit<E, 'source'>
    : never
  : never;
