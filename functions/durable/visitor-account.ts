/**
 * @module visitor-account
 * `VisitorAccount`: one Durable Object per anonymous visitor (named by the visitor id from the
 * `rw_visitor` cookie). It lists the visitor's sessions and renders (from the summaries their
 * rooms and jobs push here, library-summaries.ts) and keeps their credits:
 * `available` can be spent, `frozen` is held by exports in progress, `total = available + frozen`.
 * An export freezes its cost when it starts, commits it when the MP4 is stored, and when the
 * render ends without one (failed, cancelled, expired) spends what was rendered and refunds the
 * rest. Each render settles once: a second commit or refund is a no-op.
 * It also enforces the visitor's limits (quota/quota-config.ts): sessions, uploads held
 * (upload-quota.ts; its alarm removes abandoned uploads) and exports per hour (export-rate.ts).
 * It also keeps the generation of the visitor's widget tokens: only tokens of the current one
 * are accepted, and "Forget me on this site" moves it on. And it keeps the visitor's brand kit
 * (colours, font, logo; shared/brand-kit-schema.ts), and their API keys (api-key-store.ts: hashes only).
 */
import { DurableObject } from 'cloudflare:workers';
import { z } from 'zod';
import type { Env } from '../env';
import { renderSummarySchema, sessionInfoSchema } from '../../shared/api-schema';
import type { Credits, RenderSummary, SessionInfo } from '../../shared/api-schema';
import { accepted, refused } from './durable-result';
import type { DurableResult } from './durable-result';
import { readOptionalRow, readRows } from './sql-rows';
import { addColumnIfMissing } from './add-column-if-missing';
import { LibrarySummaries, libraryJoin } from './library-summaries';
import { renderJob, sessionRoom } from './durable-stubs';
import { SECONDS_PER_CREDIT, STARTING_CREDITS } from '../pricing/export-cost';
import { upstreamIdentitySchema } from '../engine/nemo/nemo-token';
import { UploadQuota } from './upload-quota';
import type { ReserveUploadArgs } from './upload-quota';
import { exportRateRefusal, exportLimitsSchema } from './export-rate';
import { ABANDONED_UPLOAD_GRACE_MS, sweepAbandonedUpload } from '../media/abandoned-upload';
import type { UpstreamIdentity } from '../engine/nemo/nemo-token';
import { EMPTY_BRAND_KIT, brandKitSchema } from '../../shared/brand-kit-schema';
import type { BrandKit } from '../../shared/brand-kit-schema';
import { ApiKeyStore } from './api-key-store';
import type { NewApiKey } from './api-key-store';
import type { ApiKeyInfo } from '../../shared/render-api-schema';

/** Storage key of the visitor's identity at the remote API (nemo engine). */
const UPSTREAM_IDENTITY_KEY = 'upstream-identity';
/** Storage key of the visitor's brand kit (shared/brand-kit-schema.ts). */
const BRAND_KIT_KEY = 'brand-kit';
/** Storage key of the widget-token generation (functions/middleware/widget-token.ts); 0 when unset. */
const WIDGET_TOKEN_GENERATION_KEY = 'widget-token-generation';

/** Most sessions `GET /api/sessions` lists (newest first); keeps that answer small and fast. */
export const MAX_LISTED_SESSIONS = 100;
/** Most renders `GET /api/renders` lists (newest first): the same bound as sessions. */
export const MAX_LISTED_RENDERS = 100;

const idSchema = z.uuid();
const freezeArgsSchema = z.object({
  renderId: idSchema,
  sessionId: idSchema,
  /** 0 for remote exports: the remote API charges its own credits. */
  amount: z.number().int().nonnegative(),
  atMs: z.number().int().nonnegative(),
  /** The draft version (or batch version) exported, and the batch item: finds it again to resume. */
  draftVersion: z.number().int().positive(),
  batchItemId: z.string().min(1).max(200).nullable(),
  /** Export rate limits (export-rate.ts); absent: none. */
  limits: exportLimitsSchema.optional(),
});
/** Arguments of {@link VisitorAccount.freeze}. */
export type FreezeArgs = z.infer<typeof freezeArgsSchema>;

const countRowSchema = z.object({ count: z.number().int() });
const accountRowSchema = z.object({ available: z.number().int(), frozen: z.number().int() });
/** Wait before sweeping an upload again after a storage fault, ms (a transient R2 error). */
const UPLOAD_SWEEP_RETRY_MS = 60_000;

const renderIdRowSchema = z.object({ render_id: z.string() });
const renderRowSchema = z.object({
  cost: z.number().int(),
  state: z.enum(['frozen', 'committed', 'refunded']),
});

/** One visitor: their session and render ids, the library's summaries of them, and their credits. */
export class VisitorAccount extends DurableObject<Env> {
  /** The list entries of the visitor's sessions and renders (library-summaries.ts). */
  readonly #library: LibrarySummaries;
  /** The uploads the visitor holds (upload-quota.ts). */
  readonly #uploads: UploadQuota;
  /** The visitor's API keys (api-key-store.ts). */
  readonly #apiKeys: ApiKeyStore;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#uploads = new UploadQuota(ctx.storage);
    ctx.storage.sql.exec(`
      CREATE TABLE IF NOT EXISTS account (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        available INTEGER NOT NULL,
        frozen INTEGER NOT NULL
      );
      CREATE TABLE IF NOT EXISTS sessions (
        session_id TEXT PRIMARY KEY,
        created_at_ms INTEGER NOT NULL
      );
      CREATE TABLE IF NOT EXISTS renders (
        render_id TEXT PRIMARY KEY,
        session_id TEXT NOT NULL,
        cost INTEGER NOT NULL,
        state TEXT NOT NULL,
        created_at_ms INTEGER NOT NULL
      );
      INSERT OR IGNORE INTO account (id, available, frozen) VALUES (1, ${STARTING_CREDITS}, 0);
    `);
    // Renders frozen before exports could be resumed have neither (they are never resumed by Export).
    addColumnIfMissing(ctx.storage.sql, 'renders', 'draft_version', 'INTEGER');
    addColumnIfMissing(ctx.storage.sql, 'renders', 'batch_item_id', 'TEXT');
    this.#library = new LibrarySummaries(ctx.storage);
    this.#apiKeys = new ApiKeyStore(ctx.storage);
  }

  /** Stores a new API key (its hash); 403 `api_key_limit` when the visitor holds the most. */
  addApiKey(key: NewApiKey): DurableResult<ApiKeyInfo> {
    return this.#apiKeys.add(key);
  }

  /** The visitor's API keys, newest first (never the keys themselves). */
  listApiKeys(): ApiKeyInfo[] {
    return this.#apiKeys.list();
  }

  /** Revokes API key `keyId`; whether the visitor had it. */
  revokeApiKey(keyId: string): boolean {
    return this.#apiKeys.revoke(idSchema.parse(keyId));
  }

  /** The id of the visitor's key with SHA-256 `keyHash` (marked used now), or null. */
  useApiKey(keyHash: string): string | null {
    return this.#apiKeys.use(
      z
        .string()
        .regex(/^[0-9a-f]{64}$/)
        .parse(keyHash),
      Date.now(),
    );
  }

  /**
   * Records a new session of this visitor, unless they already have `maxSessions`: then 403
   * `session_limit` (sessions are kept, so this limit does not pass with time).
   */
  addSession(sessionId: string, atMs: number, maxSessions: number): DurableResult<void> {
    const id = idSchema.parse(sessionId);
    const at = z.number().int().nonnegative().parse(atMs);
    const max = z.number().int().positive().parse(maxSessions);
    const count =
      readOptionalRow(
        this.ctx.storage.sql.exec('SELECT COUNT(*) AS count FROM sessions'),
        countRowSchema,
        'session count',
      )?.count ?? 0;
    if (count >= max) {
      return refused(
        403,
        'session_limit',
        `You have ${count} sessions, the most one visitor may create. Continue in one of them (your library lists them).`,
      );
    }
    this.ctx.storage.sql.exec(
      'INSERT OR IGNORE INTO sessions (session_id, created_at_ms) VALUES (?, ?)',
      id,
      at,
    );
    return accepted(undefined);
  }

  /**
   * Counts a new upload against the visitor's limits (403 `upload_quota_exceeded` when over),
   * and makes sure the alarm will look for it being abandoned.
   */
  async reserveUpload(args: ReserveUploadArgs): Promise<DurableResult<void>> {
    const result = this.#uploads.reserve(args);
    if (result.ok) await this.#armUploadSweep(args.atMs + ABANDONED_UPLOAD_GRACE_MS);
    return result;
  }

  /** Uncounts an upload that was deleted. */
  releaseUpload(mediaId: string): void {
    this.#uploads.release(mediaId);
  }

  /**
   * Removes the visitor's abandoned uploads (no part for `ABANDONED_UPLOAD_GRACE_MS`) and
   * releases their quota; runs again when the next unfinished one would become abandoned.
   */
  override async alarm(): Promise<void> {
    let nextAtMs: number | null = null;
    for (const upload of this.#uploads.watched()) {
      const check = await sweepAbandonedUpload(
        this.env.MEDIA,
        upload.session_id,
        upload.media_id,
        Date.now(),
      ).catch((error: unknown) => {
        // One storage fault must not stop the sweep of the others: this one is looked at again later.
        console.error(`sweeping upload ${upload.media_id} failed; retrying`, error);
        return { kind: 'active' as const, dueAtMs: Date.now() + UPLOAD_SWEEP_RETRY_MS };
      });
      if (check.kind === 'gone') this.#uploads.release(upload.media_id);
      if (check.kind === 'stored') this.#uploads.stopWatching(upload.media_id);
      if (check.kind === 'active') nextAtMs = Math.min(nextAtMs ?? check.dueAtMs, check.dueAtMs);
    }
    if (nextAtMs !== null) await this.#armUploadSweep(nextAtMs);
  }

  /** Sets the alarm to `atMs` unless one is due earlier. */
  async #armUploadSweep(atMs: number): Promise<void> {
    const current = await this.ctx.storage.getAlarm();
    if (current === null || current > atMs) await this.ctx.storage.setAlarm(atMs);
  }

  /**
   * The visitor's sessions, newest first, at most {@link MAX_LISTED_SESSIONS}, from the
   * summaries their rooms pushed (library-summaries.ts); one never pushed is asked of its room once.
   */
  async listSessions(visitorId: string): Promise<SessionInfo[]> {
    const owner = idSchema.parse(visitorId);
    const cursor = this.ctx.storage.sql.exec(
      `${libraryJoin('session', 'sessions', 'session_id')} ORDER BY t.created_at_ms DESC, t.rowid DESC LIMIT ?`,
      MAX_LISTED_SESSIONS,
    );
    return this.#library.complete('session', cursor, sessionInfoSchema, (id) =>
      sessionRoom(this.env, id).info(owner),
    );
  }

  /**
   * The visitor's renders, newest first, at most {@link MAX_LISTED_RENDERS} (only those of
   * `sessionId` when given), from the summaries their jobs pushed; one never pushed is asked of its job once.
   */
  async listRenders(visitorId: string, sessionId?: string): Promise<RenderSummary[]> {
    const owner = idSchema.parse(visitorId);
    const session = sessionId === undefined ? null : idSchema.parse(sessionId);
    const select = libraryJoin('render', 'renders', 'render_id');
    const cursor =
      session === null
        ? this.ctx.storage.sql.exec(
            `${select} ORDER BY t.created_at_ms DESC, t.rowid DESC LIMIT ?`,
            MAX_LISTED_RENDERS,
          )
        : this.ctx.storage.sql.exec(
            `${select} WHERE t.session_id = ? ORDER BY t.created_at_ms DESC, t.rowid DESC LIMIT ?`,
            session,
            MAX_LISTED_RENDERS,
          );
    return this.#library.complete('render', cursor, renderSummarySchema, (id) =>
      renderJob(this.env, id).summary(owner),
    );
  }

  /** Keeps the newest list entry of one of the visitor's sessions (pushed by its `SessionRoom` when it changes). */
  saveSessionSummary(info: SessionInfo): void {
    const summary = sessionInfoSchema.parse(info);
    this.#library.save('session', idSchema.parse(summary.id), summary);
  }

  /** Keeps the newest list entry of one of the visitor's renders (pushed by its `RenderJob` when it changes). */
  saveRenderSummary(render: RenderSummary): void {
    const summary = renderSummarySchema.parse(render);
    this.#library.save('render', idSchema.parse(summary.id), summary);
  }

  /** The visitor's credits (a new visitor has {@link STARTING_CREDITS}). */
  credits(): Credits {
    const row = readOptionalRow(
      this.ctx.storage.sql.exec('SELECT available, frozen FROM account WHERE id = 1'),
      accountRowSchema,
      'visitor account',
    ) ?? { available: STARTING_CREDITS, frozen: 0 };
    return { available: row.available, frozen: row.frozen, total: row.available + row.frozen };
  }

  /**
   * Holds `amount` credits for the export `renderId` and records the render as the visitor's.
   * Refused with 429 `export_rate_limited` / `remote_export_limit` when `limits` are reached
   * (export-rate.ts), or 402 `out_of_credits` (contractCode 2001) when fewer are available.
   */
  freeze(args: FreezeArgs): DurableResult<Credits> {
    const { renderId, sessionId, amount, atMs, draftVersion, batchItemId, limits } =
      freezeArgsSchema.parse(args);
    const limited =
      limits === undefined ? null : exportRateRefusal(this.ctx.storage.sql, limits, atMs);
    if (limited !== null) return limited;
    const before = this.credits();
    if (before.available < amount) {
      const held =
        before.frozen > 0 ? ` (${before.frozen} more are held by exports in progress)` : '';
      return refused(
        402,
        'out_of_credits',
        `This export needs ${amount} credits (1 per started ${SECONDS_PER_CREDIT} s of video) ` +
          `but only ${before.available} are available${held}.`,
        2001,
      );
    }
    this.ctx.storage.transactionSync(() => {
      this.ctx.storage.sql.exec(
        'INSERT INTO renders (render_id, session_id, cost, state, created_at_ms, draft_version, batch_item_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
        renderId,
        sessionId,
        amount,
        'frozen',
        atMs,
        draftVersion,
        batchItemId,
      );
      this.ctx.storage.sql.exec(
        'UPDATE account SET available = available - ?, frozen = frozen + ? WHERE id = 1',
        amount,
        amount,
      );
    });
    return accepted(this.credits());
  }

  /**
   * The visitor's identity at the remote API (nemo engine): client id and anonymous token.
   * Kept here, at the edge; never sent to the browser.
   */
  async upstreamIdentity(): Promise<UpstreamIdentity | null> {
    const stored = upstreamIdentitySchema.safeParse(
      await this.ctx.storage.get(UPSTREAM_IDENTITY_KEY),
    );
    return stored.success ? stored.data : null;
  }

  /** Stores the visitor's identity at the remote API. */
  async saveUpstreamIdentity(identity: UpstreamIdentity): Promise<void> {
    await this.ctx.storage.put(UPSTREAM_IDENTITY_KEY, upstreamIdentitySchema.parse(identity));
  }

  /** The visitor's brand kit; the empty kit when none was saved. */
  async brandKit(): Promise<BrandKit> {
    const stored = brandKitSchema.safeParse(await this.ctx.storage.get(BRAND_KIT_KEY));
    return stored.success ? stored.data : EMPTY_BRAND_KIT;
  }

  /** Replaces the visitor's brand kit (the route has checked the logo is theirs). */
  async saveBrandKit(kit: BrandKit): Promise<void> {
    await this.ctx.storage.put(BRAND_KIT_KEY, brandKitSchema.parse(kit));
  }

  /** The generation a widget token must carry to be accepted (0 for a visitor who never revoked). */
  async widgetTokenGeneration(): Promise<number> {
    const stored = z
      .number()
      .int()
      .nonnegative()
      .safeParse(await this.ctx.storage.get(WIDGET_TOKEN_GENERATION_KEY));
    return stored.success ? stored.data : 0;
  }

  /** Revokes every widget token issued so far ("Forget me on this site"); returns the new generation. */
  async revokeWidgetTokens(): Promise<number> {
    const next = (await this.widgetTokenGeneration()) + 1;
    await this.ctx.storage.put(WIDGET_TOKEN_GENERATION_KEY, next);
    return next;
  }

  /** Spends the credits frozen for `renderId` (the MP4 was stored). No-op if already settled. */
  commit(renderId: string): Credits {
    return this.#settle(idSchema.parse(renderId), 'committed');
  }

  /**
   * Ends the render `renderId` without its MP4: spends `spentCredits` of its frozen credits
   * (what was rendered, at most the frozen amount) and gives back the rest. No-op if already settled.
   */
  refund(renderId: string, spentCredits = 0): Credits {
    return this.#settle(
      idSchema.parse(renderId),
      'refunded',
      z.number().int().nonnegative().parse(spentCredits),
    );
  }

  /**
   * Ids of the renders of `sessionId`'s draft version `draftVersion` (batch item `batchItemId`)
   * whose credits are still frozen (in progress or interrupted), newest first: the ones an
   * export of that version may resume (usually none or one).
   */
  frozenRenderIds(target: {
    sessionId: string;
    draftVersion: number;
    batchItemId: string | null;
  }): string[] {
    const { sessionId, draftVersion, batchItemId } = freezeArgsSchema
      .pick({ sessionId: true, draftVersion: true, batchItemId: true })
      .parse(target);
    const rows = readRows(
      this.ctx.storage.sql.exec(
        "SELECT render_id FROM renders WHERE session_id = ? AND draft_version = ? AND batch_item_id IS ? AND state = 'frozen' ORDER BY created_at_ms DESC, rowid DESC LIMIT ?",
        sessionId,
        draftVersion,
        batchItemId,
        MAX_LISTED_RENDERS,
      ),
      renderIdRowSchema,
      'visitor render',
    );
    return rows.map((row) => row.render_id);
  }

  #settle(renderId: string, outcome: 'committed' | 'refunded', spentCredits = 0): Credits {
    const render = readOptionalRow(
      this.ctx.storage.sql.exec('SELECT cost, state FROM renders WHERE render_id = ?', renderId),
      renderRowSchema,
      'visitor render',
    );
    if (render === null || render.state !== 'frozen') return this.credits();
    this.ctx.storage.transactionSync(() => {
      this.ctx.storage.sql.exec(
        'UPDATE renders SET state = ? WHERE render_id = ?',
        outcome,
        renderId,
      );
      if (outcome === 'committed') {
        this.ctx.storage.sql.exec(
          'UPDATE account SET frozen = frozen - ? WHERE id = 1',
          render.cost,
        );
      } else {
        this.ctx.storage.sql.exec(
          'UPDATE account SET frozen = frozen - ?, available = available + ? WHERE id = 1',
          render.cost,
          render.cost - Math.min(render.cost, spentCredits),
        );
      }
    });
    return this.credits();
  }
}
