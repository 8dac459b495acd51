/**
 * The rules director's phrasings, English and Chinese: each message, read with a video present,
 * gives exactly these edits (the words they were read from left out).
 */
import { describe, expect, it } from 'vitest';
import type { DirectorRequest } from '../../../shared/director-request';
import { directorRequestSchema } from '../../../shared/director-request';
import type { EditOp } from '../../../shared/edit-op-schema';
import { planStoryboard } from '../../../test/support/director-from-text';
import { parseMessage } from './parse-message';

const DRAFT = planStoryboard('make a 30 second video about coffee');

function opsOf(request: DirectorRequest): EditOp[] {
  if (request.kind !== 'edits') throw new Error(`expected edits, got ${request.kind}`);
  return request.ops.map(({ said: _said, ...op }) => op as EditOp);
}

const ENGLISH: ReadonlyArray<[string, EditOp[]]> = [
  ['shorter', [{ op: 'set-duration', change: 'shorter' }]],
  ['make it longer', [{ op: 'set-duration', change: 'longer' }]],
  ['faster pace', [{ op: 'set-pace', pace: 'faster' }]],
  ['speed it up', [{ op: 'set-pace', pace: 'faster' }]],
  ['slower pacing please', [{ op: 'set-pace', pace: 'slower' }]],
  ['swap scenes 2 and 3', [{ op: 'move-scene', from: 2, to: 3, swap: true }]],
  ['swap scene 1 with scene 4', [{ op: 'move-scene', from: 1, to: 4, swap: true }]],
  ['switch scene 2 and scene 3', [{ op: 'move-scene', from: 2, to: 3, swap: true }]],
  ['switch the second and third scenes', [{ op: 'move-scene', from: 2, to: 3, swap: true }]],
  [
    'swap the first and the last scene',
    [{ op: 'move-scene', from: 'first', to: 'last', swap: true }],
  ],
  [
    'make it vertical and swap the third and fourth scenes',
    [
      { op: 'set-aspect', aspect: 'vertical' },
      { op: 'move-scene', from: 3, to: 4, swap: true },
    ],
  ],
  ['move scene 2 to the end', [{ op: 'move-scene', from: 2, to: 'last' }]],
  ['move the first scene to the end', [{ op: 'move-scene', from: 'first', to: 'last' }]],
  ['put scene 3 first', [{ op: 'move-scene', from: 3, to: 'first' }]],
  ['move scene 4 to position 2', [{ op: 'move-scene', from: 4, to: 2 }]],
  ['remove the last scene', [{ op: 'remove-scene', scene: 'last' }]],
  ['delete scene 2', [{ op: 'remove-scene', scene: 2 }]],
  ['drop the third scene', [{ op: 'remove-scene', scene: 3 }]],
  [
    "change scene 3's text to Fresh beans daily",
    [{ op: 'set-scene-text', scene: 3, text: 'Fresh beans daily' }],
  ],
  ['make scene 2 say "Open at 7"', [{ op: 'set-scene-text', scene: 2, text: 'Open at 7' }]],
  ['more energetic music', [{ op: 'set-music', mood: 'upbeat' }]],
  ['calmer music', [{ op: 'set-music', mood: 'calm' }]],
  ['no music', [{ op: 'set-music', on: false }]],
  ['a blue theme', [{ op: 'set-look', palette: 'Corporate' }]],
  ['green theme', [{ op: 'set-look', palette: 'Forest' }]],
  ['use a grey colour scheme', [{ op: 'set-look', palette: 'Graphite' }]],
  ['bigger captions', [{ op: 'set-text-style', role: 'caption', scale: 1.25 }]],
  ['title at the bottom', [{ op: 'set-position', role: 'title', place: 'bottom' }]],
  ['captions at the top', [{ op: 'set-position', role: 'caption', place: 'top' }]],
  ['put the captions in the middle', [{ op: 'set-position', role: 'caption', place: 'middle' }]],
  ['start with the beach photo', [{ op: 'move-scene', from: { label: 'beach' }, to: 'first' }]],
  ['open with the sunset clip', [{ op: 'move-scene', from: { label: 'sunset' }, to: 'first' }]],
  [
    'make it vertical and swap scenes 2 and 3',
    [
      { op: 'set-aspect', aspect: 'vertical' },
      { op: 'move-scene', from: 2, to: 3, swap: true },
    ],
  ],
  [
    'remove scene 4, then faster pace',
    [
      { op: 'remove-scene', scene: 4 },
      { op: 'set-pace', pace: 'faster' },
    ],
  ],
  ['add text "Sale" at the bottom', [{ op: 'add-overlay', text: 'Sale', place: 'bottom' }]],
  ['use zoom transitions', [{ op: 'set-transition', kind: 'zoom' }]],
  ['whip pan between scenes', [{ op: 'set-transition', kind: 'whip' }]],
  ['dip to black', [{ op: 'set-transition', kind: 'dip', color: '#000000' }]],
  ['dip to white between scenes', [{ op: 'set-transition', kind: 'dip', color: '#ffffff' }]],
  ['fade to black transitions', [{ op: 'set-transition', kind: 'dip', color: '#000000' }]],
  ['typewriter text', [{ op: 'set-text-animation', animation: 'typewriter' }]],
  ['make the title pop', [{ op: 'set-text-animation', animation: 'pop' }]],
  ['highlight sweep on the captions', [{ op: 'set-text-animation', animation: 'highlight' }]],
  [
    'use my brand colours #0a84ff and #ff375f',
    [{ op: 'set-brand', colors: ['#0a84ff', '#ff375f'] }],
  ],
  ['logo bottom right', [{ op: 'set-brand', logo: 'bottom-right' }]],
  ['move the logo to the top left', [{ op: 'set-brand', logo: 'top-left' }]],
  ['no logo', [{ op: 'set-brand', logo: 'none' }]],
  ['use my brand kit', [{ op: 'set-brand', useKit: true }]],
  ['Inter font', [{ op: 'set-brand', font: 'Inter' }]],
];

const CHINESE: ReadonlyArray<[string, EditOp[]]> = [
  ['短一点', [{ op: 'set-duration', change: 'shorter' }]],
  ['长一点', [{ op: 'set-duration', change: 'longer' }]],
  ['节奏快一点', [{ op: 'set-pace', pace: 'faster' }]],
  ['加快节奏', [{ op: 'set-pace', pace: 'faster' }]],
  ['节奏慢一点', [{ op: 'set-pace', pace: 'slower' }]],
  ['放慢节奏', [{ op: 'set-pace', pace: 'slower' }]],
  ['交换第2和第3个场景', [{ op: 'move-scene', from: 2, to: 3, swap: true }]],
  ['交换第一个和第四个场景', [{ op: 'move-scene', from: 1, to: 4, swap: true }]],
  ['调换第二个和第三个镜头', [{ op: 'move-scene', from: 2, to: 3, swap: true }]],
  ['对调第二个和第三个场景', [{ op: 'move-scene', from: 2, to: 3, swap: true }]],
  ['交换第一个和最后一个场景', [{ op: 'move-scene', from: 1, to: 'last', swap: true }]],
  ['把标题移到底部', [{ op: 'set-position', role: 'title', place: 'bottom' }]],
  ['把第2个场景移到最后', [{ op: 'move-scene', from: 2, to: 'last' }]],
  ['把第三个场景放到开头', [{ op: 'move-scene', from: 3, to: 'first' }]],
  ['删除最后一个场景', [{ op: 'remove-scene', scene: 'last' }]],
  ['删掉第2个场景', [{ op: 'remove-scene', scene: 2 }]],
  ['去掉第三个镜头', [{ op: 'remove-scene', scene: 3 }]],
  ['把第3个场景的文字改成每天新鲜烘焙', [{ op: 'set-scene-text', scene: 3, text: '每天新鲜烘焙' }]],
  ['第二个场景的字幕改为早上好', [{ op: 'set-scene-text', scene: 2, text: '早上好' }]],
  ['音乐更有活力', [{ op: 'set-music', mood: 'upbeat' }]],
  ['音乐安静一点', [{ op: 'set-music', mood: 'calm' }]],
  ['不要音乐', [{ op: 'set-music', on: false }]],
  ['去掉背景音乐', [{ op: 'set-music', on: false }]],
  ['蓝色主题', [{ op: 'set-look', palette: 'Corporate' }]],
  ['换成绿色主题', [{ op: 'set-look', palette: 'Forest' }]],
  ['用红色配色', [{ op: 'set-look', palette: 'Sunset' }]],
  ['字幕大一点', [{ op: 'set-text-style', role: 'caption', scale: 1.25 }]],
  ['标题小一点', [{ op: 'set-title', scale: 0.8 }]],
  ['标题放在底部', [{ op: 'set-position', role: 'title', place: 'bottom' }]],
  ['字幕放到顶部', [{ op: 'set-position', role: 'caption', place: 'top' }]],
  ['标题居中', [{ op: 'set-position', role: 'title', place: 'middle' }]],
  ['从海滩照片开始', [{ op: 'move-scene', from: { label: '海滩' }, to: 'first' }]],
  ['以日落视频开头', [{ op: 'move-scene', from: { label: '日落' }, to: 'first' }]],
  [
    '改成竖屏，然后交换第2和第3个场景',
    [
      { op: 'set-aspect', aspect: 'vertical' },
      { op: 'move-scene', from: 2, to: 3, swap: true },
    ],
  ],
  [
    '删除第4个场景，节奏快一点',
    [
      { op: 'remove-scene', scene: 4 },
      { op: 'set-pace', pace: 'faster' },
    ],
  ],
  ['转场用缩放', [{ op: 'set-transition', kind: 'zoom' }]],
  ['用甩镜头转场', [{ op: 'set-transition', kind: 'whip' }]],
  ['转场用黑场', [{ op: 'set-transition', kind: 'dip' }]],
  ['闪白转场', [{ op: 'set-transition', kind: 'dip', color: '#ffffff' }]],
  ['黑场过渡', [{ op: 'set-transition', kind: 'dip' }]],
  ['打字机效果', [{ op: 'set-text-animation', animation: 'typewriter' }]],
  ['字幕逐词出现', [{ op: 'set-text-animation', animation: 'kinetic' }]],
  ['标题高亮扫过', [{ op: 'set-text-animation', animation: 'highlight' }]],
  ['文字弹出', [{ op: 'set-text-animation', animation: 'pop' }]],
  ['用我的品牌色 #0a84ff 和 #ff375f', [{ op: 'set-brand', colors: ['#0a84ff', '#ff375f'] }]],
  ['logo 放在右下角', [{ op: 'set-brand', logo: 'bottom-right' }]],
  ['去掉 logo', [{ op: 'set-brand', logo: 'none' }]],
  ['把 logo 移到左上角', [{ op: 'set-brand', logo: 'top-left' }]],
  ['用我的品牌套件', [{ op: 'set-brand', useKit: true }]],
  ['字体用思源黑体', [{ op: 'set-brand', font: 'Noto Sans SC' }]],
];

describe('parseMessage: phrasings to edits', () => {
  it('has at least 60 phrasings, half of them Chinese', () => {
    expect(ENGLISH.length + CHINESE.length).toBeGreaterThanOrEqual(60);
    expect(CHINESE.length).toBeGreaterThanOrEqual(ENGLISH.length);
  });

  it.each([...ENGLISH, ...CHINESE])('%s', (message, ops) => {
    const request = parseMessage(message, { draft: DRAFT, batch: null, media: [], history: [] });
    expect(directorRequestSchema.safeParse(request).success).toBe(true);
    expect(opsOf(request)).toEqual(ops);
    if (request.kind === 'edits') expect(request.unread).toEqual([]);
  });
});
