/**
 * A chat turn answers as SSE: `retry:` first, each event with `id:` = its log seq and
 * `event:` = its type, the reply text, a new draft with summary and changes, then `done`.
 * The turn is stored (messages, draft version, title) and keeps running if the visitor leaves.
 */
import { describe, expect, it } from 'vitest';
import { sessionStateSchema } from '../../shared/api-schema';
import type { SessionState } from '../../shared/api-schema';
import type { DraftEvent } from '../../shared/events-schema';
import { Visitor, readSse } from './visitor-client';

async function state(visitor: Visitor, sessionId: string): Promise<SessionState> {
  const response = await visitor.fetch(`/api/sessions/${sessionId}`);
  expect(response.status).toBe(200);
  return sessionStateSchema.parse(await response.json());
}

describe('a chat turn', () => {
  it('streams status, text, a draft and done, in order, with increasing ids', async () => {
    const visitor = new Visitor();
    const session = await visitor.createSession();
    const response = await visitor.post(`/api/sessions/${session.id}/messages`, {
      text: 'Generate a 30-second explainer video about solar panels for homeowners',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toMatch(/^text\/event-stream/);
    const transcript = await readSse(response);

    expect(transcript.retry).toBe(3000);
    const types = transcript.events.map((event) => event.type);
    expect(types.at(-1)).toBe('done');
    expect(types.filter((type) => type === 'done')).toHaveLength(1);
    expect(types).toContain('text');
    expect(types).toContain('draft');
    // Deltas (if any) come before the whole text that replaces them.
    const textAt = types.indexOf('text');
    expect(types.lastIndexOf('text-delta')).toBeLessThan(textAt);

    const ids = transcript.frames.map((frame) => Number(frame.id));
    expect(ids.every((id) => Number.isInteger(id) && id > 0)).toBe(true);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
    for (const frame of transcript.frames) expect(frame.event).toBe(JSON.parse(frame.data).type);

    const draft = transcript.events.find((event): event is DraftEvent => event.type === 'draft');
    expect(draft?.version).toBe(1);
    expect(draft?.summary).toMatch(/^Timeline \(\d+ tracks?\):/);
    expect(draft?.changes.length).toBeGreaterThan(0);
    expect(draft?.draft.durationMs).toBeGreaterThan(0);
  });

  it('stores the turn: GET state has the draft, its summary, both messages and the title', async () => {
    const visitor = new Visitor();
    const session = await visitor.createSession();
    expect(session.title).toBe('New video');
    expect(session.version).toBe(0);
    const prompt =
      'Generate a 30-second explainer video about solar panels for homeowners in sunny places';
    const transcript = await visitor.chat(session.id, prompt);
    const draftEvent = transcript.events.find(
      (event): event is DraftEvent => event.type === 'draft',
    );

    const restored = await state(visitor, session.id);
    expect(restored.draft).toEqual(draftEvent?.draft);
    expect(restored.summary).toBe(draftEvent?.summary);
    expect(restored.session.version).toBe(1);
    expect(restored.messages.map((message) => message.role)).toEqual(['user', 'assistant']);
    expect(restored.messages[0]?.text).toBe(prompt);
    expect(restored.session.title.length).toBeLessThanOrEqual(61);
    expect(prompt.startsWith(restored.session.title.replace(/…$/, ''))).toBe(true);
    expect(restored.lastEventSeq).toBe(Number(transcript.frames.at(-1)?.id));

    const list = await visitor.fetch('/api/sessions');
    const { sessions } = (await list.json()) as { sessions: { id: string; title: string }[] };
    expect(sessions.map((s) => s.id)).toContain(session.id);
  });

  it('an edit makes a new draft version with its changes', async () => {
    const visitor = new Visitor();
    const session = await visitor.sessionWithDraft();
    const edit = await visitor.chat(session.id, 'make it vertical');
    const draft = edit.events.find((event): event is DraftEvent => event.type === 'draft');
    expect(draft?.version).toBe(2);
    expect(draft?.draft.canvas.height).toBeGreaterThan(draft?.draft.canvas.width ?? Infinity);
    expect(draft?.changes.length).toBeGreaterThan(0);
    const restored = await state(visitor, session.id);
    expect(restored.session.version).toBe(2);
    expect(restored.draft?.canvas).toEqual(draft?.draft.canvas);
  });

  it('undo goes back to the previous draft as a new version', async () => {
    const visitor = new Visitor();
    const session = await visitor.sessionWithDraft();
    const first = (await state(visitor, session.id)).draft;
    await visitor.chat(session.id, 'make it vertical');
    const undo = await visitor.chat(session.id, 'undo');
    const draft = undo.events.find((event): event is DraftEvent => event.type === 'draft');
    expect(draft?.version).toBe(3);
    expect(draft?.draft).toEqual(first);
  });

  it('keeps running to the end when the visitor disconnects mid-stream', async () => {
    const visitor = new Visitor();
    const session = await visitor.createSession();
    const response = await visitor.post(`/api/sessions/${session.id}/messages`, {
      text: 'Generate a 20-second promo video for a bakery',
    });
    expect(response.status).toBe(200);
    const reader = response.body?.getReader();
    await reader?.read();
    await reader?.cancel();

    let restored = await state(visitor, session.id);
    for (let i = 0; i < 50 && restored.messages.length < 2; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      restored = await state(visitor, session.id);
    }
    expect(restored.messages.map((message) => message.role)).toEqual(['user', 'assistant']);
    expect(restored.draft).not.toBeNull();
  });
});
