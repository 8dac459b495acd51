import { describe, expect, it } from 'vitest';
import { countSyllables, estimateSpeechMs, speechWords, timeWords } from './speech-words';

describe('countSyllables', () => {
  it.each([
    ['cat', 1],
    ['water', 2],
    ['narration', 3],
    ['make', 1],
    ['everyday', 4],
    ['2024', 4],
    ['—', 0],
  ])('%s has %i', (word, syllables) => {
    expect(countSyllables(word)).toBe(syllables);
  });
});

describe('speechWords', () => {
  it('weighs syllables and adds pauses after punctuation', () => {
    expect(speechWords('Hello, water cycle.').map((w) => [w.text, w.weight])).toEqual([
      ['Hello,', 3],
      ['water', 2],
      ['cycle.', 4],
    ]);
  });
  it('splits Chinese into characters, punctuation kept with the one before', () => {
    expect(speechWords('你好，世界。').map((w) => [w.text, w.weight, w.cjk])).toEqual([
      ['你', 1, true],
      ['好，', 2, true],
      ['世', 1, true],
      ['界。', 3, true],
    ]);
  });
});

describe('timeWords', () => {
  it('shares the speech time out by weight, in integer ms, end to end', () => {
    const words = timeWords('cat dog pig', 1_000, 3_000);
    expect(words.map((w) => [w.startMs, w.endMs])).toEqual([
      [1_000, 2_000],
      [2_000, 3_000],
      [3_000, 4_000],
    ]);
  });
});

describe('estimateSpeechMs', () => {
  it('scales with 1 / rate and is slower per syllable in Mandarin', () => {
    const at175 = estimateSpeechMs('The sun warms the oceans.', 175, 'en-us-female');
    expect(estimateSpeechMs('The sun warms the oceans.', 350, 'en-us-female')).toBe(at175 / 2);
    expect(estimateSpeechMs('你好世界', 175, 'zh-female')).toBeGreaterThan(
      estimateSpeechMs('a b c d', 175, 'en-us-male'),
    );
  });
});
