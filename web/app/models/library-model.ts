/**
 * @module library-model
 * The visitor's library: every video (session) they made, newest change first, each with its
 * draft summary and its latest render (status, and the download link once completed). Read
 * from `GET /api/sessions` and `GET /api/renders`; opening one is the app model's job.
 */
import { action, batch, createModel, signal } from '@preact/signals';
import type { RenderSummary, SessionInfo } from '../../../shared/api-schema';
import type { ApiClient } from '../api-client';
import { plainError } from '../format/plain-error';

/** One video in the library: its session and its newest render job, if any. */
export interface LibraryEntry {
  session: SessionInfo;
  /** The newest render of this session, or null when it was never exported. */
  latestRender: RenderSummary | null;
}

/**
 * Pairs each session with its newest render and sorts by last change, newest first.
 * `renders` may come in any order; a render of a session not listed is left out.
 *
 * @example joinLibrary([session], [olderRender, newerRender]) // [{ session, latestRender: newerRender }]
 */
export function joinLibrary(
  sessions: readonly SessionInfo[],
  renders: readonly RenderSummary[],
): LibraryEntry[] {
  const latest = new Map<string, RenderSummary>();
  for (const render of renders) {
    const known = latest.get(render.sessionId);
    if (known === undefined || render.createdAtMs > known.createdAtMs)
      latest.set(render.sessionId, render);
  }
  return [...sessions]
    .sort((a, b) => b.updatedAtMs - a.updatedAtMs)
    .map((session) => ({ session, latestRender: latest.get(session.id) ?? null }));
}

/** The library model: `isOpen`, `entries`, `loading`, `error`; `show`, `hide`, `refresh`. */
export const LibraryModel = createModel((api: ApiClient) => {
  const isOpen = signal(false);
  const entries = signal<LibraryEntry[]>([]);
  const loading = signal(false);
  /** Why the list could not be loaded, in plain words; null when it could. */
  const error = signal<string | null>(null);

  /** Reloads the list. Never rejects: a failure is kept in `error`. */
  const refresh = action(async (): Promise<void> => {
    loading.value = true;
    try {
      const [sessions, renders] = await Promise.all([api.listSessions(), api.listRenders()]);
      batch(() => {
        entries.value = joinLibrary(sessions, renders);
        error.value = null;
      });
    } catch (cause) {
      error.value = plainError(cause);
    } finally {
      loading.value = false;
    }
  });

  /** Opens the library and loads it fresh. */
  const show = action(async (): Promise<void> => {
    isOpen.value = true;
    await refresh();
  });

  /** Closes the library. */
  const hide = action(() => {
    isOpen.value = false;
  });

  return { isOpen, entries, loading, error, refresh, show, hide };
});

export type LibraryModel = InstanceType<typeof LibraryModel>;
