/**
 * @module turn-gate
 * Caps the chat turns this isolate streams at once (the SSE answers of `POST …/messages` still
 * open). Beyond the cap a message is answered at once, before any work, with `503` `busy` and
 * `Retry-After`; the SPA waits and sends it again with the same `clientMessageId`
 * (web/app/net/retry-when-busy.ts), so no turn is lost or run twice. Following streams (`GET …/events`)
 * are not counted: an open tab holds one while idle, and a session holds at most
 * `MAX_OPEN_STREAMS` of them (live-streams.ts).
 *
 * Why: every turn streaming through an isolate costs its CPU and memory (engine work, event
 * log writes, one SSE pipe); past a few hundred at once on a small machine, turns slow for
 * everyone and the local runtime starts dropping requests (issue 10, item 11;
 * `npm run bench -- load`). A clean "busy, come back in 2 s" keeps every turn whole instead.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';
import { errorBody } from './api-error';

/**
 * Default most chat turns streaming at once per isolate (`MAX_TURNS_PER_ISOLATE`): below the
 * ~300 at once at which `wrangler dev` began dropping requests, with room for the 200 that held
 * (issue 10, item 11).
 */
export const DEFAULT_MAX_TURNS_PER_ISOLATE = 150;
/** What `Retry-After` says, s: about a third of a typical turn (~6 s), so a freed slot is soon taken. */
export const BUSY_RETRY_AFTER_S = 2;

/** Turn answers open now in this isolate (module state: one count per isolate). */
let openTurns = 0;

/** The cap from `MAX_TURNS_PER_ISOLATE`, or the default when unset or not a whole number ≥ 1. */
function maxTurns(c: Context<AppEnv>): number {
  const configured = Number(c.env.MAX_TURNS_PER_ISOLATE);
  return Number.isSafeInteger(configured) && configured >= 1
    ? configured
    : DEFAULT_MAX_TURNS_PER_ISOLATE;
}

/**
 * Passes `stream` through, calling `onEnd` once when it ends, fails or the client cancels it.
 */
function whenEnded(
  stream: ReadableStream<Uint8Array>,
  onEnd: () => void,
): ReadableStream<Uint8Array> {
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
 * Middleware for `POST …/messages`: refuses with 503 `busy` + `Retry-After` when this isolate
 * already streams {@link DEFAULT_MAX_TURNS_PER_ISOLATE} (or the configured number) turns, else
 * counts the answer until its stream ends or its client leaves. A refused or failed answer
 * (not 200) is not counted.
 */
export function turnGate(): MiddlewareHandler<AppEnv> {
  return async function turnGate(c, next) {
    if (openTurns >= maxTurns(c)) {
      return c.json(
        errorBody(
          'busy',
          'The server is answering many messages right now; yours will be sent again in a moment.',
        ),
        503,
        { 'Retry-After': String(BUSY_RETRY_AFTER_S) },
      );
    }
    openTurns += 1;
    let counted = true;
    const release = (): void => {
      if (!counted) return;
      counted = false;
      openTurns -= 1;
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
