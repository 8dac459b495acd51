/**
 * @module widget-token
 * The embedded widget's credential: a JWT (HS256 over `VISITOR_SECRET`, hono/jwt) scoped to the
 * widget (`aud: reelwright-widget`) that names the visitor (`sub`), the visitor's widget-token
 * generation (`gen`, kept in their VisitorAccount) and an expiry (`exp`, 30 days). It is read
 * only from the `X-Reelwright-Visitor` request header: never from a URL, never as a cookie, and a
 * request that carries it never gets a cookie (so a token kept by a host page cannot become the
 * first-party `rw_visitor` identity). Tokens past half their life are replaced in the answer;
 * "Forget me on this site" bumps the generation, which revokes every token issued before.
 */
import { sign, verify } from 'hono/jwt';
import { JwtTokenExpired } from 'hono/utils/jwt/types';
import { z } from 'zod';
import type { Env } from '../env';
import { visitorAccount } from '../durable/durable-stubs';
import { ApiError } from './api-error';

/** Request/response header that carries the token (docs/http-api.md, "Embedding"). */
export const VISITOR_TOKEN_HEADER = 'X-Reelwright-Visitor';
/** Header value of a frame that has no token yet: the edge issues one for a new visitor. */
export const NEW_WIDGET_TOKEN = 'new';
/**
 * How long a widget token is valid, ms: 30 days. A host page keeps it in its own storage, where
 * any script of that page can read it, so a leaked copy must stop working on its own; a visitor
 * who comes back within the month keeps their videos (the token is renewed while in use).
 */
export const WIDGET_TOKEN_TTL_MS = 30 * 24 * 60 * 60 * 1000;
/** A token with less than this left is replaced by a fresh one in the answer: half its life. */
export const WIDGET_TOKEN_RENEW_BELOW_MS = WIDGET_TOKEN_TTL_MS / 2;
/** The JWT audience: a widget token is good for the widget header and nothing else. */
export const WIDGET_TOKEN_AUDIENCE = 'reelwright-widget';
/** Longest header value looked at; a real token is about 230 characters. */
const MAX_TOKEN_CHARS = 1_000;
const MS_PER_S = 1_000;
/** What the widget does after any of these 401s (web/embed/visitor-token-store.ts). */
const START_AGAIN = 'Start again without it: send "new".';

/** 401 `widget_token_invalid`: malformed, forged, or meant for something else. */
function invalidToken(cause?: unknown): ApiError {
  return new ApiError(
    401,
    'widget_token_invalid',
    `This widget token is not valid here. ${START_AGAIN}`,
    { cause },
  );
}

const claimsSchema = z.object({
  sub: z.uuid(),
  gen: z.number().int().nonnegative(),
  exp: z.number().int().positive(),
  aud: z.literal(WIDGET_TOKEN_AUDIENCE),
});

/** What a widget token says. */
export interface WidgetTokenClaims {
  visitorId: string;
  /** The visitor's widget-token generation when it was issued. */
  generation: number;
  /** Unix time, ms (whole seconds). */
  expiresAtMs: number;
}

/** The visitor a widget request acts for, and the token to answer (the same one, or a renewed one). */
export interface WidgetCredential {
  visitorId: string;
  token: string;
}

/** Signs a widget token (`expiresAtMs` is rounded down to a whole second). */
export function signWidgetToken(claims: WidgetTokenClaims, secret: string): Promise<string> {
  return sign(
    {
      sub: claims.visitorId,
      gen: claims.generation,
      exp: Math.floor(claims.expiresAtMs / MS_PER_S),
      aud: WIDGET_TOKEN_AUDIENCE,
    },
    secret,
    'HS256',
  );
}

/**
 * The claims of a token this edge signed and that has not expired.
 *
 * @throws {ApiError} 401 `widget_token_expired`, or 401 `widget_token_invalid` for anything
 *   malformed, forged or meant for something else.
 */
export async function verifyWidgetToken(token: string, secret: string): Promise<WidgetTokenClaims> {
  let payload: unknown;
  try {
    if (token.length > MAX_TOKEN_CHARS) throw new RangeError('token too long');
    payload = await verify(token, secret, { alg: 'HS256', aud: WIDGET_TOKEN_AUDIENCE });
  } catch (cause) {
    if (cause instanceof JwtTokenExpired) {
      throw new ApiError(
        401,
        'widget_token_expired',
        `This widget token has expired (they last 30 days). ${START_AGAIN}`,
        { cause },
      );
    }
    throw invalidToken(cause);
  }
  const claims = claimsSchema.safeParse(payload);
  if (!claims.success) throw invalidToken();
  return {
    visitorId: claims.data.sub,
    generation: claims.data.gen,
    expiresAtMs: claims.data.exp * MS_PER_S,
  };
}

/**
 * Resolves the `X-Reelwright-Visitor` header value: `new` gets a new visitor and a token for
 * them; a valid token of the visitor's current generation acts for that visitor (renewed when
 * it has less than {@link WIDGET_TOKEN_RENEW_BELOW_MS} left).
 *
 * @throws {ApiError} 401 `widget_token_invalid` / `widget_token_expired` (see
 *   {@link verifyWidgetToken}), 401 `widget_token_revoked` after "Forget me on this site".
 */
export async function widgetCredential(
  env: Env,
  header: string,
  nowMs: number,
): Promise<WidgetCredential> {
  const secret = env.VISITOR_SECRET;
  if (header === NEW_WIDGET_TOKEN) {
    const visitorId = crypto.randomUUID();
    const token = await signWidgetToken(
      { visitorId, generation: 0, expiresAtMs: nowMs + WIDGET_TOKEN_TTL_MS },
      secret,
    );
    return { visitorId, token };
  }
  const claims = await verifyWidgetToken(header, secret);
  const generation = await visitorAccount(env, claims.visitorId).widgetTokenGeneration();
  if (claims.generation !== generation) {
    throw new ApiError(
      401,
      'widget_token_revoked',
      `This widget token was revoked ("Forget me on this site"). ${START_AGAIN}`,
    );
  }
  if (claims.expiresAtMs - nowMs >= WIDGET_TOKEN_RENEW_BELOW_MS)
    return { visitorId: claims.visitorId, token: header };
  const token = await signWidgetToken(
    { visitorId: claims.visitorId, generation, expiresAtMs: nowMs + WIDGET_TOKEN_TTL_MS },
    secret,
  );
  return { visitorId: claims.visitorId, token };
}
