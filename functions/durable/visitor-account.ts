/**
 * @module visitor-account
 * `VisitorAccount`: one Durable Object per anonymous visitor (named by the visitor id from the
 * `rw_visitor` cookie). It lists the visitor's sessions and renders and keeps their credits:
 * `available` can be spent, `frozen` is held by exports in progress, `total = available + frozen`.
 * An export freezes its cost when it starts, commits it when the MP4 is stored, and refunds it
 * when the render fails. Each render settles once: a second commit or refund is a no-op.
 * It also keeps the generation of the visitor's widget tokens: only tokens of the current one
 * are accepted, and "Forget me on this site" moves it on.
 */
import { DurableObject } from 'cloudflare:workers';
import { z } from 'zod';
import type { Env } from '../env';
import type { Credits } from '../../shared/api-schema';
import { accepted, refused } from './durable-result';
import type { DurableResult } from './durable-result';
import { readOptionalRow, readRows } from './sql-rows';
import { SECONDS_PER_CREDIT, STARTING_CREDITS } from './export-cost';
import { upstreamIdentitySchema } from '../engine/nemo/upstream-token';
import type { UpstreamIdentity } from '../engine/nemo/upstream-token';

/** Storage key of the visitor's identity at the remote API (nemo engine). */
const UPSTREAM_IDENTITY_KEY = 'upstream-identity';
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
});
/** Arguments of {@link VisitorAccount.freeze}. */
export type FreezeArgs = z.infer<typeof freezeArgsSchema>;

const accountRowSchema = z.object({ available: z.number().int(), frozen: z.number().int() });
const sessionRowSchema = z.object({ session_id: z.string() });
const renderIdRowSchema = z.object({ render_id: z.string() });
const renderRowSchema = z.object({
  cost: z.number().int(),
  state: z.enum(['frozen', 'committed', 'refunded']),
});

/** One visitor: their session and render ids, and their credits. */
export class VisitorAccount extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
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
  }

  /** Records a new session of this visitor. */
  addSession(sessionId: string, atMs: number): void {
    const id = idSchema.parse(sessionId);
    const at = z.number().int().nonnegative().parse(atMs);
    this.ctx.storage.sql.exec('INSERT OR IGNORE INTO sessions (session_id, created_at_ms) VALUES (?, ?)', id, at);
  }

  /** The visitor's session ids, newest first, at most {@link MAX_LISTED_SESSIONS}. */
  sessionIds(): string[] {
    const rows = readRows(
      this.ctx.storage.sql.exec(
        'SELECT session_id FROM sessions ORDER BY created_at_ms DESC, rowid DESC LIMIT ?',
        MAX_LISTED_SESSIONS,
      ),
      sessionRowSchema,
      'visitor session',
    );
    return rows.map((row) => row.session_id);
  }

  /**
   * The visitor's render ids, newest first, at most {@link MAX_LISTED_RENDERS}; only those of
   * `sessionId` when given.
   */
  renderIds(sessionId?: string): string[] {
    const session = sessionId === undefined ? null : idSchema.parse(sessionId);
    const rows = readRows(
      session === null
        ? this.ctx.storage.sql.exec(
            'SELECT render_id FROM renders ORDER BY created_at_ms DESC, rowid DESC LIMIT ?',
            MAX_LISTED_RENDERS,
          )
        : this.ctx.storage.sql.exec(
            'SELECT render_id FROM renders WHERE session_id = ? ORDER BY created_at_ms DESC, rowid DESC LIMIT ?',
            session,
            MAX_LISTED_RENDERS,
          ),
      renderIdRowSchema,
      'visitor render',
    );
    return rows.map((row) => row.render_id);
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
   * Refused with 402 `out_of_credits` (contractCode 2001) when fewer are available.
   */
  freeze(args: FreezeArgs): DurableResult<Credits> {
    const { renderId, sessionId, amount, atMs } = freezeArgsSchema.parse(args);
    const before = this.credits();
    if (before.available < amount) {
      const held = before.frozen > 0 ? ` (${before.frozen} more are held by exports in progress)` : '';
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
        'INSERT INTO renders (render_id, session_id, cost, state, created_at_ms) VALUES (?, ?, ?, ?, ?)',
        renderId,
        sessionId,
        amount,
        'frozen',
        atMs,
      );
      this.ctx.storage.sql.exec('UPDATE account SET available = available - ?, frozen = frozen + ? WHERE id = 1', amount, amount);
    });
    return accepted(this.credits());
  }

  /**
   * The visitor's identity at the remote API (nemo engine): client id and anonymous token.
   * Kept here, at the edge; never sent to the browser.
   */
  async upstreamIdentity(): Promise<UpstreamIdentity | null> {
    const stored = upstreamIdentitySchema.safeParse(await this.ctx.storage.get(UPSTREAM_IDENTITY_KEY));
    return stored.success ? stored.data : null;
  }

  /** Stores the visitor's identity at the remote API. */
  async saveUpstreamIdentity(identity: UpstreamIdentity): Promise<void> {
    await this.ctx.storage.put(UPSTREAM_IDENTITY_KEY, upstreamIdentitySchema.parse(identity));
  }

  /** The generation a widget token must carry to be accepted (0 for a visitor who never revoked). */
  async widgetTokenGeneration(): Promise<number> {
    const stored = z.number().int().nonnegative().safeParse(await this.ctx.storage.get(WIDGET_TOKEN_GENERATION_KEY));
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

  /** Gives back the credits frozen for `renderId` (the render failed). No-op if already settled. */
  refund(renderId: string): Credits {
    return this.#settle(idSchema.parse(renderId), 'refunded');
  }

  #settle(renderId: string, outcome: 'committed' | 'refunded'): Credits {
    const render = readOptionalRow(
      this.ctx.storage.sql.exec('SELECT cost, state FROM renders WHERE render_id = ?', renderId),
      renderRowSchema,
      'visitor render',
    );
    if (render === null || render.state !== 'frozen') return this.credits();
    this.ctx.storage.transactionSync(() => {
      this.ctx.storage.sql.exec('UPDATE renders SET state = ? WHERE render_id = ?', outcome, renderId);
      if (outcome === 'committed') {
        this.ctx.storage.sql.exec('UPDATE account SET frozen = frozen - ? WHERE id = 1', render.cost);
      } else {
        this.ctx.storage.sql.exec(
          'UPDATE account SET frozen = frozen - ?, available = available + ? WHERE id = 1',
          render.cost,
          render.cost,
        );
      }
    });
    return this.credits();
  }
}
