/**
 * @module upload-client
 * The SPA's side of the media API (docs/http-api.md "Uploads"): list, describe and delete uploads,
 * and the request helper `resumable-upload.ts` shares (kept apart: it loads on the first upload).
 * Every answer is parsed with `shared/media-schema.ts`; every failure is an `ApiError` with the
 * server's plain words.
 */
import * as z from 'zod/mini';
import { mediaItemSchema, mediaListSchema } from '../../../shared/media-schema';
import type { MediaInfoBody, MediaItem } from '../../../shared/media-schema';
import { requestHeaders } from '../../render/request-headers';
import { apiErrorFromNetwork, apiErrorFromResponse, badResponseError } from '../api-error';

/** `{ media }`: the answer of complete and info. */
export const mediaAnswerSchema = z.object({ media: mediaItemSchema });

/** `/api/sessions/:id/media…` base. */
export const mediaBase = (sessionId: string): string =>
  `/api/sessions/${encodeURIComponent(sessionId)}/media`;

/** The same-origin URL serving an upload's bytes (with Range). */
export const mediaFileUrl = (sessionId: string, mediaId: string): string =>
  `${mediaBase(sessionId)}/${encodeURIComponent(mediaId)}/file`;

/** Fetches `url` same-origin and parses the answer with `schema`; failures become {@link ApiError}. */
export async function call<S extends z.ZodMiniType>(
  url: string,
  init: RequestInit,
  schema: S,
  what: string,
): Promise<z.output<S>> {
  let response: Response;
  try {
    const headers = new Headers(init.headers);
    for (const [name, value] of Object.entries(requestHeaders())) headers.set(name, value);
    response = await fetch(url, { credentials: 'same-origin', ...init, headers });
  } catch (cause) {
    throw apiErrorFromNetwork(cause);
  }
  if (!response.ok) throw await apiErrorFromResponse(response);
  const parsed = schema.safeParse(await response.json().catch(() => null));
  if (!parsed.success) throw badResponseError(response.status, what);
  return parsed.data;
}

/** A POST with a JSON body. */
export const json = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
});

/** Lists the session's uploads, oldest first. */
export async function listMedia(sessionId: string): Promise<MediaItem[]> {
  return (await call(mediaBase(sessionId), {}, mediaListSchema, 'the media list')).media;
}

/** Stores what the browser probed; the item becomes `ready` for the director. */
export async function describeMedia(
  sessionId: string,
  mediaId: string,
  body: MediaInfoBody,
): Promise<MediaItem> {
  return (
    await call(
      `${mediaBase(sessionId)}/${encodeURIComponent(mediaId)}/info`,
      json(body),
      mediaAnswerSchema,
      'saving the media info',
    )
  ).media;
}

/** Deletes an upload (finished or not). Never rejects. */
export async function deleteMedia(sessionId: string, mediaId: string): Promise<void> {
  const init = { method: 'DELETE', credentials: 'same-origin', headers: requestHeaders() } as const;
  await fetch(`${mediaBase(sessionId)}/${encodeURIComponent(mediaId)}`, init).catch(
    () => undefined,
  );
}
