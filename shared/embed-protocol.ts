/**
 * @module embed-protocol
 * The `postMessage` contract between a host page (with `widget.js`) and the `/embed` iframe,
 * plus the widget's options and the `EMBED_ALLOWED_ORIGINS` allow-list. Every message that
 * crosses the frame boundary is parsed with these schemas (the events' in
 * shared/embed-events.ts, kept apart so the frame's bundle does not carry them); anything else
 * is ignored.
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
import * as z from 'zod/mini';
import { MAX_MESSAGE_CHARS } from './api-schema';

/** Tag on every event the iframe sends, so hosts can tell ours from other frames' messages. */
export const EMBED_EVENT_SOURCE = 'reelwright';
/** Version of this contract, sent in `ready`; bumped on a breaking change. */
export const EMBED_PROTOCOL_VERSION = 2;

/** Host → iframe: send a chat message as if the visitor typed it. */
export const promptCommandSchema = z.object({
  type: z.literal('prompt'),
  text: z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_MESSAGE_CHARS)),
});
/** Host → iframe: export the current draft. */
export const exportCommandSchema = z.object({ type: z.literal('export') });
/** Longest kept value the frame reads (a widget token is about 230 characters). */
const MAX_KEPT_CHARS = 1_000;
const kept = z.catch(
  z.nullable(z.string().check(z.minLength(1), z.maxLength(MAX_KEPT_CHARS))),
  null,
);
/**
 * Host → iframe, in answer to `hello`: what the host kept from `persist` (null when nothing).
 * `visitor` is the widget token (functions/middleware/widget-token.ts); a bad field counts as null.
 */
export const restoreCommandSchema = z.object({
  type: z.literal('restore'),
  visitor: kept,
  session: kept,
  render: kept,
});
/** Every command a host may send. */
export const embedCommandSchema = z.discriminatedUnion('type', [
  promptCommandSchema,
  exportCommandSchema,
  restoreCommandSchema,
]);

/** A CSS hex colour: `#rgb` or `#rrggbb`. */
const hexColour = z.string().check(z.regex(/^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i));

/**
 * The widget's options, as `/embed` reads them from its query string (the loader copies the
 * `data-*` attributes there). Unknown or bad values fall back to the defaults.
 */
export const embedOptionsSchema = z.object({
  /** Exact origin of the host page; must be on the allow-list to receive events. */
  parent: z.catch(z.string(), ''),
  aspect: z.catch(z.nullable(z.enum(['16:9', '9:16', '1:1'])), null),
  placeholder: z.catch(z.nullable(z.string().check(z.maxLength(200))), null),
  theme: z.catch(z.enum(['dark', 'light']), 'dark'),
  accent: z.catch(z.nullable(hexColour), null),
  lang: z.catch(z.enum(['en', 'zh']), 'en'),
  layout: z.catch(z.enum(['compact', 'full']), 'compact'),
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
