import { describe, expect, it } from 'vitest';
import { readingUnits } from './reading-length';
import { MAX_SCENE_UNITS, extractScript, groupScenes, splitSentences } from './split-scenes';

describe('extractScript', () => {
  it('takes the text after "script:"', () => {
    expect(
      extractScript('generate a 30-second explainer video from this script: Hello world. Bye.'),
    ).toEqual({
      instruction: 'generate a 30-second explainer video from this',
      script: 'Hello world. Bye.',
    });
  });

  it('takes the lines after an instruction line', () => {
    expect(extractScript('Make a vertical promo video\nWe bake bread.\nCome early.')).toEqual({
      instruction: 'Make a vertical promo video',
      script: 'We bake bread.\nCome early.',
    });
  });

  it('takes the text after a Chinese instruction and full-width colon', () => {
    expect(extractScript('生成一个60秒的竖屏视频：学习更简单。')).toEqual({
      instruction: '生成一个60秒的竖屏视频',
      script: '学习更简单。',
    });
  });

  it('treats a long prompt with no instruction as the script, and a short one as the instruction', () => {
    const pasted = 'Our bakery opens at six every morning. '.repeat(6).trim();
    expect(extractScript(pasted)).toEqual({ instruction: '', script: pasted });
    expect(extractScript('a promo for Bean There')).toEqual({
      instruction: 'a promo for Bean There',
      script: '',
    });
  });

  it('does not split at a colon in the middle of a script', () => {
    const pasted =
      `Step one: open the app. ${'Then you pick a plan that fits your team and start. '.repeat(4)}`.trim();
    expect(extractScript(pasted).instruction).toBe('');
  });
});

describe('splitSentences', () => {
  it('splits at sentence ends and line breaks but not inside "2.5x" or at CJK commas', () => {
    expect(splitSentences('It is 2.5x faster. Really! Try it?\nNew line')).toEqual([
      'It is 2.5x faster.',
      'Really!',
      'Try it?',
      'New line',
    ]);
    expect(splitSentences('学习更简单。每天十分钟，就能学会！')).toEqual([
      '学习更简单。',
      '每天十分钟，就能学会！',
    ]);
  });
});

describe('groupScenes', () => {
  it('merges a very short sentence into its neighbour and keeps 3-word beats', () => {
    expect(groupScenes(['Fast.', 'Nimbus keeps files safe.', 'Nimbus fixes that.'], 10)).toEqual([
      'Fast. Nimbus keeps files safe.',
      'Nimbus fixes that.',
    ]);
  });

  it('splits a long sentence at a clause break near its middle', () => {
    const long =
      'Nimbus keeps every document, design and spreadsheet in one secure cloud workspace, so your whole team can find anything it needs in seconds.';
    const scenes = groupScenes([long], 10);
    expect(scenes.length).toBeGreaterThan(1);
    expect(scenes.join(' ')).toBe(long);
    for (const scene of scenes) expect(readingUnits(scene)).toBeLessThanOrEqual(MAX_SCENE_UNITS);
  });

  it('merges the smallest neighbours until at most maxScenes remain, keeping every word in order', () => {
    const sentences = [
      'One two three four.',
      'Five six seven.',
      'Eight nine ten eleven twelve.',
      'Thirteen fourteen fifteen.',
    ];
    const scenes = groupScenes(sentences, 2);
    expect(scenes).toHaveLength(2);
    expect(scenes.join(' ')).toBe(sentences.join(' '));
  });
});
