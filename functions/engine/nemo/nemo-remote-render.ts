/**
 * @module nemo-remote-render
 * An export rendered by the remote API, driven by the `RenderJob` Durable Object's alarm
 * (so it carries on after the visitor's tab is gone). Each alarm does one step:
 * 1. not started: `POST /api/render/proxy/lambda` with the short-key draft in the upstream
 *    session (docs/remote-api.md), then poll again in {@link NemoTimings.renderPollMs} (30 s);
 * 2. started: `GET …/lambda/<id>`; progress is recorded; `completed` → the file is copied into
 *    R2 (`renders/<id>.mp4`, so our download link never expires) and checked like a browser
 *    render's upload (media/check-mp4-file.ts: a well-formed H.264 MP4 as long as the job); the
 *    job completes only then, else the file is deleted and the job fails (no link is ever made);
 *    `failed` → the job fails (our ledger charged nothing; the remote API keeps its own).
 * Faults back off (poll × 2^failures, at most {@link MAX_BACKOFF_MS}); after
 * {@link MAX_POLL_FAILURES} in a row, or past the deadline, the job fails with a plain message.
 * 1001 renews the token, 429 waits, 402/2001 fail at once with their own messages.
 */
import { z } from 'zod';
import type { RenderJobInfo, RenderProgressBody } from '../../../shared/api-schema';
import { uploadToR2 } from '../../media/upload-to-r2';
import { Mp4FileError, checkMp4File } from '../../media/check-mp4-file';
import { r2RangeReader } from '../../media/r2-range-reader';
import { encodeDraft } from './nemo-draft-codec';
import { NemoClient } from './nemo-client';
import type { FetchLike } from './nemo-client';
import { readNemoConfig } from './nemo-config';
import { UpstreamCode, UpstreamError, plainUpstreamError } from './nemo-error';
import type { RenderState } from './nemo-schema';
import { UpstreamToken } from './nemo-token';
import type { IdentityStore } from './nemo-token';

/** Faults in a row before the export is given up (with the backoff, about 10 minutes of trying). */
export const MAX_POLL_FAILURES = 6;
/** Longest wait between two tries after faults, ms: 5 minutes keeps a recovered API noticed soon. */
export const MAX_BACKOFF_MS = 5 * 60_000;
/**
 * Largest finished file buffered in memory when the download has no `Content-Length`, bytes
 * (with a length it is streamed). 128 MiB fits a Durable Object's 128 MB isolate budget only
 * just, but a 90-s 1080p export is about 90 MB.
 */
export const MAX_BUFFERED_DOWNLOAD_BYTES = 128 * 1024 * 1024;
/**
 * Longest the copy of a finished export into R2 may take, ms: a 1080x1920 90-s export is about
 * 100 MB; 10 minutes covers a slow storage link.
 */
export const DOWNLOAD_TIMEOUT_MS = 10 * 60_000;
/** Storage key of the remote render's progress in the `RenderJob`. */
const REMOTE_STATE_KEY = 'remote-render';

const remoteStateSchema = z.object({
  /** The upstream render id (`render_<ts>`), once started. */
  upstreamId: z.string().min(1).nullable(),
  /** Faults in a row. */
  failures: z.number().int().nonnegative(),
  /** The session's upstream session was gone (1002): start in a new one. */
  newSession: z.boolean().default(false),
});
type RemoteState = z.infer<typeof remoteStateSchema>;

/** A job's answer: the value, or a refusal with a plain message (a `DurableResult` fits). */
export type JobAnswer<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * Port: the `RenderJob` methods a remote render drives (its public RPC methods, called
 * in-object; the job hands itself).
 */
export interface RenderJobControls {
  info(visitorId: string): JobAnswer<RenderJobInfo>;
  progress(visitorId: string, body: RenderProgressBody): JobAnswer<RenderJobInfo>;
  beginUpload(visitorId: string): JobAnswer<{ r2Key: string; uploadId: string }>;
  /** Records that upload `uploadId` is alive; refused once another upload took over. */
  uploadProgress(visitorId: string, uploadId: string): JobAnswer<void>;
  abortUpload(visitorId: string, uploadId?: string): void;
  finishUpload(
    visitorId: string,
    sizeBytes: number,
    uploadId?: string,
  ): Promise<JobAnswer<RenderJobInfo>>;
  fail(visitorId: string, message: string): Promise<JobAnswer<RenderJobInfo>>;
}

/** What one step needs: the Worker's variables and storage, and the ports the `RenderJob` hands it. */
export interface RemoteRenderContext {
  /** The Worker's variables; the `NEMO_*` ones configure the API (nemo-config.ts). */
  vars: Record<string, unknown>;
  /** Where finished exports are kept (the `MEDIA` bucket). */
  bucket: R2Bucket;
  storage: DurableObjectStorage;
  job: RenderJobControls;
  /** The visitor who owns the job. */
  owner: string;
  /** Port: the owner's identity at the remote API (their `VisitorAccount`); unused with an operator token. */
  identity: IdentityStore;
  /**
   * Port: the remote session id our session `sessionId` keeps (its `SessionRoom`), or null when
   * it has none (or cannot say): the export then starts in a new remote session.
   */
  upstreamSessionId(sessionId: string): Promise<string | null>;
  /** Defaults to the global `fetch`. */
  fetch?: FetchLike;
}

/** Plain messages a failed remote export shows. */
const MESSAGES = {
  deadline: (minutes: number) =>
    `The video service did not finish this export within ${minutes} minutes, so it was stopped. Please export again.`,
  failed: 'The video service could not render this video. Please export again.',
  unreachable:
    'The video service could not be reached for several minutes, so this export was stopped. Please export again later.',
  noFile: 'The video service finished, but its file could not be fetched. Please export again.',
  badFile: (reason: string) =>
    `The video service sent a file that is not the video of this export (${reason}), so it was not kept. Please export again.`,
} as const;

/**
 * Does the next step of a remote export and schedules the next alarm when one is needed.
 * Never throws for upstream faults (they count towards {@link MAX_POLL_FAILURES}).
 */
export async function advanceRemoteRender(context: RemoteRenderContext): Promise<void> {
  const { storage, job, owner } = context;
  const current = job.info(owner);
  if (!current.ok || current.value.status === 'completed' || current.value.status === 'failed')
    return;
  const info = current.value;
  const config = readNemoConfig(context.vars);
  const { renderPollMs, renderDeadlineMs } = config.timings;
  if (Date.now() - info.createdAtMs > renderDeadlineMs) {
    await job.fail(owner, MESSAGES.deadline(Math.round(renderDeadlineMs / 60_000)));
    return;
  }
  const state = remoteStateSchema.safeParse(await storage.get(REMOTE_STATE_KEY)).data ?? {
    upstreamId: null,
    failures: 0,
    newSession: false,
  };
  const save = (next: RemoteState): Promise<void> => storage.put(REMOTE_STATE_KEY, next);
  const client = new NemoClient(config, context.fetch);
  const tokens = new UpstreamToken(client, config, config.token === null ? context.identity : null);
  let token: string | null = null;
  try {
    token = await tokens.current();
    let answer: RenderState;
    if (state.upstreamId === null) {
      const known = state.newSession ? null : await context.upstreamSessionId(info.sessionId);
      const sessionId = known ?? (await client.createSession(token));
      const upstreamId = `render_${Date.now()}`;
      answer = await client.startRender(token, {
        id: upstreamId,
        sessionId,
        draft: encodeDraft(info.draft),
        output: { format: 'mp4', quality: 'high' },
      });
      state.upstreamId = answer.id ?? upstreamId;
    } else {
      answer = await client.pollRender(token, state.upstreamId);
    }
    state.failures = 0;
    await save(state);
    const status = answer.status.toLowerCase();
    if (status === 'completed') {
      const url = answer.downloadUrl ?? answer.download_url ?? answer.url;
      if (url === undefined)
        throw new UpstreamError(502, 200, 'api', 'completed without a download URL');
      await copyIntoR2(context, client, token, url, info.draft.durationMs);
      return;
    }
    if (status === 'failed' || status === 'error') {
      console.warn('remote render failed upstream', answer.error?.slice(0, 200));
      await job.fail(owner, MESSAGES.failed);
      return;
    }
    const fraction =
      answer.progress === undefined
        ? 0
        : answer.progress > 1
          ? answer.progress / 100
          : answer.progress;
    job.progress(owner, {
      framesDone: Math.min(info.totalFrames, Math.round(Math.min(1, fraction) * info.totalFrames)),
      totalFrames: info.totalFrames,
      fps: 0,
    });
    await storage.setAlarm(Date.now() + renderPollMs);
  } catch (error) {
    const upstream = error instanceof UpstreamError ? error : null;
    console.warn(
      'remote render step failed',
      upstream?.code,
      error instanceof Error ? error.message : error,
    );
    if (
      upstream !== null &&
      (upstream.code === UpstreamCode.planBlocksExport ||
        upstream.code === UpstreamCode.outOfCredits)
    ) {
      await job.fail(
        owner,
        plainUpstreamError(upstream, {
          anonymous: tokens.anonymous,
          registerLink: tokens.registerLink(),
        }).message,
      );
      return;
    }
    if (upstream !== null && upstream.code === UpstreamCode.tokenInvalid && token !== null) {
      await tokens.refresh(token).catch(() => undefined);
    }
    if (
      upstream !== null &&
      upstream.code === UpstreamCode.sessionNotFound &&
      state.upstreamId === null
    ) {
      // The upstream session is gone: the next step starts the export in a new one.
      state.newSession = true;
    }
    state.failures += 1;
    await save(state);
    if (state.failures > MAX_POLL_FAILURES) {
      await job.fail(owner, MESSAGES.unreachable);
      return;
    }
    const wait =
      upstream?.code === UpstreamCode.rateLimited
        ? config.timings.rateLimitWaitMs
        : Math.min(MAX_BACKOFF_MS, renderPollMs * 2 ** state.failures);
    await storage.setAlarm(Date.now() + wait);
  }
}

/**
 * Copies the finished file into R2, checks it is an H.264 MP4 lasting `durationMs` (the job's,
 * ms) and completes the job (credits spent). A file that is not fails the job with
 * {@link MESSAGES.badFile} and is deleted. Throws {@link UpstreamError} when the copy fails.
 */
async function copyIntoR2(
  context: RemoteRenderContext,
  client: NemoClient,
  token: string,
  url: string,
  durationMs: number,
): Promise<void> {
  const { bucket, job, owner } = context;
  const response = await client.download(url, token, AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS));
  const target = job.beginUpload(owner);
  if (!target.ok) {
    await response.body?.cancel();
    return;
  }
  const { r2Key, uploadId } = target.value;
  // A copy that stops reporting for UPLOAD_QUIET_TIMEOUT_MS may be taken over; this one reports as it goes.
  const stillOurs = async (): Promise<void> => {
    const alive = job.uploadProgress(owner, uploadId);
    if (!alive.ok) throw new Error(alive.message);
  };
  try {
    const length = Number(response.headers.get('Content-Length') ?? 'NaN');
    let size: number;
    if (Number.isSafeInteger(length) && length > 0 && response.body !== null) {
      size = await uploadToR2(
        bucket,
        r2Key,
        [],
        response.body.getReader(),
        length,
        'video/mp4',
        stillOurs,
      );
    } else {
      const bytes = await response.arrayBuffer();
      if (bytes.byteLength === 0 || bytes.byteLength > MAX_BUFFERED_DOWNLOAD_BYTES)
        throw new Error(`export file of ${bytes.byteLength} bytes`);
      size = (await bucket.put(r2Key, bytes, { httpMetadata: { contentType: 'video/mp4' } })).size;
    }
    // Done only when the file is one: a real H.264 MP4 as long as the job.
    await checkMp4File(r2RangeReader(bucket, r2Key), size, durationMs);
    await job.finishUpload(owner, size, uploadId);
  } catch (error) {
    job.abortUpload(owner, uploadId);
    if (error instanceof Mp4FileError) {
      console.warn('remote render file refused', error.message);
      await bucket.delete(r2Key);
      await job.fail(owner, MESSAGES.badFile(error.message));
      return;
    }
    throw new UpstreamError(
      502,
      200,
      'network',
      `copying the export into storage failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
