/**
 * @module render-api-schema
 * The render API for scripts and agents (docs/http-api.md "Render API"): the body of
 * `POST /api/renders` — exactly one of a draft (draft-schema.ts), a Shotstack edit (checked and
 * mapped at the edge, docs/shotstack.md) or a prompt for the director — plus an optional
 * `callbackUrl` for the signed webhook; and the visitor's API keys (`/api/api-keys`).
 */
import * as z from 'zod/mini';
import { postMessageBodySchema } from './api-schema';
import { draftSchema } from './draft-schema';

/** Longest `callbackUrl`, characters: 2,048, what browsers and proxies reliably carry in a URL. */
export const MAX_CALLBACK_URL_CHARS = 2_048;
/** Longest name of an API key, characters: enough to say what script uses it. */
export const MAX_API_KEY_NAME_CHARS = 60;

const callbackUrl = z
  .string()
  .check(
    z.minLength(1),
    z.maxLength(
      MAX_CALLBACK_URL_CHARS,
      `the URL is longer than ${MAX_CALLBACK_URL_CHARS} characters`,
    ),
  );

/** `{ draft }`: a draft as the app itself stores it. */
export const draftRenderBodySchema = z.strictObject({
  draft: draftSchema,
  callbackUrl: z.optional(callbackUrl),
});
/** `{ shotstack }`: a Shotstack edit (timeline + output), checked with Shotstack's own schema at the edge. */
export const shotstackRenderBodySchema = z.strictObject({
  shotstack: z.record(z.string(), z.unknown()),
  callbackUrl: z.optional(callbackUrl),
});
/** `{ prompt }`: words for the director, as a first chat message. */
export const promptRenderBodySchema = z.strictObject({
  /** The same bounds as a chat message: it is the session's first message. */
  prompt: postMessageBodySchema.shape.text,
  callbackUrl: z.optional(callbackUrl),
});

/** Every body `POST /api/renders` takes. */
export const createRenderBodySchema = z.union([
  draftRenderBodySchema,
  shotstackRenderBodySchema,
  promptRenderBodySchema,
]);
export type CreateRenderBody = z.infer<typeof createRenderBodySchema>;

/**
 * The schema of the one body kind `value` names (by its `draft`, `shotstack` or `prompt` key), so
 * a refusal names the field path inside it (`draft.tracks.0.segments.1.durationMs: …`) instead of
 * "matches none of three". Null when it names none or more than one.
 */
export function renderBodySchemaFor(
  value: unknown,
):
  | typeof draftRenderBodySchema
  | typeof shotstackRenderBodySchema
  | typeof promptRenderBodySchema
  | null {
  if (typeof value !== 'object' || value === null) return null;
  const kinds = (['draft', 'shotstack', 'prompt'] as const).filter((key) => key in value);
  if (kinds.length !== 1) return null;
  if (kinds[0] === 'draft') return draftRenderBodySchema;
  return kinds[0] === 'shotstack' ? shotstackRenderBodySchema : promptRenderBodySchema;
}

/** `POST /api/api-keys` body: an optional name to tell keys apart. */
export const createApiKeyBodySchema = z.strictObject({
  name: z._default(z.string().check(z.trim(), z.maxLength(MAX_API_KEY_NAME_CHARS)), ''),
});

/** One API key as listed: never the key itself, only its first characters. */
export const apiKeyInfoSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  /** The key's first characters (`rw_live_` and 8 more), to recognise it. */
  prefix: z.string(),
  createdAtMs: z.number().check(z.int()),
  lastUsedAtMs: z.nullable(z.number().check(z.int())),
});
export type ApiKeyInfo = z.infer<typeof apiKeyInfoSchema>;

/** `POST /api/api-keys` answer: the key and its webhook signing secret, shown this once. */
export const createdApiKeySchema = z.object({
  apiKey: apiKeyInfoSchema,
  /** `rw_live_…`: send as `Authorization: Bearer <key>`. Only its SHA-256 is stored. */
  key: z.string(),
  /** `whsec_…`: verifies the webhooks of renders made with this key (docs/http-api.md). */
  webhookSecret: z.string(),
});
export type CreatedApiKey = z.infer<typeof createdApiKeySchema>;

/** `GET /api/api-keys` answer. */
export const apiKeyListSchema = z.object({ apiKeys: z.array(apiKeyInfoSchema) });
