/**
 * @module chat-model
 * The conversation: the messages shown, the assistant reply being streamed, the status line
 * ("planning scenes…") and the suggested actions of the last turn.
 *
 * Streaming follows the events protocol: `text-delta`s are appended to `streamingText` as they
 * come, then the one final `text` REPLACES them (never both), and at the end of the turn the
 * reply becomes a message. `draft` events go to the draft model.
 */
import { action, batch, computed, createModel, signal } from '@preact/signals';
import type { ChatMessage } from '../../../shared/api-schema';
import type { StreamEvent, SuggestedAction } from '../../../shared/events-schema';
import type { ApiClient } from '../api-client';
import { isAbort } from '../api-error';
import type { ReceivedEvent } from '../sse-reader';
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
  notices: NoticeModel;
}

/** The chat model: messages, the streaming reply, the status line and suggested actions. */
export const ChatModel = createModel(({ api, session, draft, notices }: ChatModelDeps) => {
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
  const entry = (role: ChatEntry['role'], text: string, local: boolean, atMs = Date.now()): ChatEntry => ({
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
      case 'actions':
        suggestions.value = event.actions;
        break;
      case 'error':
        notices.showError(event.message);
        break;
      case 'render-progress':
      case 'done':
        break;
    }
  });

  const finishTurn = action(() => {
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
  const streamTurn = action(async (sessionId: string, text: string): Promise<void> => {
    batch(() => {
      busy.value = true;
      suggestions.value = [];
      streamingText.value = '';
      statusText.value = '';
    });
    controller = new AbortController();
    const { signal } = controller;
    let ended = false;
    let invalidEvents = 0;
    const onEvent = ({ event, seq }: ReceivedEvent): void => {
      if (seq !== null) session.noteEventSeq(seq);
      if (event.type === 'error' || event.type === 'done') ended = true;
      handleEvent(event);
    };
    try {
      let started = false;
      try {
        const outcome = await api.streamMessage(sessionId, text, (received) => {
          started = true;
          onEvent(received);
        }, signal);
        invalidEvents += outcome.invalidEvents;
      } catch (cause) {
        // Before any event, the turn may never have started: report it rather than replay.
        if (isAbort(cause) || !started) throw cause;
      }
      for (let attempt = 0; !ended && attempt < CATCH_UP_ATTEMPTS && !signal.aborted; attempt += 1) {
        await sleep(CATCH_UP_DELAY_MS * (attempt + 1));
        const outcome = await api.replayEvents(sessionId, session.lastEventSeq.peek(), onEvent);
        invalidEvents += outcome.invalidEvents;
      }
      if (!ended) notices.showError('The answer was cut off before it finished. Send your message again.');
      else if (invalidEvents > 0) notices.showError('Part of the answer could not be read; what could be read is shown.');
    } catch (cause) {
      if (!isAbort(cause)) notices.showFailure(cause);
    } finally {
      controller = null;
      finishTurn();
    }
  });

  /** Stops the running turn (a new video was started). */
  const cancelTurn = action(() => controller?.abort());

  /** Empties the conversation (a new video). */
  const clear = action(() => {
    cancelTurn();
    batch(() => {
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
    cancelTurn,
    clear,
    setBusy,
  };
});

export type ChatModel = InstanceType<typeof ChatModel>;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
