/**
 * @module visitor-token-store
 * The widget's visitor credential where third-party cookies may be blocked: the signed token the
 * edge returns in `X-Reelwright-Visitor` (functions/middleware/visitor-token.ts). It is kept in
 * this frame's localStorage (partitioned per host site by the browser) and, through the loader's
 * `persist` event, by the host page, which hands it back in the frame URL's #fragment. Every API
 * request sends it. Download links never carry it: each is signed by the edge for its one file.
 */

/** Header the edge reads and answers (functions/middleware/visitor-token.ts). */
export const VISITOR_TOKEN_HEADER = 'X-Reelwright-Visitor';
/** Sent when there is no token yet: asks the edge to issue one. */
const NO_TOKEN = 'new';
/** localStorage key of the token in this frame's partition. */
export const VISITOR_TOKEN_KEY = 'reelwright.visitorToken';

/** Token state and a `fetch` that sends and refreshes it. */
export interface VisitorTokenStore {
  /** The current token, or null before the first answer. */
  token(): string | null;
  /** A `fetch` for `createApiClient` that adds the header and keeps the token answered. */
  fetch: typeof fetch;
  /** Called whenever the token changes (to tell the host page). */
  onChange(listener: (token: string) => void): void;
}

function readStored(): string | null {
  try {
    return globalThis.localStorage?.getItem(VISITOR_TOKEN_KEY) ?? null;
  } catch {
    return null;
  }
}

function writeStored(token: string): void {
  try {
    globalThis.localStorage?.setItem(VISITOR_TOKEN_KEY, token);
  } catch {
    // Storage blocked: the host page keeps the token (persist event).
  }
}

/**
 * Creates the store; `fromHost` is the token the host page handed back (#fragment), used when
 * this frame's own storage has none.
 */
export function createVisitorTokenStore(fromHost: string | null, base: typeof fetch = globalThis.fetch.bind(globalThis)): VisitorTokenStore {
  let current = readStored() ?? fromHost;
  const listeners: Array<(token: string) => void> = [];

  const tokenFetch: typeof fetch = async (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set(VISITOR_TOKEN_HEADER, current ?? NO_TOKEN);
    const response = await base(input, { ...init, headers });
    const answered = response.headers.get(VISITOR_TOKEN_HEADER);
    if (answered !== null && answered !== '' && answered !== current) {
      current = answered;
      writeStored(answered);
      for (const listener of listeners) listener(answered);
    }
    return response;
  };

  return {
    token: () => current,
    fetch: tokenFetch,
    onChange: (listener) => {
      listeners.push(listener);
    },
  };
}
