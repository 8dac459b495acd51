import { describe, expect, it } from 'vitest';
import {
  describeEdit,
  describePlan,
  splitDeltas,
  suggestActions,
  WORDS_PER_DELTA,
} from './compose-reply';
import { planStoryboard } from '../../../test/support/director-from-text';
import { refitDuration } from './fit-timeline';

const DRAFT = planStoryboard(
  'a 30 second video for our cloud app from this script: Nimbus keeps files safe. Try Nimbus today.',
);

describe('describePlan', () => {
  it('names the scene count, length, size, look and music', () => {
    expect(describePlan(DRAFT, false)).toBe(
      'Here is “Nimbus”: 3 scenes over 30 s, 1920x1080 (16:9), Midnight look, upbeat music at 35%. ' +
        'Preview it, then press Export MP4 — or tell me what to change, like “make it vertical” or “title in red”.',
    );
  });

  it('answers in Chinese for a Chinese prompt', () => {
    const reply = describePlan(DRAFT, true);
    expect(reply).toContain('3 个场景');
    expect(reply).toContain('30 秒');
  });
});

describe('describeEdit', () => {
  it('lists changes, notes and what was skipped', () => {
    expect(describeEdit(['Duration 30 s → 15 s'], [], [], false)).toBe(
      'Done: Duration 30 s → 15 s.',
    );
    expect(describeEdit([], ['It is already 15 s long.'], ['sing'], false)).toBe(
      'It is already 15 s long. I could not do “sing”; say “help” to see what I can change.',
    );
    expect(describeEdit([], [], [], false)).toBe('Nothing needed changing.');
  });

  it('answers in Chinese for a Chinese message', () => {
    expect(
      describeEdit(['时长 30 秒 → 15 秒', '画面 1920x1080 → 1080x1920（9:16）'], [], [], true),
    ).toBe('改好了：时长 30 秒 → 15 秒；画面 1920x1080 → 1080x1920（9:16）。');
    expect(describeEdit([], ['已经是 15 秒了。'], ['唱首歌', '跳舞'], true)).toBe(
      '已经是 15 秒了。“唱首歌”和“跳舞”我还做不到；说“帮助”看看我能改什么。',
    );
    expect(describeEdit([], [], [], true)).toBe('没有需要改的地方。');
  });
});

describe('splitDeltas', () => {
  it('cuts into groups of words that join back to the exact text', () => {
    const text = 'Here is your video: six scenes over thirty seconds.';
    const deltas = splitDeltas(text);
    expect(deltas.join('')).toBe(text);
    expect(deltas.length).toBe(Math.ceil(9 / WORDS_PER_DELTA));
    const cjk = '分镜做好了：5 个场景。';
    expect(splitDeltas(cjk).join('')).toBe(cjk);
    expect(splitDeltas('')).toEqual([]);
  });
});

describe('suggestActions', () => {
  it('offers export, then prompts for what the draft does not have yet', () => {
    expect(suggestActions(DRAFT, { canUndo: false, cjk: false })).toEqual([
      { kind: 'export', label: 'Export MP4' },
      { kind: 'prompt', label: 'Make it vertical', prompt: 'make it vertical' },
      { kind: 'prompt', label: 'Music at 20%', prompt: 'music at 20%' },
      { kind: 'prompt', label: 'Use slide transitions', prompt: 'use slide transitions' },
    ]);
  });

  it('adds undo after an edit and adapts to a vertical draft', () => {
    const vertical = {
      ...refitDuration(DRAFT, 15_000),
      canvas: { width: 1080, height: 1920, fps: 30 },
    };
    const actions = suggestActions(vertical, { canUndo: true, cjk: false });
    expect(actions[1]).toEqual({ kind: 'undo', label: 'Undo', prompt: 'undo' });
    expect(actions).toContainEqual({
      kind: 'prompt',
      label: 'Make it landscape',
      prompt: 'make it landscape',
    });
  });
});
