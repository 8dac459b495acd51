/**
 * @module session-model
 * Which session this page talks to. The id is persisted (see session-id-store); a session is
 * created on first use, restored on load with `GET /api/sessions/:id`, and forgotten when the
 * edge answers 404 (expired, or another visitor's), after which the next use creates a new one.
 */
import { action, createModel, signal } from '@preact/signals';
import type { SessionState } from '../../../shared/api-schema';
import type { ApiClient } from '../api-client';
import { ApiError } from '../api-error';
import { readStoredSessionId, writeStoredSessionId } from './session-id-store';

/** Where the session is in its life on this page. */
export type SessionPhase = 'idle' | 'restoring' | 'ready';

/** The session model: `sessionId` (null until first use), `phase`, `lastEventSeq`. */
export const SessionModel = createModel((api: ApiClient) => {
  const sessionId = signal<string | null>(readStoredSessionId());
  const phase = signal<SessionPhase>('idle');
  /** Seq of the newest event seen (for a `Last-Event-ID` replay). */
  const lastEventSeq = signal(0);
  let creating: Promise<string> | null = null;

  const adopt = action((id: string | null) => {
    sessionId.value = id;
    lastEventSeq.value = 0;
    writeStoredSessionId(id);
  });

  /**
   * Loads the stored session's state. Resolves null when there is no stored id or the edge
   * no longer knows it (404: the id is forgotten). Other failures reject with {@link ApiError}.
   */
  const restore = action(async (): Promise<SessionState | null> => {
    const id = sessionId.value;
    if (id === null) {
      phase.value = 'ready';
      return null;
    }
    phase.value = 'restoring';
    try {
      const state = await api.getSession(id);
      // A turn still running is followed from its start, so its reply streams in again.
      lastEventSeq.value = state.runningTurn?.firstSeq ?? state.lastEventSeq;
      return state;
    } catch (cause) {
      if (cause instanceof ApiError && cause.status === 404) {
        adopt(null);
        return null;
      }
      throw cause;
    } finally {
      phase.value = 'ready';
    }
  });

  /** The current session id, creating a session first if there is none (once, even if called twice). */
  const ensure = action((): Promise<string> => {
    const id = sessionId.value;
    if (id !== null) return Promise.resolve(id);
    creating ??= api
      .createSession()
      .then((info) => {
        adopt(info.id);
        return info.id;
      })
      .finally(() => {
        creating = null;
      });
    return creating;
  });

  /** Records the `id:` of an event read from a stream. */
  const noteEventSeq = action((seq: number) => {
    if (seq > lastEventSeq.value) lastEventSeq.value = seq;
  });

  /** Drops the current session (the next use creates a new one). */
  const forget = action(() => adopt(null));

  /** Switches to the visitor's session `id` (from the library); {@link restore} then loads it. */
  const open = action((id: string) => adopt(id));

  return { sessionId, phase, lastEventSeq, restore, ensure, noteEventSeq, forget, open };
});

export type SessionModel = InstanceType<typeof SessionModel>;
