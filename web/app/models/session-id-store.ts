/**
 * @module session-id-store
 * Keeps the current session id in `localStorage` under {@link SESSION_ID_KEY}, so a reload or a
 * reopened tab finds its video again. Storage can be missing or throw (private mode, a
 * sandboxed iframe, a third-party frame with storage blocked); then the id lives in memory for
 * this page only (the widget's host page keeps it across reloads).
 */

/** The localStorage key of the current session id. */
export const SESSION_ID_KEY = 'reelwright.sessionId';

/** The id of this page when storage refuses it (undefined: storage works, or nothing written yet). */
let inMemory: string | null | undefined;

/** The stored session id, or null when none is stored; the in-memory one when storage is unavailable. */
export function readStoredSessionId(): string | null {
  try {
    const value = globalThis.localStorage?.getItem(SESSION_ID_KEY) ?? null;
    return value !== null && value.trim() !== '' ? value : (inMemory ?? null);
  } catch {
    return inMemory ?? null;
  }
}

/** Stores `id` (or removes the key for null); kept in memory only when storage refuses it. */
export function writeStoredSessionId(id: string | null): void {
  inMemory = id;
  try {
    if (id === null) globalThis.localStorage?.removeItem(SESSION_ID_KEY);
    else globalThis.localStorage?.setItem(SESSION_ID_KEY, id);
  } catch {
    // Storage refused (quota, sandbox): the session still works until the page closes.
  }
}
