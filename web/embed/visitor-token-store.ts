/**
 * @module visitor-token-store
 * The widget's credential: the widget token the edge answers in `X-Reelwright-Visitor`
 * (functions/middleware/widget-token.ts), sent on every API request of a frame that a host at
 * an allowed origin really frames (embed.tsx creates the store only then). It is kept in this
 * frame's localStorage (partitioned per host site by the browser) and, through the `persist`
 * event, by the host page, which hands it back in a `restore` message (never in a URL). A
 * renewed token in an answer replaces the old one; a token the edge refuses (401
 * `widget_token_*`: expired, revoked or invalid) is dropped and the request is sent once more
 * as a new visitor. Download links never carry it: each is signed by the edge for its one file.
 */
import { apiErrorFromResponse } from '../app/api-error';

/** Header the edge reads and answers (functions/middleware/widget-token.ts). */
export const VISITOR_TOKEN_HEADER = 'X-Reelwright-Visitor';
/** Sent when there is no token yet: asks the edge to issue one. */
const NO_TOKEN = 'new';
/** localStorage key of the token in this frame's partition. */
export const VISITOR_TOKEN_KEY = 'reelwright.visitorToken';
/** The prefix of the error codes of a token the edge refuses: `widget_token_expired`, `_revoked` or `_invalid` (docs/http-api.md "Embedding"). */
const DEAD_TOKEN_CODE_PREFIX = 'widget_token_';

/** Token state and a `fetch` that sends and refreshes it. */
export interface VisitorTokenStore {
  /** The current token, or null before the first answer. */
  token(): string | null;
  /** Takes the host page's kept token when this frame's own storage has none. */
  adopt(fromHost: string | null): void;
  /** Drops the token (here and in storage); the next request starts a new visitor. */
  clear(): void;
  /** A `fetch` for `createApiClient` that adds the header and keeps the token answered. */
  fetch: typeof fetch;
  /** Called whenever the token changes (to tell the host page). */
  onChange(listener: (token: string) => void): void;
}

function store(token: string | null): void {
  try {
    if (token === null) globalThis.localStorage?.removeItem(VISITOR_TOKEN_KEY);
    else globalThis.localStorage?.setItem(VISITOR_TOKEN_KEY, token);
  } catch {
    // Storage blocked: the host page keeps the token (persist event).
  }
}

/** True when `response` is the edge refusing the token itself (a 401 whose error code is `widget_token_…`). */
async function refusesToken(response: Response): Promise<boolean> {
  return (
    response.status === 401 &&
    (await apiErrorFromResponse(response.clone())).code.startsWith(DEAD_TOKEN_CODE_PREFIX)
  );
}

/**
 * Creates the store with this frame's stored token, if any; `onRefused` runs when the edge
 * refuses the token (the frame starts fresh).
 */
export function createVisitorTokenStore(
  onRefused: () => void,
  base: typeof fetch = globalThis.fetch.bind(globalThis),
): VisitorTokenStore {
  let current: string | null = null;
  try {
    current = globalThis.localStorage?.getItem(VISITOR_TOKEN_KEY) ?? null;
  } catch {
    // Storage blocked: the host page's `restore` brings it.
  }
  const changed: Array<(token: string) => void> = [];

  const clear = (): void => {
    current = null;
    store(null);
  };

  const send = async (
    input: RequestInfo | URL,
    init: RequestInit | undefined,
  ): Promise<Response> => {
    const headers = new Headers(init?.headers);
    headers.set(VISITOR_TOKEN_HEADER, current ?? NO_TOKEN);
    const response = await base(input, { ...init, headers });
    const answered = response.headers.get(VISITOR_TOKEN_HEADER);
    if (answered && answered !== current) {
      current = answered;
      store(answered);
      for (const listener of changed) listener(answered);
    }
    return response;
  };

  const tokenFetch: typeof fetch = async (input, init) => {
    const sentWith = current;
    const response = await send(input, init);
    if (sentWith === null || !(await refusesToken(response))) return response;
    if (current === sentWith) {
      clear();
      onRefused();
    }
    // A stream body cannot be sent twice: that one request fails, the next ones work.
    return init?.body instanceof ReadableStream ? response : send(input, init);
  };

  return {
    token: () => current,
    adopt: (fromHost) => {
      current ??= fromHost;
    },
    clear,
    fetch: tokenFetch,
    onChange: (listener) => {
      changed.push(listener);
    },
  };
}
