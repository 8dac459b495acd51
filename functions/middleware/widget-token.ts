/**
 * @module widget-token
 * The embedded widget's credential: `<claims>.<signature>`, the claims base64url JSON naming the
 * visitor (`sub`), the visitor's widget-token generation (`gen`, kept in their VisitorAccount)
 * and an expiry (`exp`, unix seconds, 30 days), signed for the purpose `widget-token` over the
 * claims part (signing/purpose-signature.ts: it can pass for nothing else, and nothing else for
 * it). It is read only from the `X-Reelwright-Visitor` request header: never from a URL, never as
 * a cookie, and a request that carries it never gets a cookie (so a token kept by a host page
 * cannot become the first-party `rw_visitor` identity). Tokens past half their life are replaced
 * in the answer; "Forget me on this site" bumps the generation, which revokes every token issued
 * before.
 *
 * Tokens issued before this scheme were HS256 JWTs (`aud: reelwright-widget`, hono/jwt). Host
 * pages keep them, so they are still accepted until they expire and are answered with a token of
 * the current form at once; once {@link WIDGET_TOKEN_TTL_MS} has passed since this change no
 * such token can still be valid and {@link legacyClaims} can go.
 */
import { verify } from 'hono/jwt';
import { JwtTokenExpired } from 'hono/utils/jwt/types';
import { decodeBase64Url, encodeBase64Url } from 'hono/utils/encode';
import { z } from 'zod';
import type { Env } from '../env';
import { visitorAccount } from '../durable/durable-stubs';
import { signFor, verifyFor } from '../signing/purpose-signature';
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
/** The audience of the JWTs issued before the current scheme (see the module doc). */
const LEGACY_JWT_AUDIENCE = 'reelwright-widget';
/** Longest header value looked at; a real token is about 130 characters (a legacy one 230). */
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

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Signs a widget token (`expiresAtMs` is rounded down to a whole second). */
export async function signWidgetToken(claims: WidgetTokenClaims, secret: string): Promise<string> {
  const json = JSON.stringify({
    sub: claims.visitorId,
    gen: claims.generation,
    exp: Math.floor(claims.expiresAtMs / MS_PER_S),
  });
  const payload = encodeBase64Url(encoder.encode(json).buffer).replace(/=+$/, '');
  return `${payload}.${await signFor('widget-token', payload, secret)}`;
}

/** The claims of a token of the current form, unchecked for expiry; null when not genuine. */
async function currentClaims(token: string, secret: string): Promise<unknown> {
  const [payload, signature, ...rest] = token.split('.');
  if (payload === undefined || signature === undefined || rest.length > 0) return null;
  if (!(await verifyFor('widget-token', payload, signature, secret))) return null;
  return JSON.parse(decoder.decode(decodeBase64Url(payload)));
}

/** The claims of a legacy JWT (see the module doc); hono/jwt checks its signature, audience and expiry. */
async function legacyClaims(token: string, secret: string): Promise<unknown> {
  return verify(token, secret, { alg: 'HS256', aud: LEGACY_JWT_AUDIENCE });
}

/** A widget token's claims and whether it has the legacy form (then it is renewed at once). */
interface VerifiedWidgetToken {
  claims: WidgetTokenClaims;
  legacy: boolean;
}

function expiredToken(cause?: unknown): ApiError {
  return new ApiError(
    401,
    'widget_token_expired',
    `This widget token has expired (they last 30 days). ${START_AGAIN}`,
    { cause },
  );
}

async function readWidgetToken(
  token: string,
  secret: string,
  nowMs: number,
): Promise<VerifiedWidgetToken> {
  const legacy = token.split('.').length === 3;
  let payload: unknown;
  try {
    if (token.length > MAX_TOKEN_CHARS) throw new RangeError('token too long');
    payload = legacy ? await legacyClaims(token, secret) : await currentClaims(token, secret);
  } catch (cause) {
    if (cause instanceof JwtTokenExpired) throw expiredToken(cause);
    throw invalidToken(cause);
  }
  const claims = claimsSchema.safeParse(payload);
  if (!claims.success) throw invalidToken();
  const expiresAtMs = claims.data.exp * MS_PER_S;
  if (expiresAtMs <= nowMs) throw expiredToken();
  return {
    claims: { visitorId: claims.data.sub, generation: claims.data.gen, expiresAtMs },
    legacy,
  };
}

/**
 * The claims of a token this edge signed and that has not expired.
 *
 * @param nowMs the current time, unix ms
 * @throws {ApiError} 401 `widget_token_expired`, or 401 `widget_token_invalid` for anything
 *   malformed, forged or signed for something else.
 */
export async function verifyWidgetToken(
  token: string,
  secret: string,
  nowMs = Date.now(),
): Promise<WidgetTokenClaims> {
  return (await readWidgetToken(token, secret, nowMs)).claims;
}

/**
 * Resolves the `X-Reelwright-Visitor` header value: `new` gets a new visitor and a token for
 * them; a valid token of the visitor's current generation acts for that visitor (renewed when
 * it has less than {@link WIDGET_TOKEN_RENEW_BELOW_MS} left, or has the legacy form).
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
  const { claims, legacy } = await readWidgetToken(header, secret, nowMs);
  const generation = await visitorAccount(env, claims.visitorId).widgetTokenGeneration();
  if (claims.generation !== generation) {
    throw new ApiError(
      401,
      'widget_token_revoked',
      `This widget token was revoked ("Forget me on this site"). ${START_AGAIN}`,
    );
  }
  if (!legacy && claims.expiresAtMs - nowMs >= WIDGET_TOKEN_RENEW_BELOW_MS)
    return { visitorId: claims.visitorId, token: header };
  const token = await signWidgetToken(
    { visitorId: claims.visitorId, generation, expiresAtMs: nowMs + WIDGET_TOKEN_TTL_MS },
    secret,
  );
  return { visitorId: claims.visitorId, token };
}
