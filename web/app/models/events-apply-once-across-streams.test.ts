/**
 * A session's events may arrive on several streams at once (the turn's own answer, a catch-up,
 * the live stream) and again after a reconnect: each is applied exactly once, by seq. The live
 * stream also shows a turn from another tab and completes a turn resumed after a reload.
 */
import { describe, expect, it } from 'vitest';
import type { StreamEvent } from '../../../shared/events-schema';
import type { ReceivedEvent, StreamOutcome } from '../sse-reader';
import { ChatModel } from './chat-model';
import { DraftModel } from './draft-model';
import { fakeApiClient } from '../../../test/unit-helpers/fake-api-client';
import { NoticeModel } from './notice-model';
import { SessionModel } from './session-model';

const TURN: StreamEvent[] = [
  { type: 'user-message', text: 'make a video' },
  { type: 'status', message: 'planning scenes…' },
  { type: 'text-delta', delta: 'Here is ' },
  { type: 'text-delta', delta: 'a draft' },
  { type: 'text', text: 'Here is a draft.' },
  { type: 'done' },
];

/** A live stream that plays `events` (seqs from `firstSeq`) after `afterSeq`, then stays open until stopped. */
function liveStream(events: StreamEvent[], firstSeq = 1) {
  const calls: number[] = [];
  let markDelivered: () => void = () => undefined;
  /** Resolves once the events were handed over (one per macrotask, like a network). */
  const delivered = new Promise<void>((resolve) => {
    markDelivered = resolve;
  });
  const followEvents = async (
    _sessionId: string,
    afterSeq: number,
    onEvent: (received: ReceivedEvent) => void,
    signal: AbortSignal,
  ): Promise<StreamOutcome> => {
    calls.push(afterSeq);
    for (const [index, event] of events.entries()) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      const seq = firstSeq + index;
      if (seq > afterSeq) onEvent({ event, seq });
    }
    markDelivered();
    return new Promise((resolve) =>
      signal.addEventListener('abort', () =>
        resolve({ sawDone: false, lastSeq: null, invalidEvents: 0 }),
      ),
    );
  };
  return { calls, followEvents, delivered };
}

function models(api: ReturnType<typeof fakeApiClient>) {
  const session = new SessionModel(api);
  const chat = new ChatModel({
    api,
    session,
    draft: new DraftModel(),
    batch: { applyEvent: () => undefined },
    notices: new NoticeModel(),
  });
  return { session, chat };
}

describe('events apply once across streams', () => {
  it('the same turn on the answer stream and the live stream shows one reply', async () => {
    const live = liveStream(TURN);
    // The answer stream starts before the live stream delivers anything.
    const api = fakeApiClient(TURN);
    const { chat } = models(api);
    chat.addUserMessage('make a video');
    await chat.streamTurn('s1', 'make a video');
    api.followEvents = live.followEvents;
    chat.follow('s1');
    await live.delivered;
    expect(live.calls).toEqual([TURN.length]);
    expect(chat.messages.value.map((m) => [m.role, m.text])).toEqual([
      ['user', 'make a video'],
      ['assistant', 'Here is a draft.'],
    ]);
    chat.stopFollowing();
  });

  it('shows a turn started in another tab, with its user message, live', async () => {
    const live = liveStream(TURN);
    const api = fakeApiClient([], { followEvents: live.followEvents });
    const { chat } = models(api);
    const seen: Array<string | null> = [];
    const unsubscribe = chat.streamingText.subscribe((text) => seen.push(text));
    chat.follow('s1');
    await live.delivered;
    unsubscribe();
    expect(seen).toEqual([null, '', 'Here is ', 'Here is a draft', 'Here is a draft.', null]);
    expect(chat.messages.value.map((m) => [m.role, m.text])).toEqual([
      ['user', 'make a video'],
      ['assistant', 'Here is a draft.'],
    ]);
    expect(chat.busy.value).toBe(false);
    chat.stopFollowing();
  });

  it('a turn still running after a reload resumes from its user message and completes once', async () => {
    const live = liveStream(TURN, 11);
    const api = fakeApiClient([], {
      getSession: () =>
        Promise.resolve({
          session: {
            id: 's1',
            title: 'make a video',
            createdAtMs: 0,
            updatedAtMs: 0,
            version: 0,
            summary: '',
          },
          draft: null,
          summary: '',
          messages: [{ role: 'user', text: 'make a video', atMs: 0 }],
          lastEventSeq: 13,
          runningTurn: { firstSeq: 11, startedAtMs: 0 },
          batch: null,
          batchVersion: 0,
        }),
      followEvents: live.followEvents,
    });
    const { session, chat } = models(api);
    session.open('s1');
    const state = await session.restore();
    chat.restore(state?.messages ?? []);
    chat.resumeRunningTurn();
    expect(chat.busy.value).toBe(true);
    chat.follow('s1');
    await live.delivered;
    expect(live.calls).toEqual([11]);
    expect(chat.messages.value.map((m) => [m.role, m.text])).toEqual([
      ['user', 'make a video'],
      ['assistant', 'Here is a draft.'],
    ]);
    expect(chat.busy.value).toBe(false);
    expect(session.lastEventSeq.value).toBe(16);
    chat.stopFollowing();
  });
});
