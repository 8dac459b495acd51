/**
 * @module chat-model
 * The conversation: the messages shown, the assistant reply being streamed, the status line
 * ("planning scenes…") and the suggested actions of the last turn.
 *
 * Streaming follows the events protocol: `text-delta`s are appended to `streamingText` as they
 * come, then the one final `text` REPLACES them (never both), and at the end of the turn the
 * reply becomes a message. `draft` events go to the draft model, `batch` events to the batch model.
 *
 * Every event is applied exactly once, by its seq (the `id:` of the session log), whichever
 * stream brings it: the turn's own answer, a catch-up, or the session's live stream
 * ({@link ChatModel.follow}), which also shows turns started in another tab and resumes a
 * turn that was still running when this page was (re)opened.
 */
import { action, batch, computed, createModel, signal } from '@preact/signals';
import type { ChatMessage } from '../../../shared/api-schema';
import type { StreamEvent, SuggestedAction } from '../../../shared/events-schema';
import { abortableSleep } from '../../../shared/abortable-sleep';
import type { ApiClient } from '../api-client';
import { ApiError, isAbort } from '../api-error';
import { t } from '../i18n/locale';
import type { ReceivedEvent } from '../sse-reader';
import type { BatchModel } from './batch-model';
import type { DraftModel } from './draft-model';
import type { NoticeModel } from './notice-model';
import type { SessionModel } from './session-model';

/**
 * Catch-up tries after a dropped stream: 4, waiting 1.5, 3, 4.5 and 6 s (15 s in all), which
 * covers a director turn (a few seconds) without leaving the visitor waiting long on a real fault.
 */
export const CATCH_UP_ATTEMPTS = 4;
/** First wait before a catch-up, ms; each next try waits one step longer. */
export const CATCH_UP_DELAY_MS = 1_500;
/**
 * Wait before reopening the session's live stream after it ended (the edge ends it every
 * 10 min) or failed once, ms; it doubles per failure in a row, up to {@link FOLLOW_MAX_DELAY_MS}.
 * Nothing is lost meanwhile: the reconnect replays after the last seq seen.
 */
export const FOLLOW_RETRY_MS = 1_000;
/** Longest wait between live-stream reconnects while the edge cannot be reached, ms. */
export const FOLLOW_MAX_DELAY_MS = 30_000;

/** One message in the list. `local` replies were answered on this page, not by the edge. */
export interface ChatEntry {
  id: string;
  role: 'user' | 'assistant';
  text: string;
  /** Unix time, ms. */
  atMs: number;
  local: boolean;
}

/** What the chat model needs from the rest of the app. */
export interface ChatModelDeps {
  api: ApiClient;
  session: SessionModel;
  draft: DraftModel;
  batch: Pick<BatchModel, 'applyEvent'>;
  notices: NoticeModel;
}

/** The chat model: messages, the streaming reply, the status line and suggested actions. */
export const ChatModel = createModel(
  ({ api, session, draft, batch: batchModel, notices }: ChatModelDeps) => {
    const messages = signal<ChatEntry[]>([]);
    /** The assistant reply so far during a turn; null when no turn is streaming. */
    const streamingText = signal<string | null>(null);
    /** The newest `status` of the running turn ("planning scenes…"), or ''. */
    const statusText = signal('');
    /** True while a turn runs (the composer's Send is disabled). */
    const busy = signal(false);
    /** Chips suggested by the last turn (export, prompts…). */
    const suggestions = signal<SuggestedAction[]>([]);
    /** What is typed in the composer, not sent yet. */
    const composerText = signal('');
    const isEmpty = computed(() => messages.value.length === 0 && streamingText.value === null);

    let nextId = 0;
    let controller: AbortController | null = null;
    /** Stops the live stream of the followed session. */
    let follower: AbortController | null = null;
    let followedId: string | null = null;
    /** The turn shown as running (a token), or null; a stale token's finish is ignored. */
    let activeTurn: number | null = null;
    let turnCount = 0;
    /** This page's message whose `user-message` event has not come back yet (it is shown already). */
    let ownPendingText: string | null = null;
    const entry = (
      role: ChatEntry['role'],
      text: string,
      local: boolean,
      atMs = Date.now(),
    ): ChatEntry => ({
      id: `m${++nextId}`,
      role,
      text,
      atMs,
      local,
    });

    /** Adds the visitor's message to the list. */
    const addUserMessage = action((text: string) => {
      messages.value = [...messages.value, entry('user', text, false)];
    });

    /** Adds an assistant reply made on this page (credits, status, uploads…). */
    const addLocalReply = action((text: string) => {
      messages.value = [...messages.value, entry('assistant', text, true)];
    });

    /** Replaces the list with a restored session's messages. */
    const restore = action((restored: ChatMessage[]) => {
      messages.value = restored.map((m) => entry(m.role, m.text, false, m.atMs));
      suggestions.value = [];
    });

    const handleEvent = action((event: StreamEvent) => {
      switch (event.type) {
        case 'status':
          statusText.value = event.message;
          break;
        case 'text-delta':
          streamingText.value = (streamingText.value ?? '') + event.delta;
          break;
        case 'text':
          streamingText.value = event.text;
          break;
        case 'draft':
          draft.applyEvent(event);
          break;
        case 'batch':
          batchModel.applyEvent(event);
          break;
        case 'actions':
          suggestions.value = event.actions;
          break;
        case 'error':
          notices.showError(event.message);
          break;
        case 'user-message':
        case 'render-progress':
        case 'done':
          break;
      }
    });

    /** Shows a turn as running: busy, an empty reply to stream into; returns its token. */
    const beginTurn = action((): number => {
      const token = ++turnCount;
      activeTurn = token;
      batch(() => {
        busy.value = true;
        suggestions.value = [];
        streamingText.value = '';
        statusText.value = '';
      });
      return token;
    });

    const finishTurn = action((token: number) => {
      if (activeTurn !== token) return;
      activeTurn = null;
      ownPendingText = null;
      const reply = streamingText.value;
      batch(() => {
        if (reply !== null && reply.trim() !== '') {
          messages.value = [...messages.value, entry('assistant', reply, false)];
        }
        streamingText.value = null;
        statusText.value = '';
        busy.value = false;
      });
    });

    /**
     * Streams one chat turn for `text` (the user message must already be in the list). When the
     * stream drops before `done`, the turn keeps running at the edge, so its stored events are
     * replayed (a few times, while it finishes). Failures are shown in the banner; never rejects.
     */
    /**
     * Applies one event of the session unless its seq was applied already (from another stream).
     * A `user-message` not sent by this page starts a turn from another tab; `done` ends the turn.
     */
    const receive = action(({ event, seq }: ReceivedEvent): void => {
      if (seq !== null) {
        if (seq <= session.lastEventSeq.peek()) return;
        session.noteEventSeq(seq);
      }
      if (event.type === 'user-message') {
        if (activeTurn !== null && ownPendingText === event.text) {
          ownPendingText = null;
          return;
        }
        if (activeTurn !== null) finishTurn(activeTurn);
        addUserMessage(event.text);
        beginTurn();
        return;
      }
      if (event.type === 'done') {
        if (activeTurn !== null) finishTurn(activeTurn);
        return;
      }
      handleEvent(event);
    });

    const streamTurn = action(async (sessionId: string, text: string): Promise<void> => {
      const token = beginTurn();
      ownPendingText = text;
      controller = new AbortController();
      const { signal } = controller;
      let sawError = false;
      const turnEnded = (): boolean => sawError || activeTurn !== token;
      let invalidEvents = 0;
      const onEvent = (received: ReceivedEvent): void => {
        if (received.event.type === 'error') sawError = true;
        receive(received);
      };
      try {
        let started = false;
        try {
          const outcome = await api.streamMessage(
            sessionId,
            text,
            (received) => {
              started = true;
              onEvent(received);
            },
            signal,
          );
          invalidEvents += outcome.invalidEvents;
        } catch (cause) {
          // Before any event, the turn may never have started: report it rather than replay.
          if (isAbort(cause) || !started) throw cause;
        }
        // The edge follows a running turn to its `done`; the live stream may also bring it meanwhile.
        for (
          let attempt = 0;
          !turnEnded() && attempt < CATCH_UP_ATTEMPTS && !signal.aborted;
          attempt += 1
        ) {
          await abortableSleep(CATCH_UP_DELAY_MS * (attempt + 1));
          if (turnEnded()) break;
          const outcome = await api.replayEvents(
            sessionId,
            session.lastEventSeq.peek(),
            onEvent,
            signal,
          );
          invalidEvents += outcome.invalidEvents;
        }
        if (!turnEnded()) notices.showError(t('error.answerCutOff'));
        else if (invalidEvents > 0) notices.showError(t('error.answerPartlyUnreadable'));
      } catch (cause) {
        if (!isAbort(cause)) notices.showFailure(cause);
      } finally {
        controller = null;
        finishTurn(token);
      }
    });

    /**
     * Shows the turn a restored session is still running (its user message is restored already);
     * its events come on the live stream ({@link follow}), replayed from the turn's start.
     */
    const resumeRunningTurn = action(() => {
      if (activeTurn === null) beginTurn();
    });

    /**
     * Keeps the session's live stream open (`GET …/events?live=1`) until {@link stopFollowing}:
     * turns from other tabs appear here live, and a running turn resumes where this page left
     * off. Reconnects with the last seq seen whenever the stream ends or drops; stops on 404.
     */
    const follow = action((sessionId: string): void => {
      if (follower !== null && followedId === sessionId) return;
      follower?.abort();
      const stop = new AbortController();
      follower = stop;
      followedId = sessionId;
      void (async () => {
        let failures = 0;
        while (!stop.signal.aborted) {
          try {
            await api.followEvents(sessionId, session.lastEventSeq.peek(), receive, stop.signal);
            failures = 0;
          } catch (cause) {
            if (isAbort(cause) || stop.signal.aborted) return;
            if (cause instanceof ApiError && cause.status === 404) {
              if (follower === stop) follower = null;
              return;
            }
            failures += 1;
          }
          try {
            await abortableSleep(
              Math.min(FOLLOW_MAX_DELAY_MS, FOLLOW_RETRY_MS * 2 ** Math.max(0, failures - 1)),
              stop.signal,
            );
          } catch {
            return; // Only an abort rejects: the stream was closed while waiting to reconnect.
          }
        }
      })();
    });

    /** Closes the live stream (another session is opened, or a new video started). */
    const stopFollowing = action(() => {
      follower?.abort();
      follower = null;
    });

    /** Stops the running turn (a new video was started). */
    const cancelTurn = action(() => controller?.abort());

    /** Empties the conversation (a new video). */
    const clear = action(() => {
      cancelTurn();
      stopFollowing();
      activeTurn = null;
      ownPendingText = null;
      batch(() => {
        busy.value = false;
        messages.value = [];
        suggestions.value = [];
        streamingText.value = null;
        statusText.value = '';
      });
    });

    /** Updates the composer text as the visitor types. */
    const setComposerText = action((text: string) => {
      composerText.value = text;
    });

    /** Sets whether a turn is running, for turns answered on this page without the edge. */
    const setBusy = action((value: boolean) => {
      busy.value = value;
    });

    return {
      messages,
      streamingText,
      statusText,
      busy,
      suggestions,
      composerText,
      isEmpty,
      setComposerText,
      addUserMessage,
      addLocalReply,
      restore,
      streamTurn,
      resumeRunningTurn,
      follow,
      stopFollowing,
      cancelTurn,
      clear,
      setBusy,
    };
  },
);

export type ChatModel = InstanceType<typeof ChatModel>;
