/**
 * @module nemo-schema
 * zod schemas for everything the remote API sends (docs/remote-api.md): the JSON envelope
 * `{code, message, data}`, the answers of each endpoint, and the ADK event JSON inside
 * `/run_sse` frames. Every upstream byte is parsed with one of these before it is used.
 * Schemas are loose (`passthrough` is not needed: unknown keys are dropped) and tolerate the
 * fields the contract leaves open (an answer with or without the `data` wrapper).
 */
import { z } from 'zod';

/** The API's JSON envelope: `code` 0 is success (docs/remote-api.md#json-envelope). */
export const envelopeSchema = z.object({
  code: z.number().int(),
  message: z.string().optional(),
  msg: z.string().optional(),
  data: z.unknown().optional(),
});
export type Envelope = z.infer<typeof envelopeSchema>;

/** `POST /api/auth/anonymous-token` → `data.token`. */
export const anonymousTokenSchema = z.object({ token: z.string().min(1) });

/** `POST /api/tasks/me/with-session/nemo_agent` → `session_id`. */
export const sessionCreatedSchema = z.object({ session_id: z.string().min(1) });

/** `GET /api/credits/balance/simple`. */
export const creditsBalanceSchema = z.object({
  available: z.number(),
  frozen: z.number(),
  total: z.number(),
});

/** `GET /api/state/nemo_agent/me/<sid>/latest`: the short-key draft (decoded by nemo-draft-codec). */
export const sessionStateSchema = z.object({
  draft: z.unknown().nullable().optional(),
  video_infos: z.array(z.unknown()).optional(),
  generated_media: z.array(z.unknown()).optional(),
});

/** Render status words the poller understands; anything else counts as still rendering. */
export const renderStatusSchema = z.enum([
  'queued',
  'pending',
  'rendering',
  'processing',
  'completed',
  'failed',
  'error',
]);

/** `POST /api/render/proxy/lambda` and `GET …/lambda/<id>`. */
export const renderStateSchema = z.object({
  id: z.string().optional(),
  status: z.string(),
  /** 0..100 (percent) or 0..1; normalised by the poller. */
  progress: z.number().min(0).optional(),
  downloadUrl: z.url().optional(),
  download_url: z.url().optional(),
  url: z.url().optional(),
  error: z.string().optional(),
});
export type RenderState = z.infer<typeof renderStateSchema>;

/**
 * One ADK content part (google-genai `Part`, camelCase on the wire): text (with `thought: true`
 * for the model's reasoning), a function call, or a function response. Other kinds of part
 * (`executableCode`, `codeExecutionResult`, `inlineData`, `fileData`) pass as empty parts: they
 * are not chat text (see nemo-map-adk-events).
 * https://github.com/google/adk-python/blob/main/src/google/adk/events/event.py
 */
export const adkPartSchema = z.object({
  text: z.string().optional(),
  thought: z.boolean().optional(),
  functionCall: z
    .object({ id: z.string().optional(), name: z.string(), args: z.unknown().optional() })
    .optional(),
  functionResponse: z
    .object({ id: z.string().optional(), name: z.string(), response: z.unknown().optional() })
    .optional(),
});
export type AdkPart = z.infer<typeof adkPartSchema>;

/**
 * The parts of one event, read part by part: a part that does not fit {@link adkPartSchema}
 * (e.g. a streamed function-call chunk with `partialArgs`/`willContinue` and no `name`) is
 * dropped on its own, and the event's other parts (its text) are kept.
 */
const adkPartsSchema = z.array(z.unknown()).transform((parts) =>
  parts.flatMap((part) => {
    const parsed = adkPartSchema.safeParse(part);
    return parsed.success ? [parsed.data] : [];
  }),
);

/** One ADK event (camelCase, nulls omitted), the JSON of one `data:` frame. */
export const adkEventSchema = z.object({
  id: z.string().optional(),
  invocationId: z.string().optional(),
  author: z.string().optional(),
  timestamp: z.number().optional(),
  content: z.object({ role: z.string().optional(), parts: adkPartsSchema.optional() }).optional(),
  partial: z.boolean().optional(),
  turnComplete: z.boolean().optional(),
  finishReason: z.string().optional(),
  errorCode: z.string().optional(),
  errorMessage: z.string().optional(),
  /** Ids of the function calls of this event that run on after it (ADK long-running tools). */
  longRunningToolIds: z.array(z.string()).optional(),
  actions: z.record(z.string(), z.unknown()).optional(),
});
export type AdkEvent = z.infer<typeof adkEventSchema>;

/** An error frame: `data: {"error":"..."}`. */
export const adkErrorFrameSchema = z.object({
  error: z.union([z.string(), z.record(z.string(), z.unknown())]),
});
