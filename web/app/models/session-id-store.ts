/**
 * @module session-id-store
 * Keeps the current session id in `localStorage` under {@link SESSION_ID_KEY}, so a reload or a
 * reopened tab finds its video again. Storage can be missing or throw (private mode, a
 * sandboxed iframe); then the id simply lives for this page only.
 */

/** The localStorage key of the current session id. */
export const SESSION_ID_KEY = 'reelwright.sessionId';

/** The stored session id, or null when none is stored or storage is unavailable. */
export function readStoredSessionId(): string | null {
  try {
    const value = globalThis.localStorage?.getItem(SESSION_ID_KEY) ?? null;
    return value !== null && value.trim() !== '' ? value : null;
  } catch {
    return null;
  }
}

/** Stores `id` (or removes the key for null); silently does nothing without storage. */
export function writeStoredSessionId(id: string | null): void {
  try {
    if (id === null) globalThis.localStorage?.removeItem(SESSION_ID_KEY);
    else globalThis.localStorage?.setItem(SESSION_ID_KEY, id);
  } catch {
    // Storage refused (quota, sandbox): the session still works until the page closes.
  }
}
