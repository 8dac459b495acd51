/**
 * @module json-body
 * JSON request bodies: a size cap (hono's body-limit), the `application/json` content type and
 * parsing with a zod schema, so every bad body gets a clear 4xx: `payload_too_large` (413),
 * `unsupported_media_type` (415: a form or `text/plain` body, which any site can make a browser
 * send, is never read as JSON), `invalid_json` (400) or `invalid_body` (400, with zod's messages
 * in plain words).
 */
import { bodyLimit } from 'hono/body-limit';
import type { Context, MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { ApiError, errorBody } from './api-error';

/**
 * Largest JSON body accepted, bytes: 64 KB. The biggest legitimate body is a chat message of
 * 8,000 characters (at most 32 KB of UTF-8); twice that leaves room for JSON escaping.
 */
export const MAX_JSON_BODY_BYTES = 64 * 1024;

/** Middleware: answers 413 `payload_too_large` for a body over {@link MAX_JSON_BODY_BYTES}. */
export function jsonBodyLimit(): MiddlewareHandler {
  return bodyLimit({
    maxSize: MAX_JSON_BODY_BYTES,
    onError: (c) =>
      c.json(
        errorBody(
          'payload_too_large',
          `The request body is larger than ${MAX_JSON_BODY_BYTES / 1024} KB; a chat message may be at most 8,000 characters.`,
        ),
        413,
      ),
  });
}

/** Turns zod issues into one line a person can read: `text: the message is empty`. */
export function describeIssues(error: z.core.$ZodError): string {
  return error.issues
    .map((issue) =>
      issue.path.length > 0
        ? `${issue.path.map(String).join('.')}: ${issue.message}`
        : issue.message,
    )
    .join('; ');
}

/** `application/json`, with or without parameters such as `; charset=utf-8`. */
const JSON_CONTENT_TYPE = /^application\/json\s*(?:;|$)/i;

/**
 * Reads the request body as JSON and parses it with `schema`.
 *
 * @throws {ApiError} 415 `unsupported_media_type` when the Content-Type is not `application/json`;
 *   400 `invalid_json` when the body is not JSON; 400 `invalid_body` when it does not match the schema.
 */
export async function readJsonBody<S extends z.core.$ZodType>(
  c: Context,
  schema: S,
): Promise<z.output<S>> {
  const contentType = c.req.header('Content-Type') ?? '';
  if (!JSON_CONTENT_TYPE.test(contentType)) {
    throw new ApiError(
      415,
      'unsupported_media_type',
      `Send this body as JSON with the header Content-Type: application/json${contentType === '' ? '' : `, not ${contentType.slice(0, 80)}`}.`,
    );
  }
  const text = await c.req.text();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : 'unreadable';
    throw new ApiError(400, 'invalid_json', `The request body is not valid JSON (${detail}).`);
  }
  return parseBody(schema, value);
}

/**
 * Parses an already-read JSON body with `schema`.
 *
 * @throws {ApiError} 400 `invalid_body` naming each wrong field (see {@link describeIssues}).
 */
export function parseBody<S extends z.core.$ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = z.safeParse(schema, value);
  if (!parsed.success)
    throw new ApiError(
      400,
      'invalid_body',
      `The request body is not right: ${describeIssues(parsed.error)}.`,
    );
  return parsed.data;
}
