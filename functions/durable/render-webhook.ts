/**
 * @module render-webhook
 * The webhook of a render made through the render API with a `callbackUrl`
 * (docs/http-api.md "Webhooks"), kept in its `RenderJob`'s SQLite (table `webhook`): where to
 * POST, the signing secret of the API key it was made with, and every delivery attempt's outcome.
 * When the job is `completed` or `failed` its alarm POSTs one JSON body, signed
 * `Reelwright-Signature: t=<unix ms>,v1=<hex HMAC-SHA256 of "<t>.<body>">` (Web Crypto), and
 * retries an answer other than 2xx (or none within {@link WEBHOOK_TIMEOUT_MS}) after
 * {@link WEBHOOK_FIRST_RETRY_MS}, doubling, {@link WEBHOOK_MAX_ATTEMPTS} attempts in all.
 * HMAC: https://www.rfc-editor.org/rfc/rfc2104.
 */
import { z } from 'zod';
import { readOptionalRow } from './sql-rows';

/** Attempts per webhook: the first and 4 retries (30 s, 1, 2, 4 min after): rides out a receiver's restart or a short outage. */
export const WEBHOOK_MAX_ATTEMPTS = 5;
/** Wait before the first retry, ms; each later wait doubles. */
export const WEBHOOK_FIRST_RETRY_MS = 30_000;
/** Longest one delivery may take before it counts as failed, ms: a receiver should answer at once and work later. */
export const WEBHOOK_TIMEOUT_MS = 10_000;
/** Most characters of a receiver's answer kept in the record (for the caller to read why it failed). */
const MAX_RECORDED_ERROR_CHARS = 200;
/** The header carrying the signature. */
export const SIGNATURE_HEADER = 'Reelwright-Signature';

const webhookRowSchema = z.object({
  url: z.string(),
  secret: z.string(),
  render_url: z.string(),
  attempts: z.number().int(),
  next_at_ms: z.number().int().nullable(),
  delivered_at_ms: z.number().int().nullable(),
  last_status: z.number().int().nullable(),
  last_error: z.string().nullable(),
});
type WebhookRow = z.infer<typeof webhookRowSchema>;

/** What the record says of the webhook (for the job's owner; never the secret). */
export interface WebhookDelivery {
  url: string;
  attempts: number;
  /** When the next attempt is due, epoch ms; null when none is (delivered, given up or not due yet). */
  nextAtMs: number | null;
  deliveredAtMs: number | null;
  lastStatus: number | null;
  lastError: string | null;
}

/** The body a webhook POSTs (docs/http-api.md "Webhooks"). */
export interface WebhookPayload {
  id: string;
  status: 'completed' | 'failed';
  /** `GET` it with the API key for the job, with a fresh signed `downloadUrl`. */
  renderUrl: string;
  error: string | null;
  sizeBytes: number | null;
  durationMs: number;
  finishedAtMs: number;
}

/** Lower-case hex HMAC-SHA256 of `${t}.${body}` with `secret`. */
export async function webhookSignature(secret: string, t: number, body: string): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = await crypto.subtle.sign('HMAC', key, encoder.encode(`${t}.${body}`));
  return [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The `webhook` table of one render job (at most one webhook). */
export class RenderWebhook {
  constructor(private readonly sql: SqlStorage) {
    sql.exec(`
      CREATE TABLE IF NOT EXISTS webhook (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        url TEXT NOT NULL,
        secret TEXT NOT NULL,
        render_url TEXT NOT NULL,
        attempts INTEGER NOT NULL,
        next_at_ms INTEGER,
        delivered_at_ms INTEGER,
        last_status INTEGER,
        last_error TEXT
      )
    `);
  }

  /**
   * Keeps where to POST, the secret to sign with and the job's absolute URL for the body
   * (the first call wins).
   */
  attach(url: string, secret: string, renderUrl: string): void {
    this.sql.exec(
      'INSERT OR IGNORE INTO webhook (id, url, secret, render_url, attempts, next_at_ms, delivered_at_ms, last_status, last_error) VALUES (1, ?, ?, ?, 0, NULL, NULL, NULL, NULL)',
      url,
      secret,
      renderUrl,
    );
  }

  /** Makes the first attempt due at `atMs` (the job just finished); null when there is no webhook or it was already scheduled. */
  schedule(atMs: number): number | null {
    const row = this.#row();
    if (row === null || row.attempts > 0 || row.next_at_ms !== null) return null;
    this.sql.exec('UPDATE webhook SET next_at_ms = ? WHERE id = 1', atMs);
    return atMs;
  }

  /** The record of the webhook, or null when the job has none. */
  delivery(): WebhookDelivery | null {
    const row = this.#row();
    return row === null
      ? null
      : {
          url: row.url,
          attempts: row.attempts,
          nextAtMs: row.next_at_ms,
          deliveredAtMs: row.delivered_at_ms,
          lastStatus: row.last_status,
          lastError: row.last_error,
        };
  }

  /**
   * Makes the attempt that is due at `nowMs`, if one is, and records it.
   * @returns when the next attempt is due (epoch ms), or null when none is left to make
   */
  async deliverDue(
    payload: Omit<WebhookPayload, 'renderUrl'>,
    nowMs: number,
  ): Promise<number | null> {
    const row = this.#row();
    if (row === null || row.next_at_ms === null) return null;
    if (row.next_at_ms > nowMs) return row.next_at_ms;
    const attempt = row.attempts + 1;
    // Claimed before the POST: an alarm run at the same time (a retry of this one) finds nothing due.
    this.sql.exec('UPDATE webhook SET attempts = ?, next_at_ms = NULL WHERE id = 1', attempt);
    const outcome = await post(row, { ...payload, renderUrl: row.render_url }, nowMs);
    const retryAtMs =
      outcome.ok || attempt >= WEBHOOK_MAX_ATTEMPTS
        ? null
        : nowMs + WEBHOOK_FIRST_RETRY_MS * 2 ** (attempt - 1);
    this.sql.exec(
      'UPDATE webhook SET attempts = ?, next_at_ms = ?, delivered_at_ms = ?, last_status = ?, last_error = ? WHERE id = 1',
      attempt,
      retryAtMs,
      outcome.ok ? nowMs : null,
      outcome.status,
      outcome.error,
    );
    return retryAtMs;
  }

  #row(): WebhookRow | null {
    return readOptionalRow(
      this.sql.exec('SELECT * FROM webhook WHERE id = 1'),
      webhookRowSchema,
      'render webhook',
    );
  }
}

/** One signed POST; never throws (a network fault or timeout is an outcome). */
async function post(
  row: WebhookRow,
  payload: WebhookPayload,
  nowMs: number,
): Promise<{ ok: boolean; status: number | null; error: string | null }> {
  const body = JSON.stringify(payload);
  const signature = await webhookSignature(row.secret, nowMs, body);
  try {
    const response = await fetch(row.url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'Reelwright-Webhook/1',
        [SIGNATURE_HEADER]: `t=${nowMs},v1=${signature}`,
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    const text = response.ok ? '' : (await response.text()).slice(0, MAX_RECORDED_ERROR_CHARS);
    return {
      ok: response.ok,
      status: response.status,
      error: response.ok ? null : `HTTP ${response.status}${text === '' ? '' : `: ${text}`}`,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, status: null, error: message.slice(0, MAX_RECORDED_ERROR_CHARS) };
  }
}
