import { describe, expect, it } from 'vitest';
import { narrationWish } from './narration-wish';

describe('narrationWish', () => {
  it.each([
    ['generate a 30-second explainer video with voiceover', { narration: 'on' }],
    ['narrate it', { narration: 'on' }],
    ['add a voice-over please', { narration: 'on' }],
    ['配音', { narration: 'on' }],
    ['no voiceover', { narration: 'off' }],
    ['remove the narration', { narration: 'off' }],
    ['去掉配音', { narration: 'off' }],
    ['slower', { pace: 'slower' }],
    ['speak faster', { pace: 'faster' }],
    ['female voice', { gender: 'female' }],
    ['British voice', { accent: 'gb' }],
    ['male voice with an american accent', { gender: 'male', accent: 'us' }],
    ['voice in Chinese', { accent: 'zh' }],
    ['用男声', { gender: 'male' }],
    ['captions off', { captions: { mode: 'off' } }],
    ['one line captions at the top', { captions: { lines: 1, position: 'top' } }],
    ['yellow highlight', { captions: { highlight: '#ffd400' } }],
    ['黄色高亮', { captions: { highlight: '#ffd400' } }],
    [
      'karaoke captions with a red highlight',
      { captions: { mode: 'karaoke', highlight: '#ff0000' } },
    ],
    ['make it vertical', {}],
    ['no music', {}],
    ['generate a 30-second explainer video from this script', {}],
  ])('%s', (text, wish) => {
    expect(narrationWish(text)).toEqual(wish);
  });
});
