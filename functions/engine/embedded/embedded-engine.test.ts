import { describe, expect, it } from 'vitest';
import type { Batch } from '../../../shared/batch-schema';
import { batchSchema } from '../../../shared/batch-schema';
import type { Draft } from '../../../shared/draft-schema';
import { draftSchema } from '../../../shared/draft-schema';
import type { MediaSummary } from '../../../shared/media-schema';
import type { ChatTurnInput, EngineEvent } from '../engine';
import { EmbeddedEngine, runTurn } from './embedded-engine';
import { isCreateRequest, parseMessage } from './parse-message';

/** True when a message, with this draft and no batch or uploads, plans a new video. */
function shouldPlan(text: string, draft: Draft | null): boolean {
  return parseMessage(text, { draft, batch: null, media: [], history: [] }).kind === 'brief';
}

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

function turn(
  text: string,
  draft: Draft | null = null,
  previousDrafts: Draft[] = [],
): ChatTurnInput {
  return { text, draft, history: [], previousDrafts };
}

function draftOf(events: EngineEvent[]): Extract<EngineEvent, { type: 'draft' }> | undefined {
  return events.find((e): e is Extract<EngineEvent, { type: 'draft' }> => e.type === 'draft');
}

function textOf(events: EngineEvent[]): string {
  return (
    events.find((e): e is Extract<EngineEvent, { type: 'text' }> => e.type === 'text')?.text ?? ''
  );
}

describe('EmbeddedEngine', () => {
  it('is the embedded engine rendering in the browser', () => {
    const engine = new EmbeddedEngine(0);
    expect(engine.name).toBe('embedded');
    expect(engine.renderer).toBe('browser');
  });

  it('plans a storyboard: status, the draft (preview first), deltas, the whole text, then actions', async () => {
    const events = await collect(turn(PROMPT));
    const types = events.map((e) => e.type);
    expect(types[0]).toBe('status');
    expect(events[0]).toEqual({ type: 'status', message: 'planning scenes…' });
    expect(types[1]).toBe('draft');
    const textIndex = types.indexOf('text');
    expect(types.slice(2, textIndex).every((t) => t === 'text-delta')).toBe(true);
    expect(textIndex).toBeGreaterThan(3);
    expect(types.slice(textIndex)).toEqual(['text', 'actions']);
    const deltas = events.flatMap((e) => (e.type === 'text-delta' ? [e.delta] : [])).join('');
    expect(deltas).toBe(textOf(events));
    expect(textOf(events)).toMatch(/scenes over 30 s, 1920x1080 \(16:9\)/);
    const draft = draftOf(events)?.draft;
    expect(draft && draftSchema.parse(draft)).toEqual(draft);
    expect(draft?.durationMs).toBe(30_000);
    const actions = events.at(-1);
    expect(actions?.type === 'actions' && actions.actions[0]).toEqual({
      kind: 'export',
      label: 'Export MP4',
    });
    expect(actions?.type === 'actions' && actions.actions.map((a) => a.label)).toContain(
      'Music at 20%',
    );
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

  it('says where a text went ("title at the bottom"), not just "updated the timeline"', async () => {
    const first = draftOf(await collect(turn(PROMPT)))?.draft ?? null;
    expect(textOf(await collect(turn('title at the bottom', first)))).toBe(
      'Done: Title moved to the bottom.',
    );
    expect(textOf(await collect(turn('字幕放到顶部', first)))).toBe('改好了：字幕移到顶部。');
  });

  it('plans a Chinese prompt: 60 s, vertical, Chinese captions, a Chinese reply', async () => {
    const events = await collect(
      turn(
        '生成一个60秒的竖屏视频：我们的新应用让学习变得更简单。每天只需十分钟，就能掌握一门新语言。现在下载，开启你的学习之旅！',
      ),
    );
    const draft = draftOf(events)?.draft;
    expect(draft?.durationMs).toBe(60_000);
    expect(draft?.canvas).toEqual({ width: 1080, height: 1920, fps: 30 });
    const captions = draft?.tracks.find((t) => t.name === 'Captions')?.segments ?? [];
    expect(captions.length).toBeGreaterThan(0);
    for (const caption of captions)
      expect('text' in caption && /[\u4e00-\u9fff]/u.test(caption.text)).toBe(true);
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
    expect(textOf(before)).toBe('还没有可以撤销的修改。');
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

describe('answering a Chinese message in Chinese', () => {
  const first = draftOf(runTurn(turn(PROMPT)))?.draft ?? null;

  it('says what an edit changed in Chinese, change lines included', () => {
    const events = runTurn(turn('改成竖屏，15秒', first));
    expect(events[0]).toEqual({ type: 'status', message: '正在修改时间线…' });
    expect(textOf(events)).toBe('改好了：画面 1920x1080 → 1080x1920（9:16）；时长 30 秒 → 15 秒。');
    expect(draftOf(events)?.draft.durationMs).toBe(15_000);
  });

  it('says in Chinese why nothing changed, without a draft', () => {
    const events = runTurn(turn('改成30秒', first));
    expect(draftOf(events)).toBeUndefined();
    expect(textOf(events)).toBe('已经是 30 秒了。');
    expect(textOf(runTurn(turn('加背景音乐', first)))).toBe('背景音乐已经开着了。');
  });

  it('answers what it cannot do in Chinese, with the Chinese help', () => {
    const unknown = textOf(runTurn(turn('你好吗', first)));
    expect(unknown).toMatch(
      /^我没能把“你好吗”理解成对这个视频的修改。\n你可以这样让我修改视频：\n• 时长：/,
    );
    expect(textOf(runTurn(turn('改成竖屏，唱首歌', first)))).toBe(
      '改好了：画面 1920x1080 → 1080x1920（9:16）。“唱首歌”我还做不到；说“帮助”看看我能改什么。',
    );
  });

  it('answers "帮助" with the Chinese help, before and after a draft exists', () => {
    expect(textOf(runTurn(turn('帮助')))).toMatch(
      /^告诉我想做什么视频，[^\n]+\n\n你可以这样让我修改视频：/,
    );
    expect(textOf(runTurn(turn('帮助', first)))).toMatch(/^你可以这样让我修改视频：\n/);
  });

  it('says what "撤销" undid in Chinese', () => {
    if (!first) throw new Error('no first draft');
    const second = draftOf(runTurn(turn('music at 20%', first)))?.draft;
    if (!second) throw new Error('no second draft');
    const events = runTurn(turn('撤销', second, [first]));
    expect(draftOf(events)).toEqual({ type: 'draft', draft: first, undo: true });
    expect(textOf(events)).toBe('已撤销：背景音乐音量 20% → 35%。');
  });

  it('keeps answering an English message in English after a Chinese one', () => {
    expect(textOf(runTurn(turn('make it 30 seconds', first)))).toBe('It is already 30 s long.');
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

describe('batches: one video per upload', () => {
  const MEDIA: MediaSummary[] = [
    {
      id: 'm1',
      name: 'clip-waves.mp4',
      kind: 'video',
      durationMs: 12_000,
      width: 1920,
      height: 1080,
      hasAudio: false,
    },
    {
      id: 'm2',
      name: 'clip-homeworld.webm',
      kind: 'video',
      durationMs: 5_000,
      width: 1920,
      height: 1080,
      hasAudio: false,
    },
    {
      id: 'm3',
      name: 'photo-space.jpg',
      kind: 'image',
      durationMs: null,
      width: 1920,
      height: 1080,
      hasAudio: false,
    },
    {
      id: 'm4',
      name: 'music-forest.mp3',
      kind: 'audio',
      durationMs: 40_000,
      width: null,
      height: null,
      hasAudio: true,
    },
  ];
  const REQUEST = 'make a 10-second clip from each of these';

  function batchTurn(
    text: string,
    batch: Batch | null,
    extra: Partial<ChatTurnInput> = {},
  ): ChatTurnInput {
    return {
      text,
      draft: null,
      history: [],
      previousDrafts: [],
      media: MEDIA,
      batch,
      previousBatches: [],
      ...extra,
    };
  }

  function batchEventOf(
    events: EngineEvent[],
  ): Extract<EngineEvent, { type: 'batch' }> | undefined {
    return events.find((e): e is Extract<EngineEvent, { type: 'batch' }> => e.type === 'batch');
  }

  function planned(): Batch {
    const batch = batchEventOf(runTurn(batchTurn(REQUEST, null)))?.batch;
    if (!batch) throw new Error('no batch');
    return batch;
  }

  it('plans a batch: status, the reply, the batch, then "Export all 3" and prompt chips', async () => {
    const events = await collect(batchTurn(REQUEST, null));
    expect(events[0]).toEqual({ type: 'status', message: 'planning videos…' });
    expect(events.map((e) => e.type).filter((t) => t !== 'text-delta')).toEqual([
      'status',
      'batch',
      'text',
      'actions',
    ]);
    expect(textOf(events)).toBe(
      'Made 3 videos, one from each upload, 10 s each at 1920x1080: Waves, Homeworld, Space. ' +
        'Press “Export all” to render them one after another; each gets its own MP4. To change one, name it, e.g. “make the Waves one vertical”.',
    );
    const batch = batchEventOf(events)?.batch;
    expect(batch && batchSchema.parse(batch)).toEqual(batch);
    expect(batch?.items.map((item) => [item.id, item.label, item.draft.durationMs])).toEqual([
      ['item-m1', 'Waves', 10_000],
      ['item-m2', 'Homeworld', 10_000],
      ['item-m3', 'Space', 10_000],
    ]);
    expect(draftOf(events)).toBeUndefined();
    const actions = events.at(-1);
    if (actions?.type !== 'actions') throw new Error('no actions');
    expect(actions.actions[0]).toEqual({ kind: 'export', label: 'Export all 3' });
    expect(actions.actions.some((action) => action.kind === 'prompt')).toBe(true);
  });

  it('plans a batch from a Chinese message and answers in Chinese', () => {
    const events = runTurn(batchTurn('给每个视频各做一个10秒的短片', null));
    expect(textOf(events)).toMatch(
      /^做好了 3 个视频，每个上传文件各一个，每个 10 秒，1920x1080：Waves、Homeworld、Space。/,
    );
    const actions = events.at(-1);
    expect(actions?.type === 'actions' && actions.actions[0]).toEqual({
      kind: 'export',
      label: '全部导出（3 个）',
    });
  });

  it('is deterministic', () => {
    expect(runTurn(batchTurn(REQUEST, null))).toEqual(runTurn(batchTurn(REQUEST, null)));
  });

  it('edits only the named video: "make the waves one vertical"', () => {
    const batch = planned();
    const events = runTurn(batchTurn('make the waves one vertical', batch));
    expect(events[0]).toEqual({ type: 'status', message: 'editing the videos…' });
    expect(textOf(events)).toBe('Done — Waves: Canvas 1920x1080 → 1080x1920 (9:16).');
    const next = batchEventOf(events)?.batch;
    expect(next?.items.map((item) => item.draft.canvas.height)).toEqual([1920, 1080, 1080]);
    expect(next?.items.slice(1)).toEqual(batch.items.slice(1));
  });

  it('edits every video when none is named, and says when nothing changed without a batch event', () => {
    const batch = planned();
    const edited = runTurn(batchTurn('music at 20%', batch));
    expect(textOf(edited)).toBe('Done — Waves, Homeworld, Space: Music volume 35% → 20%.');
    expect(
      batchEventOf(edited)?.batch?.items.every((item) =>
        item.draft.tracks.some(
          (track) => track.kind === 'audio' && track.segments[0]?.volume === 0.2,
        ),
      ),
    ).toBe(true);
    const same = runTurn(batchTurn('make it landscape', batch));
    expect(batchEventOf(same)).toBeUndefined();
    expect(textOf(same)).toBe(
      'Nothing changed — Waves, Homeworld, Space: It is already 1920x1080 (16:9).',
    );
    const unknown = runTurn(batchTurn('what is the meaning of life', batch));
    expect(batchEventOf(unknown)).toBeUndefined();
    expect(textOf(unknown)).toMatch(
      /^I could not turn “what is the meaning of life” into a change to these videos\. I can change the video/,
    );
  });

  it('undoes to the previous batch version, or leaves batch mode with the draft unchanged', () => {
    const first = planned();
    const second = batchEventOf(runTurn(batchTurn('make the waves one vertical', first)))?.batch;
    if (!second) throw new Error('no edit');
    const back = runTurn(batchTurn('undo', second, { previousBatches: [first] }));
    expect(batchEventOf(back)).toEqual({ type: 'batch', batch: first, undo: true });
    expect(textOf(back)).toBe('Undone — Waves: Canvas 1080x1920 → 1920x1080 (16:9).');

    const draft = draftOf(runTurn(turn(PROMPT)))?.draft ?? null;
    const out = runTurn(batchTurn('undo', first, { draft }));
    expect(batchEventOf(out)).toEqual({ type: 'batch', batch: null });
    expect(draftOf(out)).toBeUndefined();
    expect(textOf(out)).toBe(
      `Undone: no more batch; the session is back to one video, “${draft?.title}”, unchanged.`,
    );
    expect(textOf(runTurn(batchTurn('撤销', first)))).toMatch(/^已撤销：不再分别做视频/);
  });

  it('answers a Chinese batch edit naming one video in Chinese, and its help and undo', () => {
    const first = planned();
    const events = runTurn(batchTurn('把 Waves 改成竖屏', first));
    expect(events[0]).toEqual({ type: 'status', message: '正在修改视频…' });
    expect(textOf(events)).toBe('改好了——Waves：画面 1920x1080 → 1080x1920（9:16）。');
    const second = batchEventOf(events)?.batch;
    expect(second?.items.map((item) => item.draft.canvas.height)).toEqual([1920, 1080, 1080]);
    expect(textOf(runTurn(batchTurn('改成横屏', first)))).toBe(
      '没有改动——Waves、Homeworld、Space：已经是 1920x1080（16:9）了。',
    );
    expect(textOf(runTurn(batchTurn('帮助', first)))).toMatch(
      /^你可以这样让我修改视频：[\s\S]*说出名字就只改那一个，比如“把 Waves 改成竖屏”/,
    );
    if (!second) throw new Error('no edit');
    expect(textOf(runTurn(batchTurn('撤销', second, { previousBatches: [first] })))).toBe(
      '已撤销——Waves：画面 1080x1920 → 1920x1080（16:9）。',
    );
  });

  it('leaves batch mode for a new single video: batch null right before the draft', () => {
    const events = runTurn(batchTurn('combine these clips into a 20-second promo', planned()));
    const types = events.map((e) => e.type).filter((t) => t !== 'text-delta');
    expect(types).toEqual(['status', 'batch', 'draft', 'text', 'actions']);
    expect(batchEventOf(events)).toEqual({ type: 'batch', batch: null });
    expect(draftOf(events)?.draft.durationMs).toBe(20_000);
    const batch = planned();
    const leavesBatch = (text: string): boolean =>
      parseMessage(text, { draft: null, batch, media: MEDIA, history: [] }).kind === 'brief';
    expect(leavesBatch('make a 20 second video about dog grooming')).toBe(true);
    expect(leavesBatch('make these clips vertical')).toBe(false);
    expect(leavesBatch('make a vertical video')).toBe(false);
  });

  it('answers "help" in batch mode with how to name a video, keeping the batch', () => {
    const events = runTurn(batchTurn('help', planned()));
    expect(textOf(events)).toMatch(
      /^I can change the video[\s\S]*name one to change only it, e\.g\. "make the Waves one vertical"/,
    );
    expect(batchEventOf(events)).toBeUndefined();
    const actions = events.at(-1);
    expect(actions?.type === 'actions' && actions.actions[0]?.label).toBe('Export all 3');
  });

  it('keeps "make each clip 5 seconds" a re-cut of the one video outside batch mode', () => {
    const combine = 'combine these clips into a 20-second promo';
    const draft = draftOf(runTurn(batchTurn(combine, null)))?.draft ?? null;
    const events = runTurn(
      batchTurn('make each clip 5 seconds', null, {
        draft,
        history: [{ role: 'user', text: combine, atMs: 1 }],
      }),
    );
    expect(batchEventOf(events)).toBeUndefined();
    expect(draftOf(events)?.draft.durationMs).toBe(15_000);
  });
});
