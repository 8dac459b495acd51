/**
 * @module renders
 * Render-job routes (docs/http-api.md): list the visitor's jobs (their library), read a job, follow its progress as SSE, report
 * progress or failure from the browser renderer, upload the finished MP4 (streamed into R2,
 * never buffered, recording its progress so a cut-off upload can be taken over; the job completes
 * only once the stored file proved a real H.264 MP4 as long as the job, check-mp4-file.ts) and download it
 * with HTTP Range support, by its owner or by anyone holding a signed download link
 * (download-link.ts; every `downloadUrl` answered here is one).
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { Context } from 'hono';
import type { AppEnv } from '../env';
import type { JobCaller } from '../durable/render-job';
import { renderFailBodySchema, renderProgressBodySchema } from '../../shared/api-schema';
import type { RenderJobInfo, RenderSummary } from '../../shared/api-schema';
import { abortableSleep } from '../../shared/abortable-sleep';
import { renderJob, visitorAccount } from '../durable/durable-stubs';
import { ApiError } from '../middleware/api-error';
import { jsonBodyLimit, readJsonBody } from '../middleware/json-body';
import { SSE_HEADERS, SseChannel } from '../sse/sse-channel';
import { serveR2Object } from '../media/serve-r2-object';
import {
  DOWNLOAD_EXPIRES_QUERY,
  DOWNLOAD_SIG_QUERY,
  requireDownloadLink,
  withDownloadLink,
} from '../signing/download-link';
import { attachmentDisposition } from '../media/download-name';
import { CONTENT_LENGTH_RULE, parseDecimalInt, parseId, unwrap } from '../http/route-helpers';
import { MP4_SNIFF_BYTES, looksLikeMp4, readPrefix } from '../media/sniff-upload-format';
import { StreamLengthError } from '../media/pipe-exact-length';
import { uploadToR2 } from '../media/upload-to-r2';
import { Mp4FileError, checkMp4File } from '../media/check-mp4-file';
import { r2RangeReader } from '../media/r2-range-reader';
import { deleteChunkObjects } from './render-chunks';

/**
 * Largest MP4 accepted, bytes: 2 GiB. A 10-minute 1080p export (the longest draft) at the
 * renderer's ~8 Mbit/s is about 600 MB; 2 GiB leaves room for higher bitrates. (In production,
 * Cloudflare's per-plan request size limit, 100–500 MB, applies before this.)
 */
export const MAX_RENDER_UPLOAD_BYTES = 2 * 1024 ** 3;
/** How often the render-events stream re-reads the job, ms: smooth progress, cheap enough. */
export const RENDER_POLL_INTERVAL_MS = 500;
/**
 * Longest one render-events stream stays open, ms. After it the stream ends and the browser's
 * EventSource reconnects (after `retry:`), which frees the Worker invocation now and then.
 */
export const RENDER_EVENTS_MAX_OPEN_MS = 10 * 60_000;

const FINAL_STATUSES: ReadonlySet<RenderJobInfo['status']> = new Set(['completed', 'failed']);

/** Sends `render-progress` events whenever the job moves, until it is completed or failed. */
async function followRender(
  c: Context<AppEnv>,
  renderId: string,
  first: RenderJobInfo,
  channel: SseChannel,
): Promise<void> {
  const job = renderJob(c.env, renderId);
  const deadline = Date.now() + RENDER_EVENTS_MAX_OPEN_MS;
  let info = first;
  let lastSent = '';
  try {
    for (;;) {
      const key = `${info.status}:${info.framesDone}:${info.totalFrames}:${info.fps}`;
      if (key !== lastSent) {
        lastSent = key;
        channel.send({
          type: 'render-progress',
          renderId,
          status: info.status,
          progress: info.progress,
          framesDone: info.framesDone,
          totalFrames: info.totalFrames,
          fps: info.fps,
        });
      }
      if (FINAL_STATUSES.has(info.status) || channel.aborted || Date.now() >= deadline) break;
      await abortableSleep(RENDER_POLL_INTERVAL_MS);
      const next = await job.info(c.get('visitorId'));
      if (!next.ok) break;
      info = next.value;
    }
  } catch (error) {
    console.error('render events stream failed', error);
  } finally {
    await channel.close();
  }
}

/**
 * `PUT /renders/:id/file` acting as `visitorId` (the owner, or a render worker's join lease:
 * fleet.ts): streams the MP4 into R2 and completes the job once it proved a real H.264 MP4 as
 * long as the job (see the module docblock).
 */
export async function putRenderFile(c: Context<AppEnv>, visitorId: JobCaller): Promise<Response> {
  const renderId = parseId(c.req.param('id'), 'render');
  const job = renderJob(c.env, renderId);
  const info = unwrap(await job.info(visitorId));
  const lengthHeader = c.req.header('Content-Length');
  if (lengthHeader === undefined) {
    throw new ApiError(
      411,
      'length_required',
      'Send the MP4 with a Content-Length header (upload a Blob or File, not a stream).',
    );
  }
  const length = parseDecimalInt(lengthHeader, CONTENT_LENGTH_RULE);
  if (length > MAX_RENDER_UPLOAD_BYTES) {
    throw new ApiError(
      413,
      'payload_too_large',
      `The video is larger than ${MAX_RENDER_UPLOAD_BYTES / 1024 ** 3} GiB, the most this app stores.`,
    );
  }
  const body = c.req.raw.body;
  if (body === null || length < MP4_SNIFF_BYTES)
    throw new ApiError(400, 'invalid_media', 'The upload is empty or too short to be an MP4 file.');
  const reader = body.getReader();
  const { chunks, head } = await readPrefix(reader, MP4_SNIFF_BYTES);
  if (!looksLikeMp4(head)) {
    await reader.cancel().catch(() => undefined);
    throw new ApiError(
      400,
      'invalid_media',
      'The upload is not an MP4 file (it does not start with an "ftyp" box).',
    );
  }
  const { r2Key, uploadId } = unwrap(await job.beginUpload(visitorId));
  // Proves this upload alive; throws 409 `upload_in_progress` once another took over.
  const onProgress = async (): Promise<void> =>
    unwrap(await job.uploadProgress(visitorId, uploadId));
  let sizeBytes: number;
  try {
    sizeBytes = await uploadToR2(
      c.env.MEDIA,
      r2Key,
      chunks,
      reader,
      length,
      'video/mp4',
      onProgress,
    );
  } catch (error) {
    await job.abortUpload(visitorId, uploadId);
    if (error instanceof StreamLengthError) {
      throw new ApiError(
        400,
        'upload_incomplete',
        `The upload ended before its ${length} bytes arrived whole; please upload again.`,
        { cause: error },
      );
    }
    throw error;
  }
  // A render is done only when its file is one: a real H.264 MP4 as long as the job.
  try {
    await checkMp4File(r2RangeReader(c.env.MEDIA, r2Key), sizeBytes, info.draft.durationMs);
  } catch (error) {
    await job.abortUpload(visitorId, uploadId);
    await c.env.MEDIA.delete(r2Key);
    if (error instanceof Mp4FileError) {
      throw new ApiError(
        422,
        'render_file_invalid',
        `This file is not the video of this render: ${error.message}. Export it again.`,
        { cause: error },
      );
    }
    throw error;
  }
  const done = unwrap(await job.finishUpload(visitorId, sizeBytes, uploadId));
  c.executionCtx.waitUntil(deleteChunkObjects(c.env, renderId, visitorId));
  return c.json(await withDownloadLink(done, c.env.VISITOR_SECRET));
}

/** Render routes, mounted under `/api`. */
export const renderRoutes = new Hono<AppEnv>()
  .get('/renders', async (c) => {
    const visitorId = c.get('visitorId');
    const session = c.req.query('session');
    const sessionId = session === undefined ? undefined : parseId(session, 'session');
    const summaries = await visitorAccount(c.env, visitorId).listRenders(visitorId, sessionId);
    const nowMs = Date.now();
    const renders: RenderSummary[] = await Promise.all(
      summaries.map((summary) => withDownloadLink(summary, c.env.VISITOR_SECRET, nowMs)),
    );
    return c.json({ renders });
  })
  .get('/renders/:id', async (c) => {
    const renderId = parseId(c.req.param('id'), 'render');
    return c.json(
      await withDownloadLink(
        unwrap(await renderJob(c.env, renderId).info(c.get('visitorId'))),
        c.env.VISITOR_SECRET,
      ),
    );
  })
  .get('/renders/:id/events', async (c) => {
    const renderId = parseId(c.req.param('id'), 'render');
    const first = unwrap(await renderJob(c.env, renderId).info(c.get('visitorId')));
    const channel = new SseChannel();
    channel.open();
    c.executionCtx.waitUntil(followRender(c, renderId, first, channel));
    return c.body(channel.body, 200, { ...SSE_HEADERS });
  })
  .post('/renders/:id/progress', jsonBodyLimit(), async (c) => {
    const renderId = parseId(c.req.param('id'), 'render');
    const body = await readJsonBody(
      c,
      renderProgressBodySchema.check(
        z.refine((p) => p.framesDone <= p.totalFrames, {
          message: 'framesDone cannot be more than totalFrames',
          path: ['framesDone'],
        }),
      ),
    );
    return c.json(
      await withDownloadLink(
        unwrap(await renderJob(c.env, renderId).progress(c.get('visitorId'), body)),
        c.env.VISITOR_SECRET,
      ),
    );
  })
  .post('/renders/:id/fail', jsonBodyLimit(), async (c) => {
    const renderId = parseId(c.req.param('id'), 'render');
    const body = await readJsonBody(c, renderFailBodySchema);
    return c.json(
      await withDownloadLink(
        unwrap(await renderJob(c.env, renderId).fail(c.get('visitorId'), body.message)),
        c.env.VISITOR_SECRET,
      ),
    );
  })
  .put('/renders/:id/file', (c) => putRenderFile(c, c.get('visitorId')))
  .get('/renders/:id/file', async (c) => {
    const renderId = parseId(c.req.param('id'), 'render');
    const job = renderJob(c.env, renderId);
    const sig = c.req.query(DOWNLOAD_SIG_QUERY);
    // A signed link opens this one file for anyone; without one, only the owner may download.
    if (sig !== undefined)
      await requireDownloadLink(
        renderId,
        c.req.query(DOWNLOAD_EXPIRES_QUERY),
        sig,
        c.env.VISITOR_SECRET,
        Date.now(),
      );
    const target = unwrap(
      await (sig === undefined ? job.download(c.get('visitorId')) : job.downloadByLink()),
    );
    const answer = await serveR2Object(c, {
      bucket: c.env.MEDIA,
      key: target.r2Key,
      sizeBytes: target.sizeBytes,
      headers: {
        'Content-Type': 'video/mp4',
        'X-Content-Type-Options': 'nosniff',
        'Content-Disposition': attachmentDisposition(target.title),
        'Cache-Control': 'private, max-age=0, must-revalidate',
      },
    });
    if (answer === null)
      throw new ApiError(
        404,
        'not_found',
        'The file of this render is missing from storage; export it again.',
      );
    return answer;
  });
