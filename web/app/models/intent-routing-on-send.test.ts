import { describe, expect, it } from 'vitest';
import { batchItemId } from '../../../shared/batch-schema';
import { draftSchema } from '../../../shared/draft-schema';
import { ApiError } from '../api-error';
import { AppModel, UPLOAD_HINT } from './app-model';
import { fakeApiClient } from '../../../test/unit-helpers/fake-api-client';

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

  it('exports every video of the batch for "export" while a batch is current', async () => {
    const draft = draftSchema.parse({
      title: 'Waves',
      canvas: { width: 1920, height: 1080, fps: 30 },
      durationMs: 10_000,
      look: {
        paletteName: 'Midnight',
        background: ['#000000'],
        text: '#ffffff',
        accent: '#38bdf8',
        fontFamily: 'Inter',
      },
      tracks: [],
    });
    const items = ['waves', 'space'].map((mediaId) => ({
      id: batchItemId(mediaId),
      mediaId,
      label: mediaId,
      draft,
    }));
    const created: Array<string | undefined> = [];
    const api = fakeApiClient(
      [{ type: 'batch', version: 1, changes: [], batch: { items } }, { type: 'done' }],
      {
        // Out of credits at once: nothing is queued, so nothing is rendered in this test.
        createExport: (_sessionId, body) => {
          created.push(body?.batchItemId);
          return Promise.reject(new ApiError(402, 'out_of_credits', 'Not enough credits.'));
        },
      },
    );
    const app = new AppModel(api);
    await app.send('make a 10-second clip from each of these');
    expect(app.draft.draft.value).toBe(draft);
    await app.send('export');
    expect(api.sent).toEqual(['make a 10-second clip from each of these']);
    expect(created).toEqual(['item-waves']);
    expect(app.batch.note.value).toBe(
      'Your credits ran out: 0 of 2 videos are queued and will be rendered; the other 2 are not.',
    );
  });

  it('does not send "export" to the chat when there is no draft yet', async () => {
    const api = fakeApiClient([]);
    const app = new AppModel(api);
    await app.send('export');
    expect(api.sent).toEqual([]);
    expect(app.chat.messages.value.at(-1)?.role).toBe('assistant');
  });
});
