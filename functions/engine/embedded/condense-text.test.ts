import { describe, expect, it } from 'vitest';
import {
  MAX_CAPTION_CHARS,
  MAX_CAPTION_WORDS,
  MAX_CJK_CAPTION_CHARS,
  condenseCaption,
  sceneLabel,
} from './condense-text';
import { countLatinWords, hasCjk } from './reading-length';

describe('condenseCaption', () => {
  it('keeps a short sentence, without its final full stop', () => {
    expect(condenseCaption('Nimbus fixes that.')).toBe('Nimbus fixes that');
    expect(condenseCaption('Ready to start?')).toBe('Ready to start?');
  });

  it('drops leading discourse markers and asides', () => {
    expect(condenseCaption('So, in fact, Nimbus (our new app) keeps your files safe.')).toBe(
      'Nimbus keeps your files safe',
    );
  });

  it('drops fillers when that is enough to fit', () => {
    const sentence = 'It really just works on every laptop, every phone and every tablet you own';
    expect(countLatinWords(sentence)).toBeGreaterThan(MAX_CAPTION_WORDS);
    expect(condenseCaption(sentence)).toBe(
      'It works on every laptop, every phone and every tablet you own',
    );
  });

  it('shortens a long sentence to its leading whole phrases, never with "…"', () => {
    const cases: ReadonlyArray<readonly [string, string]> = [
      [
        'Setup takes five minutes for the whole team, and your first month of the premium plan is completely free.',
        'Setup takes five minutes for the whole team',
      ],
      [
        'Our new dashboard shows every order from every store in one place which means nobody waits for the weekly report anymore',
        'Our new dashboard shows every order from every store in one place',
      ],
      [
        'This sentence, which has many commas, keeps going, and going, and going, far past any reasonable caption length.',
        'This sentence, which has many commas, keeps going, and going',
      ],
      [
        '我们的平台会自动整理团队上传的每一份文件并且让任何人都能立即搜索到需要的内容',
        '我们的平台会自动整理团队上传的每一份文件',
      ],
      [
        '智能复习计划会根据你的记忆曲线安排练习，让你在最合适的时间复习最需要巩固的内容，从而事半功倍。',
        '智能复习计划会根据你的记忆曲线安排练习',
      ],
    ];
    for (const [sentence, caption] of cases) {
      expect(condenseCaption(sentence)).toBe(caption);
      expect(fitsLimits(caption)).toBe(true);
    }
  });

  it('keeps a sentence with no phrase break whole rather than cut mid-thought', () => {
    for (const sentence of [
      'one two three four five six seven eight nine ten eleven twelve thirteen fourteen',
      'Supercalifragilisticexpialidocious antidisestablishmentarianism pseudopseudohypoparathyroidism floccinaucinihilipilification.',
    ]) {
      const caption = condenseCaption(sentence);
      expect(caption).not.toMatch(/…/u);
      expect(sentence.replace(/[.]$/, '').toLowerCase()).toBe(caption.toLowerCase());
    }
  });

  it('cuts a pasted run past two captions’ length at a word, without "…"', () => {
    const run = `${'word '.repeat(40)}end`;
    const caption = condenseCaption(run);
    expect(Array.from(caption).length).toBeLessThanOrEqual(2 * MAX_CAPTION_CHARS);
    expect(caption).toMatch(/word$/);
    expect(condenseCaption('x'.repeat(600))).toHaveLength(2 * MAX_CAPTION_CHARS);
  });

  it('condenses CJK by characters, at a comma when possible', () => {
    expect(condenseCaption('每天只需十分钟，就能掌握一门新语言。')).toBe(
      '每天只需十分钟，就能掌握一门新语言',
    );
    const long =
      '智能复习计划会根据你的记忆曲线安排练习，让你在最合适的时间复习最需要巩固的内容，从而事半功倍。';
    const caption = condenseCaption(long);
    expect(Array.from(caption).length).toBeLessThanOrEqual(MAX_CJK_CAPTION_CHARS);
    expect(long.startsWith(caption)).toBe(true);
  });
});

/** Whether a caption is within the word and character limits of its script. */
function fitsLimits(caption: string): boolean {
  return hasCjk(caption)
    ? Array.from(caption).length <= MAX_CJK_CAPTION_CHARS
    : Array.from(caption).length <= MAX_CAPTION_CHARS &&
        countLatinWords(caption) <= MAX_CAPTION_WORDS;
}

describe('sceneLabel', () => {
  it('is "Scene N: " and the first words', () => {
    expect(sceneLabel(2, 'Faster onboarding')).toBe('Scene 2: Faster onboarding');
    expect(sceneLabel(3, 'Nimbus keeps every document safe and sound')).toBe(
      'Scene 3: Nimbus keeps every document safe…',
    );
    expect(sceneLabel(4, '每天只需十分钟，就能掌握一门新语言')).toBe(
      'Scene 4: 每天只需十分钟，就能…',
    );
  });
});
