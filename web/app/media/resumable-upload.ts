/**
 * @module resumable-upload
 * The SPA's side of the resumable upload (docs/http-api.md "Uploads"): start, send each missing
 * 8 MiB part (with byte progress), resume after a dropped connection by asking which parts the
 * edge already has, complete. Every answer is parsed with `shared/media-schema.ts`; every failure
 * is an {@link ApiError} with the server's plain words. Loaded lazily, on the first upload.
 */
import { uploadStatusSchema } from '../../../shared/media-schema';
import type { MediaItem, UploadStatus } from '../../../shared/media-schema';
import { ApiError, apiErrorFromResponse, isTransient, NETWORK_STATUS } from '../api-error';
import { requestHeaders } from '../../render/request-headers';
import { retryWithBackoff } from '../net/retry-with-backoff';
import { call, json, mediaAnswerSchema, mediaBase } from './upload-client';

/** Times one part is tried before the upload is reported as failed: covers a brief network drop. */
export const PART_ATTEMPTS = 4;
/** Wait before retrying a part, ms (doubled each time): 1 s, 2 s, 4 s. */
const RETRY_BASE_MS = 1_000;

/** Sends one part with XHR (fetch has no upload progress). Resolves on 2xx; rejects with ApiError. */
function sendPart(
  url: string,
  bytes: Blob,
  signal: AbortSignal,
  onBytes: (sent: number) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    xhr.withCredentials = true;
    // In the framed widget the visitor is its widget token, not a cookie (request-headers.ts).
    for (const [name, value] of Object.entries(requestHeaders())) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => onBytes(event.loaded);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) return resolve();
      void apiErrorFromResponse(new Response(xhr.responseText, { status: xhr.status })).then(
        reject,
      );
    };
    xhr.onerror = () =>
      reject(new ApiError(NETWORK_STATUS, 'network', 'The connection dropped while uploading.'));
    xhr.onabort = () =>
      reject(new ApiError(NETWORK_STATUS, 'aborted', 'The upload was cancelled.'));
    signal.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(bytes);
  });
}

/** A part failure worth another try: no answer, a 5xx, or a part that did not arrive whole. */
function retryablePart(cause: unknown): boolean {
  return isTransient(cause) || (cause instanceof ApiError && cause.code === 'upload_incomplete');
}

/**
 * Uploads `file` into the session, resuming where the edge left off after a dropped connection.
 * @param onProgress bytes stored so far and the total, after every progress event
 * @param onStarted called once the edge has started the upload (before any part is sent)
 * @returns the stored item (`status: 'stored'`)
 * @throws ApiError: `file_too_large` (4002), `unsupported_media_type` (4001), `aborted`, `network`…;
 *   an `AbortError` DOMException when `signal` aborts while waiting to retry a part
 */
export async function uploadFile(
  sessionId: string,
  file: File,
  signal: AbortSignal,
  onProgress: (sentBytes: number, totalBytes: number) => void,
  onStarted?: () => void,
): Promise<MediaItem> {
  let status: UploadStatus = await call(
    mediaBase(sessionId),
    { ...json({ name: file.name.slice(0, 255) || 'upload', sizeBytes: file.size }), signal },
    uploadStatusSchema,
    'starting the upload',
  );
  const { media } = status;
  onStarted?.();
  const base = `${mediaBase(sessionId)}/${encodeURIComponent(media.id)}`;
  const done = new Set(status.uploadedParts);
  for (let part = 1; part <= media.partCount; part++) {
    if (done.has(part)) continue;
    const start = (part - 1) * media.partSizeBytes;
    const bytes = file.slice(start, Math.min(file.size, start + media.partSizeBytes));
    await retryWithBackoff(
      async (attempt) => {
        if (attempt > 1) {
          // Resume: ask the edge which parts it has (the dropped part may have arrived after all).
          status = await call(base, { signal }, uploadStatusSchema, 'resuming the upload');
          for (const stored of status.uploadedParts) done.add(stored);
          if (done.has(part)) return;
        }
        const before = storedBytes(done, media);
        await sendPart(`${base}/parts/${part}`, bytes, signal, (sent) =>
          onProgress(before + sent, file.size),
        );
        done.add(part);
        onProgress(storedBytes(done, media), file.size);
      },
      { tries: PART_ATTEMPTS, firstDelayMs: RETRY_BASE_MS, signal, shouldRetry: retryablePart },
    );
  }
  return (
    await call(
      `${base}/complete`,
      { method: 'POST', signal },
      mediaAnswerSchema,
      'finishing the upload',
    )
  ).media;
}

function storedBytes(done: ReadonlySet<number>, media: MediaItem): number {
  let total = 0;
  for (const part of done)
    total +=
      part < media.partCount
        ? media.partSizeBytes
        : media.sizeBytes - media.partSizeBytes * (media.partCount - 1);
  return total;
}
