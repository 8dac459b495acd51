/**
 * @module render-job
 * `RenderJob`: one Durable Object per export (named by the render id). It holds the draft
 * snapshot being rendered (the session's draft, or one batch item's, with the item id), the
 * status (`queued → rendering → uploading → completed`, or `failed`; `interrupted` may resume
 * with progress), progress, the R2 key of the MP4, and
 * settles the export's frozen credits with the visitor's account: commit on completion; on
 * failure, cancel or expiry spend what was rendered (chunks recorded) and refund the rest
 * (pricing/export-cost.ts `renderedCostCredits`). A settlement that cannot reach the account
 * is retried by alarm. An `interrupted` job nobody resumes within {@link INTERRUPTED_EXPIRY_MS} fails.
 * A browser render's stored chunks are recorded here too (render-chunk-ledger.ts, check-and-set
 * on a chunk version), and an alarm marks it `interrupted` when its page stops sending progress.
 * The MP4 upload proves it is alive the same way: the Worker streaming it records progress
 * ({@link RenderJob.uploadProgress}); one quiet for {@link UPLOAD_QUIET_TIMEOUT_MS} was cut off,
 * so another upload may take over and the alarm marks the job `interrupted`.
 * The chunks of a failed render (an interrupted one fails after a day) are deleted by alarm
 * {@link FAILED_CHUNKS_GRACE_MS} after it failed.
 * Render workers (docs/http-api.md "Render fleet") lease its units of work — a chunk, the audio
 * mix, then the final join — one at a time each (render-lease-book.ts); a caller of the chunk,
 * audio and upload methods is the owner (a visitor id) or the holder of a valid lease on that
 * unit ({@link JobCaller}). A browser render that goes quiet is offered to the render queue
 * (render-queue.ts), which hands it to workers when any are connected.
 */
import { DurableObject } from 'cloudflare:workers';
import { z } from 'zod';
import type { Env } from '../env';
import {
  MAX_RENDER_TITLE_CHARS,
  renderFailBodySchema,
  renderProgressBodySchema,
} from '../../shared/api-schema';
import type {
  RenderJobInfo,
  RenderProgressBody,
  RenderStatus,
  RenderSummary,
} from '../../shared/api-schema';
import { draftSchema } from '../../shared/draft-schema';
import type { Draft } from '../../shared/draft-schema';
import { accepted, notFound, refused } from './durable-result';
import type { DurableResult } from './durable-result';
import { parseJsonColumn, readOptionalRow } from './sql-rows';
import { addColumnIfMissing } from './add-column-if-missing';
import { renderedCostCredits } from '../pricing/export-cost';
import { advanceRemoteRender } from '../engine/nemo/nemo-remote-render';
import type { RenderChunkState } from '../../shared/api-schema';
import { planChunks } from '../../shared/render-chunk-plan';
import type { ChunkPlan } from '../../shared/render-chunk-plan';
import { RenderChunkLedger } from './render-chunk-ledger';
import { renderQueue, sessionRoom, visitorAccount, visitorIdentityStore } from './durable-stubs';
import type { AudioUpload, ChunkUpload } from './render-chunk-ledger';
import { RenderWebhook } from './render-webhook';
import type { WebhookDelivery } from './render-webhook';
import { RenderLeaseBook, leaseLost } from './render-lease-book';
import type { FleetLease, LeaseUnit } from '../../shared/fleet-schema';
import { unitKey } from '../../shared/fleet-schema';
import { draftMediaIds } from '../../shared/draft-media-ids';

/** Wait before retrying a credit settlement the visitor account did not take, ms (a transient fault). */
export const SETTLE_RETRY_MS = 30_000;
/**
 * An upload that recorded no progress for this long was cut off (tab closed, network gone,
 * Worker evicted), ms: another upload may start and the alarm marks the job `interrupted`.
 * A live upload records progress at least every 5 s while bytes flow (media/upload-to-r2.ts
 * UPLOAD_PROGRESS_EVERY_MS); 30 s rides out a few missed reports or a short network stall.
 */
export const UPLOAD_QUIET_TIMEOUT_MS = 30_000;
/**
 * A browser render whose page sent no progress and no chunk for this long is `interrupted`, ms.
 * The page reports every 0.5 s (progress-reporter.ts); 20 s rides out a stalled tab or a slow chunk upload.
 */
export const HEARTBEAT_TIMEOUT_MS = 20_000;

/**
 * An `interrupted` browser render nobody resumed for this long fails (its frozen credits are
 * settled), ms: 24 h. Long enough to come back to a closed tab the next day; a job cannot hold
 * a visitor's credits frozen for ever.
 */
export const INTERRUPTED_EXPIRY_MS = 24 * 60 * 60_000;

/**
 * Least time between two pushes of a job's list entry to the visitor's account while only its
 * progress moves, ms: the page reports every 0.5 s, the library needs no more than a glance;
 * a change of status is pushed at once.
 */
export const RENDER_SUMMARY_PUSH_INTERVAL_MS = 2_000;

/**
 * Chunks of a failed render are deleted this long after it failed, ms. Nothing resumes a failed
 * job; an hour lets a page that has not noticed the failure yet finish its requests. An
 * interrupted job fails after {@link INTERRUPTED_EXPIRY_MS}, so its chunks go an hour after that.
 */
export const FAILED_CHUNKS_GRACE_MS = 60 * 60_000;

const idSchema = z.uuid();
const createArgsSchema = z.object({
  renderId: idSchema,
  sessionId: idSchema,
  owner: idSchema,
  /** Names the downloaded file. */
  title: z.string().max(MAX_RENDER_TITLE_CHARS),
  draft: draftSchema,
  /** The draft version exported, or for a batch item the batch version. */
  draftVersion: z.number().int().positive(),
  /** The batch item exported (shared/batch-schema.ts), or null/absent for the session's own draft. */
  batchItemId: z.string().min(1).max(200).nullable().default(null),
  costCredits: z.number().int().nonnegative(),
  renderer: z.enum(['browser', 'remote']),
  atMs: z.number().int().nonnegative(),
});
/** Arguments of {@link RenderJob.create}. */
export type CreateRenderArgs = z.input<typeof createArgsSchema>;

const jobRowSchema = z.object({
  render_id: z.string(),
  session_id: z.string(),
  owner: z.string(),
  title: z.string(),
  status: z.enum(['queued', 'rendering', 'uploading', 'completed', 'failed', 'interrupted']),
  renderer: z.enum(['browser', 'remote']),
  draft_version: z.number().int(),
  batch_item_id: z.string().nullable(),
  draft_json: z.string(),
  frames_done: z.number().int(),
  total_frames: z.number().int(),
  fps: z.number(),
  cost_credits: z.number().int(),
  created_at_ms: z.number().int(),
  /** Last sign of life: progress, a chunk, or while `uploading` the upload's progress. */
  updated_at_ms: z.number().int(),
  /** The upload in progress (or cut off), null when none. */
  upload_id: z.string().nullable(),
  error: z.string().nullable(),
  r2_key: z.string(),
  size_bytes: z.number().int().nullable(),
  settlement: z.enum(['commit', 'refund']).nullable(),
  /** Credits a pending `refund` settlement spends (what was rendered); null for none. */
  spent_credits: z.number().int().nullable(),
});
type JobRow = z.infer<typeof jobRowSchema>;

/** Where an upload goes, and the id it reports progress and its end with. */
export interface UploadTarget {
  r2Key: string;
  /** This upload's id: a later upload that took over has another (see {@link RenderJob.uploadProgress}). */
  uploadId: string;
}

/** What `GET /api/renders/:id/file` needs. */
export interface DownloadTarget {
  r2Key: string;
  sizeBytes: number;
  title: string;
}

const TERMINAL: ReadonlySet<RenderStatus> = new Set<RenderStatus>(['completed', 'failed']);
/** Statuses of a browser render that a page (or its upload) must keep alive (see `#checkHeartbeat`). */
const WATCHED: ReadonlySet<RenderStatus> = new Set<RenderStatus>([
  'queued',
  'rendering',
  'uploading',
]);

/**
 * Who calls a job method: its owner (a visitor id), or a render worker holding lease `leaseId`
 * on the unit the method works on (any unit of the job for reads of the job itself).
 */
export type JobCaller = string | { leaseId: string };

/** What {@link RenderJob.lease} answers the render queue. */
export type LeaseOffer =
  | { kind: 'granted'; lease: FleetLease }
  /** Work is left, but every unit of it is leased right now. */
  | { kind: 'busy' }
  /** Nothing is left to do for workers (finished, gone, or rendered elsewhere): drop the job from the queue. */
  | { kind: 'done' };

/** The R2 key of a render's MP4: `renders/<id>.mp4`. */
export function renderObjectKey(renderId: string): string {
  return `renders/${renderId}.mp4`;
}

/** One export: snapshot, status, progress, stored file and credit settlement. */
export class RenderJob extends DurableObject<Env> {
  /** Chunk records of a resumable browser render (render-chunk-ledger.ts). */
  readonly #chunks: RenderChunkLedger;
  /** The render API's webhook, when the job was made with a `callbackUrl` (render-webhook.ts). */
  readonly #webhook: RenderWebhook;
  /** Render workers' leases on this job's units (render-lease-book.ts). */
  readonly #leases: RenderLeaseBook;
  /** The last push of the job's list entry to the owner's account; pushes run one after another, in order. */
  #summaryPush: Promise<void> = Promise.resolve();
  /** Status and time of the last push (see {@link RENDER_SUMMARY_PUSH_INTERVAL_MS}). */
  #lastPush: { status: RenderStatus; atMs: number } | null = null;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#chunks = new RenderChunkLedger(ctx.storage);
    this.#leases = new RenderLeaseBook(ctx.storage);
    ctx.storage.sql.exec(`
      CREATE TABLE IF NOT EXISTS job (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        render_id TEXT NOT NULL,
        session_id TEXT NOT NULL,
        owner TEXT NOT NULL,
        title TEXT NOT NULL,
        status TEXT NOT NULL,
        renderer TEXT NOT NULL,
        draft_version INTEGER NOT NULL,
        draft_json TEXT NOT NULL,
        frames_done INTEGER NOT NULL,
        total_frames INTEGER NOT NULL,
        fps REAL NOT NULL,
        cost_credits INTEGER NOT NULL,
        created_at_ms INTEGER NOT NULL,
        updated_at_ms INTEGER NOT NULL,
        error TEXT,
        r2_key TEXT NOT NULL,
        size_bytes INTEGER,
        settlement TEXT,
        batch_item_id TEXT,
        upload_id TEXT
      );
    `);
    // Jobs created before batches, or before uploads had ids, have the table without them
    // (and may keep an unused upload_started_at_ms column).
    addColumnIfMissing(ctx.storage.sql, 'job', 'batch_item_id', 'TEXT');
    addColumnIfMissing(ctx.storage.sql, 'job', 'upload_id', 'TEXT');
    addColumnIfMissing(ctx.storage.sql, 'job', 'spent_credits', 'INTEGER');
    this.#webhook = new RenderWebhook(ctx.storage.sql);
  }

  /**
   * Keeps the render API's webhook of this job (render-webhook.ts): `url` receives one signed
   * POST when the job is completed or failed, signed with `secret` (the API key's webhook
   * secret), naming the job by `renderUrl`. Refused with 404 when `visitorId` does not own it.
   */
  attachWebhook(
    visitorId: string,
    webhook: { url: string; secret: string; renderUrl: string },
  ): DurableResult<void> {
    if (this.#ownedBy(visitorId) === null) return notFound('render');
    this.#webhook.attach(webhook.url, webhook.secret, webhook.renderUrl);
    return accepted(undefined);
  }

  /** The record of the job's webhook deliveries (null without one), for its owner. */
  webhookDelivery(visitorId: string): DurableResult<WebhookDelivery | null> {
    return this.#ownedBy(visitorId) === null
      ? notFound('render')
      : accepted(this.#webhook.delivery());
  }

  /** Creates the job in status `queued` (idempotent for the same id) and lists it in the owner's account. */
  async create(args: CreateRenderArgs): Promise<RenderJobInfo> {
    const a = createArgsSchema.parse(args);
    const totalFrames = Math.ceil((a.draft.durationMs / 1_000) * a.draft.canvas.fps);
    this.ctx.storage.sql.exec(
      `INSERT OR IGNORE INTO job (id, render_id, session_id, owner, title, status, renderer, draft_version, draft_json,
         frames_done, total_frames, fps, cost_credits, created_at_ms, updated_at_ms, error,
         r2_key, size_bytes, settlement, batch_item_id, upload_id)
       VALUES (1, ?, ?, ?, ?, 'queued', ?, ?, ?, 0, ?, 0, ?, ?, ?, NULL, ?, NULL, NULL, ?, NULL)`,
      a.renderId,
      a.sessionId,
      a.owner,
      a.title,
      a.renderer,
      a.draftVersion,
      JSON.stringify(a.draft),
      totalFrames,
      a.costCredits,
      a.atMs,
      a.atMs,
      renderObjectKey(a.renderId),
      a.batchItemId,
    );
    const job = this.#job();
    if (job === null) throw new Error('render job row missing right after insert');
    // A remote render (nemo engine) is driven by alarms from now on, tab or no tab.
    if (job.renderer === 'remote' && job.status === 'queued')
      void this.ctx.storage.setAlarm(Date.now());
    await this.#pushSummary();
    return toInfo(job);
  }

  /** The job as the browser sees it, if `by` owns it or holds a valid lease of it. */
  info(by: JobCaller): DurableResult<RenderJobInfo> {
    const job = this.#access(by, null);
    return job.ok ? accepted(toInfo(job.value)) : job;
  }

  /** The job as the visitor's library lists it (no draft, with its title), if `visitorId` owns it. */
  summary(visitorId: string): DurableResult<RenderSummary> {
    const job = this.#ownedBy(visitorId);
    return job === null ? notFound('render') : accepted(toSummary(job));
  }

  /**
   * Records progress from the browser renderer and moves the job to `rendering`.
   * A finished job (completed/failed) or one being uploaded is left as it is and returned,
   * so a late progress post cannot undo the outcome.
   */
  progress(visitorId: string, body: RenderProgressBody): DurableResult<RenderJobInfo> {
    const job = this.#ownedBy(visitorId);
    if (job === null) return notFound('render');
    const p = renderProgressBodySchema.parse(body);
    if (TERMINAL.has(job.status) || job.status === 'uploading') return accepted(toInfo(job));
    this.ctx.storage.sql.exec(
      `UPDATE job SET status = 'rendering', frames_done = ?, total_frames = ?, fps = ?, updated_at_ms = ? WHERE id = 1`,
      Math.min(p.framesDone, p.totalFrames),
      p.totalFrames,
      p.fps,
      Date.now(),
    );
    this.#armHeartbeat(job);
    void this.#pushSummary();
    return accepted(toInfo(this.#require()));
  }

  /** Where a resumable browser render stands: chunks recorded, the version, the audio. */
  chunkState(by: JobCaller): DurableResult<RenderChunkState> {
    const job = this.#access(by, null);
    return job.ok ? accepted(this.#chunks.state(planOf(job.value))) : job;
  }

  /**
   * Records a chunk stored in R2 by check-and-set on the chunk version (render-chunk-ledger.ts)
   * and marks the job `rendering` (a page is at work). Idempotent for the same bytes. Under a
   * lease of chunk `upload.index` (then `expectedVersion` is null) any order is accepted and the
   * unit's lease ends; refused with 409 `lease_lost` when that lease is not valid.
   */
  recordChunk(
    by: JobCaller,
    upload: ChunkUpload,
  ): DurableResult<{ state: RenderChunkState; recorded: boolean }> {
    const access = this.#access(by, { kind: 'chunk', index: upload.index });
    if (!access.ok) return access;
    const job = access.value;
    if (TERMINAL.has(job.status)) return finished(job.status);
    if (typeof by === 'string' && upload.expectedVersion === null)
      throw new Error('only a leased chunk may be recorded out of order');
    const result = this.#chunks.record(planOf(job), upload, Date.now());
    if (result.ok && typeof by !== 'string') this.#leases.release(by.leaseId);
    if (result.ok && job.status !== 'uploading') {
      this.ctx.storage.sql.exec(
        `UPDATE job SET status = 'rendering', frames_done = MAX(frames_done, ?), updated_at_ms = ? WHERE id = 1`,
        renderedFrames(result.value.state),
        Date.now(),
      );
      this.#armHeartbeat(job);
      void this.#pushSummary();
    }
    return result;
  }

  /** Records the render's encoded audio (the first stored wins; see render-chunk-ledger.ts). */
  recordAudio(
    by: JobCaller,
    upload: AudioUpload,
  ): DurableResult<{ state: RenderChunkState; recorded: boolean }> {
    const access = this.#access(by, { kind: 'audio' });
    if (!access.ok) return access;
    const job = access.value;
    if (TERMINAL.has(job.status)) return finished(job.status);
    if (typeof by !== 'string') this.#leases.release(by.leaseId);
    return accepted(this.#chunks.recordAudio(planOf(job), upload));
  }

  /** The R2 key of recorded chunk `index` (or of the audio when `index` is `'audio'`); 404 `not_found` when not stored. */
  chunkObject(by: JobCaller, index: number | 'audio'): DurableResult<{ r2Key: string }> {
    const job = this.#access(by, { kind: 'join' });
    if (!job.ok) return job;
    const key = index === 'audio' ? this.#chunks.audioKey() : this.#chunks.chunkKey(index);
    return key === null
      ? refused(
          404,
          'not_found',
          `This render has no stored ${index === 'audio' ? 'audio' : `chunk ${index}`}.`,
        )
      : accepted({ r2Key: key });
  }

  /** Keys of every stored chunk and the audio (to delete once the MP4 is stored). */
  chunkObjectKeys(by: JobCaller): string[] {
    return this.#access(by, { kind: 'join' }).ok ? this.#chunks.objectKeys() : [];
  }

  /**
   * Moves the job to `uploading` with a new upload id and says where the MP4 goes. An upload
   * still in progress is taken over only once it was quiet for {@link UPLOAD_QUIET_TIMEOUT_MS}.
   * Refused with 409 `render_finished` (already completed or failed) or `upload_in_progress`.
   */
  beginUpload(by: JobCaller): DurableResult<UploadTarget> {
    const access = this.#access(by, { kind: 'join' });
    if (!access.ok) return access;
    const job = access.value;
    if (TERMINAL.has(job.status)) return finished(job.status);
    const now = Date.now();
    if (job.status === 'uploading' && now - job.updated_at_ms < UPLOAD_QUIET_TIMEOUT_MS)
      return uploadInProgress();
    const uploadId = crypto.randomUUID();
    this.ctx.storage.sql.exec(
      `UPDATE job SET status = 'uploading', upload_id = ?, updated_at_ms = ? WHERE id = 1`,
      uploadId,
      now,
    );
    this.#armHeartbeat(job);
    void this.#pushSummary();
    return accepted({ r2Key: job.r2_key, uploadId });
  }

  /**
   * Upload `uploadId` is alive (bytes arrived): its job stays `uploading` for another
   * {@link UPLOAD_QUIET_TIMEOUT_MS}. One the alarm marked `interrupted` that no other upload
   * took over carries on. Refused with 409 `render_finished`, or `upload_in_progress` when
   * another upload took over (the caller then stops, so it never overwrites that one's file).
   */
  uploadProgress(by: JobCaller, uploadId: string): DurableResult<void> {
    const access = this.#access(by, { kind: 'join' });
    if (!access.ok) return access;
    const job = access.value;
    if (TERMINAL.has(job.status)) return finished(job.status);
    if (job.upload_id !== uploadId || (job.status !== 'uploading' && job.status !== 'interrupted'))
      return uploadInProgress();
    this.ctx.storage.sql.exec(
      `UPDATE job SET status = 'uploading', updated_at_ms = ? WHERE id = 1`,
      Date.now(),
    );
    this.#armHeartbeat(job);
    void this.#pushSummary();
    return accepted(undefined);
  }

  /**
   * An upload did not arrive whole: back to `rendering` so the browser can upload again.
   * Nothing happens when `uploadId` is no longer the job's upload (another took over);
   * without it, the current upload is meant (a remote render's copy, the object's only upload).
   */
  abortUpload(by: JobCaller, uploadId?: string): void {
    const access = this.#access(by, { kind: 'join' });
    const job = access.ok ? access.value : null;
    if (
      job === null ||
      job.upload_id === null ||
      (uploadId !== undefined && job.upload_id !== uploadId)
    )
      return;
    this.ctx.storage.sql.exec(
      `UPDATE job SET status = CASE status WHEN 'uploading' THEN 'rendering' ELSE status END, upload_id = NULL, updated_at_ms = ? WHERE id = 1`,
      Date.now(),
    );
    void this.#pushSummary();
  }

  /**
   * The MP4 (`sizeBytes` long) is stored: `completed`, and the frozen credits are spent.
   * Refused with 409 `upload_in_progress` when `uploadId` (if given) is no longer the job's upload.
   */
  async finishUpload(
    by: JobCaller,
    sizeBytes: number,
    uploadId?: string,
  ): Promise<DurableResult<RenderJobInfo>> {
    const access = this.#access(by, { kind: 'join' });
    if (!access.ok) return access;
    const job = access.value;
    const size = z.number().int().positive().parse(sizeBytes);
    if (job.status !== 'uploading')
      return TERMINAL.has(job.status)
        ? finished(job.status)
        : refused(409, 'upload_not_started', 'No upload of this render is in progress.');
    if (uploadId !== undefined && job.upload_id !== uploadId) return uploadInProgress();
    this.ctx.storage.sql.exec(
      `UPDATE job SET status = 'completed', size_bytes = ?, frames_done = total_frames, error = NULL,
         upload_id = NULL, settlement = 'commit', updated_at_ms = ? WHERE id = 1`,
      size,
      Date.now(),
    );
    if (typeof by !== 'string') this.#leases.release(by.leaseId);
    await this.#settle();
    await this.#pushSummary();
    await this.#scheduleWebhook();
    return accepted(toInfo(this.#require()));
  }

  /**
   * Leases the next unit of work to render worker `workerId` (render-queue.ts asks): the audio
   * mix while it is not stored, then each chunk not recorded, in order, and once every chunk and
   * the audio are stored, the join; each unit to one valid lease at a time (a draft showing the
   * visitor's uploads is not for workers: `done`). A granted lease makes
   * the job `rendering` (or keeps it `uploading`) and counts as a sign of life.
   */
  lease(workerId: string): LeaseOffer {
    const job = this.#job();
    if (job === null || job.renderer !== 'browser' || TERMINAL.has(job.status))
      return { kind: 'done' };
    const draft: Draft = parseJsonColumn(job.draft_json, draftSchema, 'render draft');
    // Workers cannot read the visitor's uploads: such a render is left to its tab.
    if (draftMediaIds(draft).length > 0) return { kind: 'done' };
    const nowMs = Date.now();
    const plan = planOf(job);
    const state = this.#chunks.state(plan);
    const held = this.#leases.heldUnits(nowMs);
    const recorded = new Set(state.chunks.map((c) => c.index));
    const todo: LeaseUnit[] = [];
    if (state.audio === null) todo.push({ kind: 'audio' });
    for (let index = 0; index < plan.chunkCount; index++)
      if (!recorded.has(index)) todo.push({ kind: 'chunk', index });
    const uploadAlive =
      job.status === 'uploading' && nowMs - job.updated_at_ms < UPLOAD_QUIET_TIMEOUT_MS;
    if (todo.length === 0 && !uploadAlive) todo.push({ kind: 'join' });
    const unit = todo.find((u) => !held.has(unitKey(u)));
    if (unit === undefined) return { kind: 'busy' };
    const lease = this.#leases.grant(unit, workerId, nowMs);
    this.ctx.storage.sql.exec(
      `UPDATE job SET status = CASE status WHEN 'uploading' THEN 'uploading' ELSE 'rendering' END, updated_at_ms = ? WHERE id = 1`,
      nowMs,
    );
    this.#armHeartbeat(job);
    void this.#pushSummary();
    return {
      kind: 'granted',
      lease: {
        renderId: job.render_id,
        leaseId: lease.leaseId,
        unit,
        expiresAtMs: lease.expiresAtMs,
        draft,
        plan,
      },
    };
  }

  /**
   * Renews lease `leaseId` (a worker's heartbeat) for LEASE_TTL_MS, which also keeps the job
   * alive. Refused with 409 `lease_lost` when it expired, was released or is not this job's.
   */
  renewLease(leaseId: string): DurableResult<{ expiresAtMs: number }> {
    const job = this.#job();
    const lease = job === null ? null : this.#leases.renew(leaseId, Date.now());
    if (job === null || lease === null) return leaseLost();
    if (!TERMINAL.has(job.status)) {
      this.ctx.storage.sql.exec('UPDATE job SET updated_at_ms = ? WHERE id = 1', Date.now());
      this.#armHeartbeat(job);
    }
    return accepted({ expiresAtMs: lease.expiresAtMs });
  }

  /** Gives lease `leaseId` back (its worker stops): another worker may take the unit at once. */
  releaseLease(leaseId: string): void {
    this.#leases.release(leaseId);
  }

  /**
   * The renderer gave up or the visitor stopped it: `failed` with `message`; the frozen credits
   * pay for what was rendered and the rest is refunded (see {@link RenderJob.#endUnfinished}).
   * Refused with 409 `render_finished` when already completed; a second fail is a no-op.
   */
  async fail(visitorId: string, message: string): Promise<DurableResult<RenderJobInfo>> {
    const job = this.#ownedBy(visitorId);
    if (job === null) return notFound('render');
    const { message: reason } = renderFailBodySchema.parse({ message });
    if (job.status === 'completed') return finished(job.status);
    if (job.status === 'failed') return accepted(toInfo(job));
    await this.#endUnfinished(job, reason);
    return accepted(toInfo(this.#require()));
  }

  /**
   * The job if it is `visitorId`'s browser render of draft version `draftVersion` (and batch
   * item `batchItemId`) that stopped when its page closed or lost the edge (`interrupted`):
   * exporting that version again resumes it at its next chunk instead of charging a new export.
   */
  resumableFor(
    visitorId: string,
    draftVersion: number,
    batchItemId: string | null,
  ): RenderJobInfo | null {
    const job = this.#ownedBy(visitorId);
    const matches =
      job !== null &&
      job.renderer === 'browser' &&
      job.status === 'interrupted' &&
      job.draft_version === draftVersion &&
      job.batch_item_id === batchItemId;
    return matches ? toInfo(job) : null;
  }

  /** Where the finished MP4 is, if `visitorId` owns the job; refused with 409 `render_not_ready` before completion. */
  download(visitorId: string): DurableResult<DownloadTarget> {
    const job = this.#ownedBy(visitorId);
    return job === null ? notFound('render') : downloadTarget(job);
  }

  /**
   * Where the finished MP4 is, for whoever holds a download link: call only after the edge
   * checked the link's signature for this render id (signing/download-link.ts). Refused like
   * {@link download}.
   */
  downloadByLink(): DurableResult<DownloadTarget> {
    const job = this.#job();
    return job === null ? notFound('render') : downloadTarget(job);
  }

  /**
   * Retries a credit settlement that could not reach the visitor's account, and takes the next
   * step of a remote render (functions/engine/nemo/nemo-remote-render.ts), which sets the next alarm.
   */
  override async alarm(): Promise<void> {
    await this.#settle();
    await this.#checkHeartbeat();
    await this.#sweepChunks();
    await this.#deliverWebhook();
    const job = this.#job();
    if (job !== null && job.renderer === 'remote' && !TERMINAL.has(job.status)) {
      const { owner } = job;
      await advanceRemoteRender({
        vars: { ...this.env },
        bucket: this.env.MEDIA,
        storage: this.ctx.storage,
        job: this,
        owner,
        identity: visitorIdentityStore(this.env, owner),
        upstreamSessionId: async (sessionId) => {
          const known = await sessionRoom(this.env, sessionId).upstreamSessionId(owner);
          return known.ok ? known.value : null;
        },
      });
    }
  }

  /**
   * Ends a job that has no MP4: `failed` with `reason`, charged what was rendered — all of it
   * once the MP4 was being uploaded, else the recorded chunks' frames — the rest refunded.
   */
  async #endUnfinished(job: JobRow, reason: string): Promise<void> {
    const framesRendered =
      job.status === 'uploading'
        ? job.total_frames
        : renderedFrames(this.#chunks.state(planOf(job)));
    const spent = renderedCostCredits({
      frozenCredits: job.cost_credits,
      framesRendered,
      fps: planOf(job).fps,
    });
    this.ctx.storage.sql.exec(
      `UPDATE job SET status = 'failed', error = ?, upload_id = NULL, settlement = 'refund', spent_credits = ?, updated_at_ms = ? WHERE id = 1`,
      reason,
      spent,
      Date.now(),
    );
    await this.#settle();
    await this.#pushSummary();
    await this.#scheduleWebhook();
    await this.#sweepChunks();
  }

  /** Commits or settles the frozen credits if a settlement is pending; on failure, retries by alarm. */
  async #settle(): Promise<void> {
    const job = this.#job();
    if (job === null || job.settlement === null) return;
    try {
      const account = visitorAccount(this.env, job.owner);
      if (job.settlement === 'commit') await account.commit(job.render_id);
      else await account.refund(job.render_id, job.spent_credits ?? 0);
      this.ctx.storage.sql.exec('UPDATE job SET settlement = NULL WHERE id = 1');
    } catch (error) {
      console.error('credit settlement failed; retrying by alarm', error);
      await this.ctx.storage.setAlarm(Date.now() + SETTLE_RETRY_MS);
    }
  }

  /**
   * Pushes the job's list entry, as it is when the push runs, to the owner's `VisitorAccount`
   * (library-summaries.ts), after the pushes before it: at once when the status changed, else
   * at most every {@link RENDER_SUMMARY_PUSH_INTERVAL_MS}. A failed push is logged; the next change pushes again.
   */
  #pushSummary(): Promise<void> {
    const job = this.#job();
    const nowMs = Date.now();
    const last = this.#lastPush;
    if (
      job === null ||
      (last !== null &&
        last.status === job.status &&
        nowMs - last.atMs < RENDER_SUMMARY_PUSH_INTERVAL_MS)
    )
      return this.#summaryPush;
    this.#lastPush = { status: job.status, atMs: nowMs };
    this.#summaryPush = this.#summaryPush
      .then(async () => {
        const current = this.#require();
        await visitorAccount(this.env, current.owner).saveRenderSummary(toSummary(current));
      })
      .catch((error: unknown) =>
        console.error('pushing the render summary to the visitor account failed', error),
      );
    this.ctx.waitUntil(this.#summaryPush);
    return this.#summaryPush;
  }

  /** A finished job's webhook is due now: its alarm delivers it (render-webhook.ts). */
  async #scheduleWebhook(): Promise<void> {
    const dueAtMs = this.#webhook.schedule(Date.now());
    if (dueAtMs !== null) await this.#armAt(dueAtMs);
  }

  /** Makes the webhook attempt that is due, if any, and keeps an alarm for the next one. */
  async #deliverWebhook(): Promise<void> {
    const job = this.#job();
    if (job === null || (job.status !== 'completed' && job.status !== 'failed')) return;
    const nextAtMs = await this.#webhook.deliverDue(
      {
        id: job.render_id,
        status: job.status,
        error: job.error,
        sizeBytes: job.size_bytes,
        durationMs: parseJsonColumn(job.draft_json, draftSchema, 'render draft').durationMs,
        finishedAtMs: job.updated_at_ms,
      },
      Date.now(),
    );
    if (nextAtMs !== null) await this.#armAt(nextAtMs);
  }

  /** Sets the alarm to `atMs` unless one is due earlier. */
  async #armAt(atMs: number): Promise<void> {
    const at = await this.ctx.storage.getAlarm();
    if (at === null || at > atMs) await this.ctx.storage.setAlarm(atMs);
  }

  /** Makes sure an alarm will check this browser render's heartbeat (at-least-once; see {@link HEARTBEAT_TIMEOUT_MS}). */
  #armHeartbeat(job: JobRow): void {
    if (job.renderer !== 'browser') return;
    void this.ctx.storage.getAlarm().then((at) => {
      // None set, or only a later one (an interrupted job's expiry, before it was resumed).
      const due = Date.now() + HEARTBEAT_TIMEOUT_MS;
      if (at === null || at > due) return this.ctx.storage.setAlarm(due);
      return undefined;
    });
  }

  /**
   * A browser render with no heartbeat for {@link HEARTBEAT_TIMEOUT_MS} (while `uploading`, no
   * upload progress for {@link UPLOAD_QUIET_TIMEOUT_MS}) becomes `interrupted` (its chunks stay:
   * a reopened page resumes after the last one, or joins them and uploads again); one still
   * beating is checked again later. One `interrupted` for {@link INTERRUPTED_EXPIRY_MS} fails
   * and settles its credits. Idempotent, so a repeated alarm does no harm.
   */
  async #checkHeartbeat(): Promise<void> {
    const job = this.#job();
    if (job !== null && job.renderer === 'browser' && job.status === 'interrupted')
      return this.#checkExpiry(job);
    if (job === null || job.renderer !== 'browser' || !WATCHED.has(job.status)) return;
    const timeoutMs = job.status === 'uploading' ? UPLOAD_QUIET_TIMEOUT_MS : HEARTBEAT_TIMEOUT_MS;
    const quietMs = Date.now() - job.updated_at_ms;
    if (quietMs >= timeoutMs) {
      this.ctx.storage.sql.exec(
        `UPDATE job SET status = 'interrupted' WHERE id = 1 AND status = ?`,
        job.status,
      );
      await this.ctx.storage.setAlarm(job.updated_at_ms + INTERRUPTED_EXPIRY_MS);
      await this.#pushSummary();
      await this.#offerToFleet(job.render_id);
    } else {
      const at = await this.ctx.storage.getAlarm();
      if (at === null || at > Date.now() + timeoutMs)
        await this.ctx.storage.setAlarm(job.updated_at_ms + timeoutMs);
    }
  }

  /** Fails an `interrupted` job quiet for {@link INTERRUPTED_EXPIRY_MS}; else checks again then. */
  async #checkExpiry(job: JobRow): Promise<void> {
    const expiresAt = job.updated_at_ms + INTERRUPTED_EXPIRY_MS;
    if (Date.now() >= expiresAt) {
      await this.#endUnfinished(job, 'This export stopped and was not resumed within a day.');
      return;
    }
    const at = await this.ctx.storage.getAlarm();
    if (at === null || at > expiresAt) await this.ctx.storage.setAlarm(expiresAt);
  }

  /**
   * Deletes the stored chunks of a failed browser render once {@link FAILED_CHUNKS_GRACE_MS}
   * has passed since it failed (an interrupted one fails after {@link INTERRUPTED_EXPIRY_MS}),
   * forgetting them first; before that, makes sure an alarm comes back when it has.
   */
  async #sweepChunks(): Promise<void> {
    const job = this.#job();
    if (job === null || job.renderer !== 'browser' || job.status !== 'failed') return;
    if (this.#chunks.objectKeys().length === 0) return;
    const dueAtMs = job.updated_at_ms + FAILED_CHUNKS_GRACE_MS;
    if (Date.now() < dueAtMs) {
      const at = await this.ctx.storage.getAlarm();
      if (at === null || at > dueAtMs) await this.ctx.storage.setAlarm(dueAtMs);
      return;
    }
    // Deleted first, forgotten after: a failed delete leaves the keys for the next alarm.
    await this.env.MEDIA.delete(this.#chunks.objectKeys());
    this.#chunks.clear();
  }

  /**
   * Offers an abandoned render to the render workers (render-queue.ts): queued when any are
   * connected; otherwise it waits for its page as before. A failed offer is logged, never thrown.
   */
  async #offerToFleet(renderId: string): Promise<void> {
    try {
      await renderQueue(this.env).offerAbandoned(renderId);
    } catch (error) {
      console.error('offering an abandoned render to the render workers failed', error);
    }
  }

  /**
   * The job if `by` may act on it: its owner (else null → 404 `not_found`), or the holder of a
   * valid lease on `unit` of this job (any unit when `unit` is null; else 409 `lease_lost`).
   */
  #access(by: JobCaller, unit: LeaseUnit | null): DurableResult<JobRow> {
    if (typeof by === 'string') {
      const owned = this.#ownedBy(by);
      return owned === null ? notFound('render') : accepted(owned);
    }
    const job = this.#job();
    const lease = job === null ? null : this.#leases.valid(by.leaseId, Date.now());
    if (job === null || lease === null || (unit !== null && lease.unit !== unitKey(unit)))
      return leaseLost();
    return accepted(job);
  }

  #job(): JobRow | null {
    return readOptionalRow(
      this.ctx.storage.sql.exec('SELECT * FROM job WHERE id = 1'),
      jobRowSchema,
      'render job',
    );
  }

  #require(): JobRow {
    const job = this.#job();
    if (job === null) throw new Error('render job row missing');
    return job;
  }

  #ownedBy(visitorId: string): JobRow | null {
    if (!idSchema.safeParse(visitorId).success) return null;
    const job = this.#job();
    return job !== null && job.owner === visitorId ? job : null;
  }
}

/** The chunk layout of the job's draft (shared/render-chunk-plan.ts). */
function planOf(job: JobRow): ChunkPlan {
  const draft: Draft = parseJsonColumn(job.draft_json, draftSchema, 'render draft');
  return planChunks({ durationMs: draft.durationMs, fps: draft.canvas.fps });
}

/** Frames of the chunks recorded so far (in any order, when render workers made them). */
function renderedFrames(state: RenderChunkState): number {
  return Math.min(
    state.totalFrames,
    state.chunks.reduce((frames, chunk) => frames + chunk.frames, 0),
  );
}

function finished(status: RenderStatus): DurableResult<never> {
  return refused(
    409,
    'render_finished',
    `This render is already ${status}; start a new export to render again.`,
  );
}

function uploadInProgress(): DurableResult<never> {
  return refused(
    409,
    'upload_in_progress',
    'This render is already being uploaded; wait for that upload to finish.',
  );
}

/** The stored MP4 of a completed job; 409 `render_not_ready` before completion. */
function downloadTarget(job: JobRow): DurableResult<DownloadTarget> {
  if (job.status !== 'completed' || job.size_bytes === null) {
    return refused(
      409,
      'render_not_ready',
      `This render is ${job.status}, not completed: there is no file to download yet.`,
    );
  }
  return accepted({ r2Key: job.r2_key, sizeBytes: job.size_bytes, title: job.title });
}

/** Builds the library's view of a job row: everything but the draft, plus the title. */
function toSummary(job: JobRow): RenderSummary {
  const progress =
    job.status === 'completed'
      ? 1
      : job.total_frames > 0
        ? Math.min(1, job.frames_done / job.total_frames)
        : 0;
  return {
    id: job.render_id,
    sessionId: job.session_id,
    title: job.title,
    status: job.status,
    renderer: job.renderer,
    draftVersion: job.draft_version,
    batchItemId: job.batch_item_id,
    progress,
    framesDone: job.frames_done,
    totalFrames: job.total_frames,
    fps: job.fps,
    costCredits: job.cost_credits,
    createdAtMs: job.created_at_ms,
    updatedAtMs: job.updated_at_ms,
    error: job.error,
    // The bare path: the edge answers a signed link in its place (signing/download-link.ts).
    downloadUrl: job.status === 'completed' ? `/api/renders/${job.render_id}/file` : null,
    sizeBytes: job.size_bytes,
  };
}

/** Builds the public view of a job row. */
function toInfo(job: JobRow): RenderJobInfo {
  const { title: _title, ...summary } = toSummary(job);
  const draft: Draft = parseJsonColumn(job.draft_json, draftSchema, 'render draft');
  return { ...summary, draft };
}
