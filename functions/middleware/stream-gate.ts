/**
 * @module stream-gate
 * Caps the SSE answers (chat turns, event streams) this isolate holds open at once. Beyond the
 * cap a request is answered at once, before any work, with `503` `busy` and `Retry-After`; the
 * SPA waits and sends again (web/app/busy-retry.ts), so no turn is lost.
 *
 * Why: under `wrangler dev` (workerd 2026-04-26), about 300 chat streams at once broke the
 * runtime's internal RPC connection ("incoming RPC message exceeds size limit"): every request in
 * flight then died with a 503 "Your worker restarted mid-request" although nothing restarted
 * (issue 10, item 11; 200 at once were fine). The count is per isolate, so it also bounds what
 * one isolate holds in production.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';
import { errorBody } from './api-error';

/**
 * Default most SSE answers open at once per isolate (`MAX_OPEN_STREAMS_PER_ISOLATE`): below the
 * ~300 at which the local runtime broke, with room for the 200 that held (issue 10, item 11).
 */
export const DEFAULT_MAX_OPEN_STREAMS_PER_ISOLATE = 150;
/** What `Retry-After` says, s: about a third of a typical turn (~6 s), so a freed slot is soon taken. */
export const BUSY_RETRY_AFTER_S = 2;

/** SSE answers open now in this isolate (module state: one count per isolate). */
let openStreams = 0;

/** The cap from `MAX_OPEN_STREAMS_PER_ISOLATE`, or the default when unset or not a whole number ≥ 1. */
function maxOpenStreams(c: Context<AppEnv>): number {
  const configured = Number(c.env.MAX_OPEN_STREAMS_PER_ISOLATE);
  return Number.isSafeInteger(configured) && configured >= 1 ? configured : DEFAULT_MAX_OPEN_STREAMS_PER_ISOLATE;
}

/**
 * Passes `stream` through, calling `onEnd` once when it ends, fails or the client cancels it.
 */
function whenEnded(stream: ReadableStream<Uint8Array>, onEnd: () => void): ReadableStream<Uint8Array> {
  const reader = stream.getReader();
  let ended = false;
  const end = (): void => {
    if (ended) return;
    ended = true;
    onEnd();
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          end();
          controller.close();
        } else {
          controller.enqueue(value);
        }
      } catch (error) {
        end();
        controller.error(error);
      }
    },
    async cancel(reason) {
      end();
      await reader.cancel(reason).catch(() => undefined);
    },
  });
}

/**
 * Middleware for routes that answer SSE: refuses with 503 `busy` + `Retry-After` when this
 * isolate already holds {@link DEFAULT_MAX_OPEN_STREAMS_PER_ISOLATE} (or the configured number)
 * open, else counts the answer's stream until it ends. An answer without a body is not counted.
 */
export function streamGate(): MiddlewareHandler<AppEnv> {
  return async function streamGate(c, next) {
    if (openStreams >= maxOpenStreams(c)) {
      return c.json(
        errorBody('busy', 'The server is busy with many conversations right now; your message will be sent again in a moment.'),
        503,
        { 'Retry-After': String(BUSY_RETRY_AFTER_S) },
      );
    }
    openStreams += 1;
    let counted = true;
    const release = (): void => {
      if (!counted) return;
      counted = false;
      openStreams -= 1;
    };
    try {
      await next();
    } catch (error) {
      release();
      throw error;
    }
    const body = c.res.body;
    if (c.res.status !== 200 || body === null) {
      release();
      return;
    }
    c.res = new Response(whenEnded(body, release), c.res);
  };
}
