/**
 * @module embed-protocol
 * The `postMessage` contract between a host page (with `widget.js`) and the `/embed` iframe,
 * plus the widget's options and the `EMBED_ALLOWED_ORIGINS` allow-list. Every message that
 * crosses the frame boundary is parsed with these schemas; anything else is ignored.
 *
 * - Commands in (host → iframe): `prompt {text}`, `export`, and for the loader `restore`
 *   (what it kept, in answer to `hello`).
 * - Events out (iframe → host, always tagged `source: 'reelwright'`): `ready`, `draft-updated`,
 *   `render-progress`, `render-completed`, `error`, and four for the loader itself: `hello`
 *   (answer with `restore`), `resize` (content height), `persist` (what the host keeps so a
 *   reload finds the visitor again) and `forget` (delete what you kept).
 *
 * What the host keeps never travels in a URL: an identity in a URL could be handed to anyone
 * (visitor fixation). It reaches the frame only as `restore`, from `window.parent` at an allowed
 * origin, while the frame is really framed.
 */
import { z } from 'zod';
import { MAX_MESSAGE_CHARS } from './api-schema';

/** Tag on every event the iframe sends, so hosts can tell ours from other frames' messages. */
export const EMBED_EVENT_SOURCE = 'reelwright';
/** Version of this contract, sent in `ready`; bumped on a breaking change. */
export const EMBED_PROTOCOL_VERSION = 2;

/** Host → iframe: send a chat message as if the visitor typed it. */
export const promptCommandSchema = z.object({
  type: z.literal('prompt'),
  text: z.string().trim().min(1).max(MAX_MESSAGE_CHARS),
});
/** Host → iframe: export the current draft. */
export const exportCommandSchema = z.object({ type: z.literal('export') });
/** Longest kept value the frame reads (a widget token is about 230 characters). */
const MAX_KEPT_CHARS = 1_000;
const kept = z.string().min(1).max(MAX_KEPT_CHARS).nullable().catch(null);
/**
 * Host → iframe, in answer to `hello`: what the host kept from `persist` (null when nothing).
 * `visitor` is the widget token (functions/middleware/widget-token.ts); a bad field counts as null.
 */
export const restoreCommandSchema = z.object({ type: z.literal('restore'), visitor: kept, session: kept, render: kept });
/** Every command a host may send. */
export const embedCommandSchema = z.discriminatedUnion('type', [promptCommandSchema, exportCommandSchema, restoreCommandSchema]);

const tagged = { source: z.literal(EMBED_EVENT_SOURCE) };

/** The frame listens: the loader answers with `restore` (whatever it kept, or nulls). */
export const helloEventSchema = z.object({ ...tagged, type: z.literal('hello'), protocol: z.literal(EMBED_PROTOCOL_VERSION) });
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
export const resizeEventSchema = z.object({ ...tagged, type: z.literal('resize'), height: z.number().int().positive() });
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
export const EMBED_EVENT_TYPES = ['hello', 'ready', 'draft-updated', 'render-progress', 'render-completed', 'error', 'resize', 'persist', 'forget'] as const;

/** A CSS hex colour: `#rgb` or `#rrggbb`. */
const hexColour = z.string().regex(/^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i);

/**
 * The widget's options, as `/embed` reads them from its query string (the loader copies the
 * `data-*` attributes there). Unknown or bad values fall back to the defaults.
 */
export const embedOptionsSchema = z.object({
  /** Exact origin of the host page; must be on the allow-list to receive events. */
  parent: z.string().catch(''),
  aspect: z.enum(['16:9', '9:16', '1:1']).nullable().catch(null),
  placeholder: z.string().max(200).nullable().catch(null),
  theme: z.enum(['dark', 'light']).catch('dark'),
  accent: hexColour.nullable().catch(null),
  lang: z.enum(['en', 'zh']).catch('en'),
  layout: z.enum(['compact', 'full']).catch('compact'),
});
export type EmbedOptions = z.infer<typeof embedOptionsSchema>;

/** Reads {@link EmbedOptions} from a query string; never throws. */
export function parseEmbedOptions(search: URLSearchParams): EmbedOptions {
  const pick = (name: string): string | null => search.get(name);
  return embedOptionsSchema.parse({
    parent: pick('parent') ?? '',
    aspect: pick('aspect'),
    placeholder: pick('placeholder'),
    theme: pick('theme') ?? undefined,
    accent: pick('accent'),
    lang: pick('lang') ?? undefined,
    layout: pick('layout') ?? undefined,
  });
}

/**
 * Parses `EMBED_ALLOWED_ORIGINS`: origins separated by spaces or commas, each `scheme://host[:port]`
 * with no path. Entries that are not exact origins (`*`, `https://*.example`, paths, garbage) are
 * dropped (the bridge compares origins exactly), so a typo can only narrow the list, never open it.
 *
 * @example parseAllowedOrigins('https://a.example, http://localhost:8788') // ['https://a.example', 'http://localhost:8788']
 */
export function parseAllowedOrigins(raw: string | undefined): string[] {
  const origins: string[] = [];
  for (const entry of (raw ?? '').split(/[\s,]+/)) {
    if (entry === '') continue;
    try {
      const url = new URL(entry);
      const exact = url.origin === entry.replace(/\/$/, '') && !url.hostname.includes('*');
      if ((url.protocol === 'https:' || url.protocol === 'http:') && exact) {
        if (!origins.includes(url.origin)) origins.push(url.origin);
      }
    } catch {
      // not a URL: dropped
    }
  }
  return origins;
}

export type EmbedCommand = z.infer<typeof embedCommandSchema>;
/** What the host page kept and handed back (`restore` without its type). */
export type KeptState = Omit<z.infer<typeof restoreCommandSchema>, 'type'>;
export type EmbedEvent = z.infer<typeof embedEventSchema>;
/** An event as the iframe builds it, before the `source` tag is added. */
export type EmbedEventBody = EmbedEvent extends infer E ? (E extends EmbedEvent ? Omit<E, 'source'> : never) : never;
