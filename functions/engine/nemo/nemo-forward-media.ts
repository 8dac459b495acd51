/**
 * @module nemo-forward-media
 * The visitor's uploads live in our R2 (functions/routes/media.ts); the remote API needs them
 * in its own session (docs/remote-api.md#uploads). Before a turn, every ready upload the upstream
 * session has not got yet is streamed from R2 to `POST /api/upload-video/…` (never buffered).
 * What was sent is remembered by a small marker object per upstream session and upload
 * (`nemo-forwarded/<upstream sid>/<media id>`), so a new upstream session (after 1002) gets
 * the files again. 4001/4002 become plain messages and the turn goes on.
 */
import type { EngineEvent } from '../engine';
import type { MediaSummary } from '../../../shared/media-schema';
import { fileKey } from '../../media/media-store';
import type { UploadFile } from './nemo-client';
import { MAX_UPLOAD_BYTES, UpstreamCode, UpstreamError } from './nemo-error';
import type { PlainError } from './nemo-error';

/** Where our uploads are: the bucket and our session id. */
export interface MediaSource {
  bucket: R2Bucket;
  sessionId: string;
}

/** What {@link forwardNewMedia} needs. */
export interface ForwardMediaArgs {
  source: MediaSource;
  media: MediaSummary[];
  upstreamSessionId: string;
  /** Sends one file (with the turn's token retries). */
  upload: (file: UploadFile) => Promise<void>;
  /** The plain message of an upstream error. */
  plain: (error: UpstreamError) => PlainError;
}

/** The R2 key that marks `mediaId` as sent to `upstreamSessionId`. */
export function forwardedMarkerKey(upstreamSessionId: string, mediaId: string): string {
  return `nemo-forwarded/${upstreamSessionId}/${mediaId}`;
}

/**
 * Sends the uploads not sent yet, in order, yielding a status line per file and an error event
 * for a file the API refuses (which is then not offered again).
 * @throws {UpstreamError} for faults other than 4001/4002 (the turn reports them).
 */
export async function* forwardNewMedia(args: ForwardMediaArgs): AsyncGenerator<EngineEvent> {
  const { source, upstreamSessionId } = args;
  for (const item of args.media) {
    const marker = forwardedMarkerKey(upstreamSessionId, item.id);
    if ((await source.bucket.head(marker)) !== null) continue;
    const object = await source.bucket.get(fileKey(source.sessionId, item.id));
    if (object === null) continue;
    try {
      if (object.size > MAX_UPLOAD_BYTES) {
        await object.body.cancel();
        throw new UpstreamError(
          UpstreamCode.fileTooLarge,
          413,
          'api',
          `${item.name} is ${object.size} bytes`,
        );
      }
      yield { type: 'status', message: `sending "${item.name}" to the video service…` };
      await args.upload({
        name: item.name,
        type: object.httpMetadata?.contentType ?? 'application/octet-stream',
        size: object.size,
        body: object.body,
      });
    } catch (error) {
      if (
        !(error instanceof UpstreamError) ||
        (error.code !== UpstreamCode.unsupportedFile && error.code !== UpstreamCode.fileTooLarge)
      )
        throw error;
      const plain = args.plain(error);
      yield { type: 'error', code: plain.code, message: `"${item.name}": ${plain.message}` };
    }
    await source.bucket.put(marker, item.id);
  }
}
