/**
 * @module new-visitor-limiter
 * `NewVisitorLimiter`: one Durable Object per client address (named by `CF-Connecting-IP`, see
 * quota/new-visitor-gate.ts). It keeps the times at which that address minted a visitor in the
 * last hour (a sliding window, so there is no burst at an hour boundary) and admits a new one
 * only while fewer than the limit are in the window. An alarm an hour after the last mint drops
 * the stored times, so an address that stopped leaves nothing behind. The same sliding hour counts
 * a visitor's neural-voice calls, in an instance named `speech:<visitor id>` (routes/speech.ts),
 * a name no client address can take.
 */
import { DurableObject } from 'cloudflare:workers';
import { z } from 'zod';
import type { Env } from '../env';
import { readOptionalRow } from './sql-rows';

/** The window new visitors are counted over, ms: one hour (`NEW_VISITORS_PER_IP_PER_HOUR`). */
export const NEW_VISITOR_WINDOW_MS = 60 * 60_000;

/** Whether a new visitor was admitted; when not, how long until the oldest in the window leaves it. */
export type NewVisitorAdmission = { ok: true } | { ok: false; retryAfterMs: number };

const admitArgsSchema = z.object({
  limit: z.number().int().positive(),
  atMs: z.number().int().nonnegative(),
});
const windowRowSchema = z.object({ count: z.number().int(), oldest: z.number().int().nullable() });

/** The visitors one client address minted in the last hour. */
export class NewVisitorLimiter extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec('CREATE TABLE IF NOT EXISTS minted (at_ms INTEGER NOT NULL)');
  }

  /**
   * Admits one new visitor at `atMs` (epoch ms) if fewer than `limit` were minted in the
   * {@link NEW_VISITOR_WINDOW_MS} before it, and counts it; otherwise says when to retry.
   */
  async admit(limit: number, atMs: number): Promise<NewVisitorAdmission> {
    const args = admitArgsSchema.parse({ limit, atMs });
    const window = this.#window(args.atMs);
    if (window.count >= args.limit) {
      return {
        ok: false,
        retryAfterMs: Math.max(1, (window.oldest ?? args.atMs) + NEW_VISITOR_WINDOW_MS - args.atMs),
      };
    }
    this.ctx.storage.sql.exec('INSERT INTO minted (at_ms) VALUES (?)', args.atMs);
    await this.ctx.storage.setAlarm(args.atMs + NEW_VISITOR_WINDOW_MS);
    return { ok: true };
  }

  /**
   * An hour after the last mint: `#window` has dropped every row that left the window. (Not
   * `deleteAll()`: on SQLite storage it drops the `minted` table too, which this live instance
   * would not create again.)
   */
  override async alarm(): Promise<void> {
    this.#window(Date.now());
  }

  /** Drops the mints that left the window ending at `atMs` and counts the rest. */
  #window(atMs: number): z.infer<typeof windowRowSchema> {
    this.ctx.storage.sql.exec('DELETE FROM minted WHERE at_ms <= ?', atMs - NEW_VISITOR_WINDOW_MS);
    const row = readOptionalRow(
      this.ctx.storage.sql.exec('SELECT COUNT(*) AS count, MIN(at_ms) AS oldest FROM minted'),
      windowRowSchema,
      'new visitor window',
    );
    return row ?? { count: 0, oldest: null };
  }
}
