import { describe, expect, it } from 'vitest';
import { ChatModel } from './chat-model';
import { DraftModel } from './draft-model';
import { fakeApiClient } from '../../../test/unit-helpers/fake-api-client';
import { NoticeModel } from './notice-model';
import { SessionModel } from './session-model';

describe('a streamed chat turn', () => {
  it('shows deltas while streaming, then keeps only the final text (never both)', async () => {
    const api = fakeApiClient([
      { type: 'status', message: 'planning scenes…' },
      { type: 'text-delta', delta: 'Here is ' },
      { type: 'text-delta', delta: 'a draft' },
      { type: 'text', text: 'Here is a 30-second draft.' },
      { type: 'actions', actions: [{ kind: 'export', label: 'Export' }] },
      { type: 'done' },
    ]);
    const notices = new NoticeModel();
    const chat = new ChatModel({
      api,
      session: new SessionModel(api),
      draft: new DraftModel(),
      batch: { applyEvent: () => undefined },
      notices,
    });
    chat.addUserMessage('make a video');
    await chat.streamTurn('s1', 'make a video');

    expect(chat.messages.value.map((m) => [m.role, m.text])).toEqual([
      ['user', 'make a video'],
      ['assistant', 'Here is a 30-second draft.'],
    ]);
    expect(chat.streamingText.value).toBeNull();
    expect(chat.busy.value).toBe(false);
    expect(chat.suggestions.value).toEqual([{ kind: 'export', label: 'Export' }]);
    expect(notices.error.value).toBeNull();
  });

  it('shows an error event in plain words', async () => {
    const api = fakeApiClient([
      { type: 'error', code: 'engine_failed', message: 'The director stopped. Try again.' },
    ]);
    const notices = new NoticeModel();
    const chat = new ChatModel({
      api,
      session: new SessionModel(api),
      draft: new DraftModel(),
      batch: { applyEvent: () => undefined },
      notices,
    });
    await chat.streamTurn('s1', 'hi');
    expect(notices.error.value).toBe('The director stopped. Try again.');
    expect(chat.busy.value).toBe(false);
  });
});
