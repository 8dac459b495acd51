/**
 * @module error-handler
 * The app's `onError` and `notFound` handlers: every failure under `/api` answers
 * `{error:{code,message,contractCode?}}`. Bad input is always a 4xx; anything unexpected is a
 * 500 `internal` with a generic message, and its detail goes to the log only.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../env';
import { ApiError, errorBody } from './api-error';

/** Code for an `HTTPException` thrown by hono itself (e.g. by a built-in middleware). */
function codeForStatus(status: number): string {
  if (status === 400) return 'bad_request';
  if (status === 401) return 'unauthorized';
  if (status === 404) return 'not_found';
  if (status === 413) return 'payload_too_large';
  return status >= 500 ? 'internal' : 'bad_request';
}

/** `app.onError`: maps {@link ApiError}, hono's `HTTPException` and anything else to the error body. */
export function handleError(error: Error, c: Context<AppEnv>): Response {
  if (error instanceof ApiError) {
    if (error.status >= 500) console.error(`${c.req.method} ${c.req.path}:`, error, error.cause);
    if (error.retryAfterS !== undefined) c.header('Retry-After', String(error.retryAfterS));
    return c.json(error.toBody(), error.status);
  }
  if (error instanceof HTTPException && error.status < 500) {
    return c.json(
      errorBody(codeForStatus(error.status), error.message || 'The request was refused.'),
      error.status,
    );
  }
  console.error(`${c.req.method} ${c.req.path} failed:`, error);
  return c.json(
    errorBody('internal', 'Something went wrong on our side. Please try again in a moment.'),
    500,
  );
}

/** `app.notFound`: JSON 404 under `/api`; anything else is served from the built SPA. */
export function handleNotFound(c: Context<AppEnv>): Response | Promise<Response> {
  if (c.req.path === '/api' || c.req.path.startsWith('/api/')) {
    return c.json(
      errorBody('not_found', `There is no ${c.req.method} ${c.req.path} in this API.`),
      404,
    );
  }
  return c.env.ASSETS.fetch(c.req.raw);
}
