import { describe, expect, it } from 'vitest';
import { AppModel, UPLOAD_HINT } from './app-model';
import { fakeApiClient } from './fake-api-client';

const storage = new Map<string, string>();
Object.assign(globalThis, {
  localStorage: {
    getItem: (key: string) => storage.get(key) ?? null,
    setItem: (key: string, value: string) => storage.set(key, value),
    removeItem: (key: string) => storage.delete(key),
  },
});

describe('sending a message', () => {
  it('answers "credits" on the page, without a chat turn', async () => {
    const api = fakeApiClient([]);
    const app = new AppModel(api);
    await app.send('how many credits do I have');
    expect(api.sent).toEqual([]);
    expect(app.chat.messages.value.at(-1)?.text).toMatch(/^You have 87 credits available/);
  });

  it('opens the file picker for "upload" without a chat turn', async () => {
    const api = fakeApiClient([]);
    const app = new AppModel(api);
    await app.send('upload');
    expect(api.sent).toEqual([]);
    expect(app.chat.messages.value.at(-1)?.text).toBe(UPLOAD_HINT);
    expect(app.media.pickerRequests.value).toBe(1);
  });

  it('streams anything else as a chat turn, creating the session on first use', async () => {
    const api = fakeApiClient([{ type: 'text', text: 'On it.' }, { type: 'done' }]);
    const app = new AppModel(api);
    await app.send('Make a 30-second explainer about our budgeting app for students');
    expect(api.sent).toHaveLength(1);
    expect(app.session.sessionId.value).toBe('s1');
    expect(storage.get('reelwright.sessionId')).toBe('s1');
    expect(app.chat.messages.value.at(-1)?.text).toBe('On it.');
  });

  it('does not send "export" to the chat when there is no draft yet', async () => {
    const api = fakeApiClient([]);
    const app = new AppModel(api);
    await app.send('export');
    expect(api.sent).toEqual([]);
    expect(app.chat.messages.value.at(-1)?.role).toBe('assistant');
  });
});
