import { describe, expect, it } from 'vitest';
import {
  MAX_CAPTION_CHARS,
  MAX_CAPTION_WORDS,
  MAX_CJK_CAPTION_CHARS,
  condenseCaption,
  sceneLabel,
} from './condense-text';
import { countLatinWords } from './reading-length';

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

  it('cuts a long sentence at a clause break, else at a word with an ellipsis', () => {
    expect(
      condenseCaption(
        'Setup takes five minutes for the whole team, and your first month of the premium plan is completely free.',
      ),
    ).toBe('Setup takes five minutes for the whole team');
    const run = condenseCaption(
      'one two three four five six seven eight nine ten eleven twelve thirteen fourteen',
    );
    expect(run.endsWith('…')).toBe(true);
    expect(countLatinWords(run)).toBeLessThanOrEqual(MAX_CAPTION_WORDS);
  });

  it('never exceeds the word and character limits', () => {
    const inputs = [
      'A'.repeat(120),
      'Supercalifragilisticexpialidocious antidisestablishmentarianism pseudopseudohypoparathyroidism floccinaucinihilipilification.',
      'This sentence, which has many commas, keeps going, and going, and going, far past any reasonable caption length.',
    ];
    for (const input of inputs) {
      const caption = condenseCaption(input);
      expect(Array.from(caption).length).toBeLessThanOrEqual(MAX_CAPTION_CHARS);
      expect(countLatinWords(caption)).toBeLessThanOrEqual(MAX_CAPTION_WORDS);
      expect(caption.length).toBeGreaterThan(0);
    }
  });

  it('condenses CJK by characters, at a comma when possible', () => {
    expect(condenseCaption('每天只需十分钟，就能掌握一门新语言。')).toBe(
      '每天只需十分钟，就能掌握一门新语言',
    );
    const long =
      '智能复习计划会根据你的记忆曲线安排练习，让你在最合适的时间复习最需要巩固的内容，从而事半功倍。';
    const caption = condenseCaption(long);
    expect(Array.from(caption).length).toBeLessThanOrEqual(MAX_CJK_CAPTION_CHARS);
    expect(long.startsWith(caption.replace(/…$/u, ''))).toBe(true);
  });
});

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
