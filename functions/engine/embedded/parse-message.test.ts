import { describe, expect, it } from 'vitest';
import type { Brief } from '../../../shared/brief-schema';
import { briefSchema } from '../../../shared/brief-schema';
import type { DirectorRequest } from '../../../shared/director-request';
import { directorRequestSchema } from '../../../shared/director-request';
import type { EditOp } from '../../../shared/edit-op-schema';
import type { MediaSummary } from '../../../shared/media-schema';
import { planBatch, planStoryboard } from '../../../test/support/director-from-text';
import { clip, photo, song } from '../../../test/support/media-fixtures';
import type { MessageContext } from './parse-message';
import { parseMessage } from './parse-message';

const MEDIA: MediaSummary[] = [
  clip('m1', 'clip-waves.mp4', 12_000, true),
  clip('m2', 'clip-homeworld.webm', 5_000),
  photo('m3', 'photo-space.jpg'),
  song('m4', 'music-forest.mp3'),
];
const DRAFT = planStoryboard('make a 30 second video about coffee');
const WITH_DRAFT: MessageContext = { draft: DRAFT, batch: null, media: [], history: [] };
const NO_DRAFT: MessageContext = { draft: null, batch: null, media: [], history: [] };
const UPLOADS: MessageContext = { draft: null, batch: null, media: MEDIA, history: [] };

/** The ops of a request without the words they were read from (`said`). */
function opsOf(request: DirectorRequest): EditOp[] {
  if (request.kind !== 'edits') throw new Error(`expected edits, got ${request.kind}`);
  return request.ops.map(({ said: _said, ...op }) => op as EditOp);
}

function briefOf(request: DirectorRequest): Brief {
  if (request.kind !== 'brief' && request.kind !== 'batch')
    throw new Error(`expected a brief, got ${request.kind}`);
  return request.brief;
}

/** Message → the edits read from it (with a draft present, no uploads, no batch). */
const EDIT_ROWS: ReadonlyArray<[string, EditOp[]]> = [
  ['make it 15 seconds', [{ op: 'set-duration', durationMs: 15_000 }]],
  ['视频改成15秒', [{ op: 'set-duration', durationMs: 15_000 }]],
  ['shorter', [{ op: 'set-duration', change: 'shorter' }]],
  ['短一点', [{ op: 'set-duration', change: 'shorter' }]],
  ['长一点', [{ op: 'set-duration', change: 'longer' }]],
  ['make it vertical', [{ op: 'set-aspect', aspect: 'vertical' }]],
  ['改成竖屏', [{ op: 'set-aspect', aspect: 'vertical' }]],
  ['改成方形', [{ op: 'set-aspect', aspect: 'square' }]],
  ['title "Big News"', [{ op: 'set-title', text: 'Big News' }]],
  ['标题改成“大新闻”', [{ op: 'set-title', text: '大新闻' }]],
  ['标题改成红色', [{ op: 'set-title', color: '#ff0000' }]],
  ['bigger captions', [{ op: 'set-text-style', role: 'caption', scale: 1.25 }]],
  ['字幕改成黄色', [{ op: 'set-text-style', role: 'caption', color: '#ffd400' }]],
  [
    'add text "Sale ends Friday" at 5s',
    [{ op: 'add-overlay', text: 'Sale ends Friday', startMs: 5_000 }],
  ],
  [
    '添加文字「限时优惠」5秒到8秒',
    [{ op: 'add-overlay', text: '限时优惠', startMs: 5_000, endMs: 8_000 }],
  ],
  [
    'add text "Hi" at the bottom in red',
    [{ op: 'add-overlay', text: 'Hi', color: '#ff0000', place: 'bottom' }],
  ],
  ['remove the overlay', [{ op: 'remove-text', target: 'overlay' }]],
  ['删除字幕', [{ op: 'remove-text', target: 'captions' }]],
  ['删除标题', [{ op: 'remove-text', target: 'title' }]],
  ['no music', [{ op: 'set-music', on: false }]],
  ['去掉背景音乐', [{ op: 'set-music', on: false }]],
  ['背景音乐调到20%', [{ op: 'set-music', volume: 0.2 }]],
  ['calm music', [{ op: 'set-music', mood: 'calm' }]],
  ['音乐大声一点', [{ op: 'set-music', step: 'louder' }]],
  ['mute the clips', [{ op: 'set-clip-sound', on: false }]],
  ['原声调到50%', [{ op: 'set-clip-sound', volume: 0.5 }]],
  ['use slide transitions', [{ op: 'set-transition', kind: 'slide' }]],
  ['转场用滑动', [{ op: 'set-transition', kind: 'slide' }]],
  ['no transitions', [{ op: 'set-transition', kind: 'cut' }]],
  ['use the Ocean palette', [{ op: 'set-look', palette: 'Ocean' }]],
  ['换个配色', [{ op: 'set-look' }]],
  ['undo', [{ op: 'undo' }]],
  ['撤销', [{ op: 'undo' }]],
  [
    '竖屏，15秒',
    [
      { op: 'set-aspect', aspect: 'vertical' },
      { op: 'set-duration', durationMs: 15_000 },
    ],
  ],
  [
    'title "Hi" and make it red',
    [
      { op: 'set-title', text: 'Hi' },
      { op: 'set-text-style', role: 'title', color: '#ff0000' },
    ],
  ],
];

describe('parseMessage: edits', () => {
  it.each(EDIT_ROWS)('%s', (text, ops) => {
    const request = parseMessage(text, WITH_DRAFT);
    expect(directorRequestSchema.parse(request)).toEqual(request);
    expect(opsOf(request)).toEqual(ops);
  });

  it('every edit kind is covered by the table', () => {
    const kinds = new Set(EDIT_ROWS.flatMap(([, ops]) => ops.map((op) => op.op)));
    expect([...kinds].sort()).toEqual(
      [
        'add-overlay',
        'remove-text',
        'set-aspect',
        'set-clip-sound',
        'set-duration',
        'set-look',
        'set-music',
        'set-text-style',
        'set-title',
        'set-transition',
        'undo',
      ].sort(),
    );
  });

  it('keeps the words of each op, and the clauses it could not read', () => {
    const request = parseMessage('make it vertical and fly to the moon', WITH_DRAFT);
    expect(request).toEqual({
      kind: 'edits',
      ops: [{ op: 'set-aspect', aspect: 'vertical', said: 'make it vertical' }],
      unread: ['fly to the moon'],
      itemIds: [],
    });
    expect(parseMessage('hello there', WITH_DRAFT)).toEqual({ kind: 'none' });
    expect(parseMessage('你好', WITH_DRAFT)).toEqual({ kind: 'none' });
  });

  it('reads the videos a batch edit names, and edits for all of them otherwise', () => {
    const batch = planBatch('make a 10-second clip from each of these', MEDIA);
    const context: MessageContext = { draft: null, batch, media: MEDIA, history: [] };
    const named = parseMessage('make the waves one vertical', context);
    expect(named.kind === 'edits' && named.itemIds).toEqual(['item-m1']);
    expect(opsOf(named)).toEqual([{ op: 'set-aspect', aspect: 'vertical' }]);
    const all = parseMessage('把它们改成方形', context);
    expect(all.kind === 'edits' && all.itemIds).toEqual([]);
    expect(opsOf(all)).toEqual([{ op: 'set-aspect', aspect: 'square' }]);
  });
});

describe('parseMessage: help', () => {
  it.each(['help', '帮助', '你能做什么', 'what can you do?'])('%s', (text) => {
    expect(parseMessage(text, WITH_DRAFT)).toEqual({ kind: 'help' });
  });
});

/** Message (and its context) → the brief fields it sets. */
const BRIEF_ROWS: ReadonlyArray<[string, MessageContext, Partial<Brief>]> = [
  [
    'generate a 20 second vertical video about dog grooming with calm music',
    WITH_DRAFT,
    {
      source: 'words',
      language: 'en',
      title: 'Dog Grooming',
      topic: 'dog grooming',
      durationMs: 20_000,
      aspect: 'vertical',
      mood: 'calm',
      fromScript: false,
      narration: false,
      mediaIds: [],
    },
  ],
  [
    '生成一个20秒的竖屏视频，主题是咖啡',
    NO_DRAFT,
    { source: 'words', language: 'zh', durationMs: 20_000, aspect: 'vertical' },
  ],
  [
    'make a square video from this script: Coffee wakes you up. Tea calms you down.',
    WITH_DRAFT,
    {
      aspect: 'square',
      durationMs: 30_000,
      fromScript: true,
      scenes: ['Coffee wakes you up.', 'Tea calms you down.'],
    },
  ],
  ['make a video with a voice-over about tea', NO_DRAFT, { narration: true }],
  ['做一个关于茶的视频，要配音', NO_DRAFT, { language: 'zh', narration: true }],
  [
    'combine these clips into a 20-second promo, use my music at 20%',
    UPLOADS,
    {
      source: 'uploads',
      title: 'Our Promo',
      durationMs: 20_000,
      musicVolume: 0.2,
      clipSound: true,
      mediaIds: ['m1', 'm2', 'm3'],
    },
  ],
  [
    '把我的视频合并成一个竖屏视频，静音',
    UPLOADS,
    { source: 'uploads', language: 'zh', aspect: 'vertical', clipSound: false },
  ],
  [
    'combine my clips, put the photo of space first, each clip 4 seconds',
    UPLOADS,
    { mediaIds: ['m3', 'm1', 'm2'], eachSceneMs: 4_000 },
  ],
];

describe('parseMessage: a new video', () => {
  it.each(BRIEF_ROWS)('%s', (text, context, fields) => {
    const request = parseMessage(text, context);
    expect(request.kind).toBe('brief');
    const brief = briefOf(request);
    expect(briefSchema.parse(brief)).toEqual(brief);
    expect(brief).toMatchObject(fields);
  });

  it('a re-cut of a video from uploads plans again from the request that made it', () => {
    const first = 'combine these clips into a promo';
    const made = parseMessage(first, UPLOADS);
    expect(made.kind).toBe('brief');
    const draft = planBatch('one video per clip', MEDIA).items[0]?.draft ?? null;
    const request = parseMessage('make each clip 5 seconds', {
      draft,
      batch: null,
      media: MEDIA,
      history: [{ role: 'user', text: first }],
    });
    expect(briefOf(request)).toMatchObject({
      source: 'uploads',
      title: 'Our Promo',
      eachSceneMs: 5_000,
      mediaIds: ['m1', 'm2', 'm3'],
    });
  });

  it.each([
    ['make a 10-second clip from each of these', ['m1', 'm2', 'm3'], 10_000],
    ['给每张照片分别做一个视频', ['m3'], undefined],
  ] as const)('one video per upload: %s', (text, ids, durationMs) => {
    const request = parseMessage(text, UPLOADS);
    expect(request.kind).toBe('batch');
    expect(briefOf(request).mediaIds).toEqual(ids);
    expect(briefOf(request).durationMs).toBe(durationMs);
  });
});
