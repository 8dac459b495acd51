import { describe, expect, it } from 'vitest';
import type { Draft } from '../../../shared/draft-schema';
import { draftSchema } from '../../../shared/draft-schema';
import type { ChatTurnInput, EngineEvent } from '../engine';
import { EmbeddedEngine, isCreateRequest, runTurn, shouldPlan } from './embedded-engine';

const SCRIPT =
  'Most teams lose hours every week hunting for the right file. Nimbus fixes that. Nimbus keeps every document, design and ' +
  'spreadsheet in one secure cloud workspace, so your whole team can find anything in seconds. It syncs automatically across ' +
  'laptops and phones, and it encrypts everything end to end. No more lost links or version chaos. Setup takes five minutes, ' +
  'and your first month is free. Try Nimbus today and give your team their time back. Download our app today.';
const PROMPT = `generate a 30-second explainer video from this script: ${SCRIPT}`;

async function collect(input: ChatTurnInput): Promise<EngineEvent[]> {
  const events: EngineEvent[] = [];
  for await (const event of new EmbeddedEngine(0).chat(input)) events.push(event);
  return events;
}

function turn(text: string, draft: Draft | null = null, previousDrafts: Draft[] = []): ChatTurnInput {
  return { text, draft, history: [], previousDrafts };
}

function draftOf(events: EngineEvent[]): Extract<EngineEvent, { type: 'draft' }> | undefined {
  return events.find((e): e is Extract<EngineEvent, { type: 'draft' }> => e.type === 'draft');
}

function textOf(events: EngineEvent[]): string {
  return events.find((e): e is Extract<EngineEvent, { type: 'text' }> => e.type === 'text')?.text ?? '';
}

describe('EmbeddedEngine', () => {
  it('is the embedded engine rendering in the browser', () => {
    const engine = new EmbeddedEngine(0);
    expect(engine.name).toBe('embedded');
    expect(engine.renderer).toBe('browser');
  });

  it('plans a storyboard: status, deltas, the whole text, the draft, then actions', async () => {
    const events = await collect(turn(PROMPT));
    const types = events.map((e) => e.type);
    expect(types[0]).toBe('status');
    expect(events[0]).toEqual({ type: 'status', message: 'planning scenes…' });
    const textIndex = types.indexOf('text');
    expect(types.slice(1, textIndex).every((t) => t === 'text-delta')).toBe(true);
    expect(textIndex).toBeGreaterThan(2);
    expect(types.slice(textIndex)).toEqual(['text', 'draft', 'actions']);
    const deltas = events.flatMap((e) => (e.type === 'text-delta' ? [e.delta] : [])).join('');
    expect(deltas).toBe(textOf(events));
    expect(textOf(events)).toMatch(/scenes over 30 s, 1920x1080 \(16:9\)/);
    const draft = draftOf(events)?.draft;
    expect(draft && draftSchema.parse(draft)).toEqual(draft);
    expect(draft?.durationMs).toBe(30_000);
    const actions = events.at(-1);
    expect(actions?.type === 'actions' && actions.actions[0]).toEqual({ kind: 'export', label: 'Export MP4' });
    expect(actions?.type === 'actions' && actions.actions.map((a) => a.label)).toContain('Music at 20%');
  });

  it('is deterministic: the same input gives the same events', async () => {
    expect(await collect(turn(PROMPT))).toEqual(await collect(turn(PROMPT)));
  });

  it('edits: "make it vertical and 15 seconds" gives 1080x1920 and 15 000 ms', async () => {
    const first = draftOf(await collect(turn(PROMPT)))?.draft ?? null;
    const events = await collect(turn('make it vertical and 15 seconds', first));
    const draft = draftOf(events)?.draft;
    expect(draft?.canvas).toEqual({ width: 1080, height: 1920, fps: 30 });
    expect(draft?.durationMs).toBe(15_000);
    expect(textOf(events)).toBe('Done: Canvas 1920x1080 → 1080x1920 (9:16); Duration 30 s → 15 s.');
    expect(events[0]).toEqual({ type: 'status', message: 'editing the timeline…' });
  });

  it('plans a Chinese prompt: 60 s, vertical, Chinese captions, a Chinese reply', async () => {
    const events = await collect(turn('生成一个60秒的竖屏视频：我们的新应用让学习变得更简单。每天只需十分钟，就能掌握一门新语言。现在下载，开启你的学习之旅！'));
    const draft = draftOf(events)?.draft;
    expect(draft?.durationMs).toBe(60_000);
    expect(draft?.canvas).toEqual({ width: 1080, height: 1920, fps: 30 });
    const captions = draft?.tracks.find((t) => t.name === 'Captions')?.segments ?? [];
    expect(captions.length).toBeGreaterThan(0);
    for (const caption of captions) expect('text' in caption && /[\u4e00-\u9fff]/u.test(caption.text)).toBe(true);
    expect(textOf(events)).toContain('分镜做好了');
  });

  it('answers an unknown request with what it can do and leaves the draft alone', async () => {
    const first = draftOf(await collect(turn(PROMPT)))?.draft ?? null;
    const events = await collect(turn('what is the meaning of life', first));
    expect(draftOf(events)).toBeUndefined();
    expect(events.some((e) => e.type === 'error')).toBe(false);
    const text = textOf(events);
    expect(text).toContain('make it vertical');
    expect(text).toContain('music at 20%');
    expect(text).toContain('undo');
  });

  it('undoes to the previous version, or says there is nothing to undo', async () => {
    const first = draftOf(await collect(turn(PROMPT)))?.draft;
    if (!first) throw new Error('no first draft');
    const second = draftOf(await collect(turn('music at 20%', first)))?.draft;
    if (!second) throw new Error('no second draft');
    const events = await collect(turn('undo', second, [first]));
    expect(draftOf(events)).toEqual({ type: 'draft', draft: first, undo: true });
    expect(textOf(events)).toBe('Undone: Music volume 20% → 35%.');
    const nothing = await collect(turn('undo', first, []));
    expect(draftOf(nothing)).toBeUndefined();
    expect(textOf(nothing)).toBe('There is nothing to undo yet.');
    const before = await collect(turn('撤销'));
    expect(draftOf(before)).toBeUndefined();
    expect(textOf(before)).toBe('There is nothing to undo yet.');
  });

  it('answers "help" with the list of edits, before and after a draft exists', async () => {
    expect(textOf(await collect(turn('help')))).toMatch(/^Tell me what video to make/);
    const first = draftOf(await collect(turn(PROMPT)))?.draft ?? null;
    const events = await collect(turn('help', first));
    expect(textOf(events)).toMatch(/^I can change the video/);
    expect(draftOf(events)).toBeUndefined();
  });

  it('says nothing changed without sending a draft when the edit is already true', async () => {
    const first = draftOf(await collect(turn(PROMPT)))?.draft ?? null;
    const events = await collect(turn('make it landscape', first));
    expect(draftOf(events)).toBeUndefined();
    expect(textOf(events)).toBe('It is already 1920x1080 (16:9).');
  });
});

describe('planning versus editing', () => {
  const draft = draftOf(runTurn(turn(PROMPT)))?.draft ?? null;

  it('recognises requests for a new video', () => {
    expect(isCreateRequest('generate a 30-second explainer video')).toBe(true);
    expect(isCreateRequest('make me a promo for my bakery')).toBe(true);
    expect(isCreateRequest('生成一个视频')).toBe(true);
    expect(isCreateRequest('make the video vertical')).toBe(false);
    expect(isCreateRequest('make it a 15 second video')).toBe(false);
  });

  it('plans without a draft, and with one only when given a script or a topic', () => {
    expect(shouldPlan('make it vertical', null)).toBe(true);
    expect(shouldPlan('make a vertical video', draft)).toBe(false);
    expect(shouldPlan('make a 20 second video about dog grooming', draft)).toBe(true);
    expect(shouldPlan(PROMPT, draft)).toBe(true);
  });
});
