import { describe, expect, it } from 'vitest';
import {
  FALLBACK_TITLE,
  MAX_CJK_TITLE_CHARS,
  MAX_TITLE_WORDS,
  deriveTitle,
  titleCase,
  topicOf,
} from './derive-title';

describe('deriveTitle', () => {
  it('uses a name the prompt gives: quoted or after "called"', () => {
    expect(deriveTitle('make a promo called Acme Cloud', '')).toBe('Acme Cloud');
    expect(deriveTitle('make a promo for "Urban Dreams"', 'Some script here.')).toBe(
      'Urban Dreams',
    );
  });

  it('uses the proper noun the script repeats', () => {
    expect(
      deriveTitle(
        'make an explainer',
        'Most teams lose hours. Nimbus fixes that. Nimbus keeps files safe.',
      ),
    ).toBe('Nimbus');
  });

  it('prefers the full name at its first mention to the short form repeated after it', () => {
    expect(
      deriveTitle(
        'make an explainer',
        'Meet Lumen Notes, the notebook. Lumen finds answers. Lumen syncs.',
      ),
    ).toBe('Lumen Notes');
  });

  it('else shortens the first phrase before its verb, in title case', () => {
    expect(deriveTitle('', 'Our bakery opens at six every morning. We bake bread.')).toBe(
      'Our Bakery',
    );
  });

  it('cuts a long Chinese first phrase before 让/是/能', () => {
    const title = deriveTitle('生成一个60秒的竖屏视频', '我们的新应用让学习变得更简单。');
    expect(title).toBe('我们的新应用');
    expect(Array.from(title).length).toBeLessThanOrEqual(MAX_CJK_TITLE_CHARS);
  });

  it('uses the topic of a short prompt, and a fallback when there is none', () => {
    expect(deriveTitle('create a 1 minute square video about ocean conservation', '')).toBe(
      'Ocean Conservation',
    );
    expect(deriveTitle('make a video', '')).toBe(FALLBACK_TITLE);
  });

  it('never exceeds the word limit', () => {
    const title = deriveTitle(
      '',
      'Every single person in every single team everywhere deserves better tools.',
    );
    expect(title.split(' ').length).toBeLessThanOrEqual(MAX_TITLE_WORDS);
  });
});

describe('topicOf and titleCase', () => {
  it('strips request words', () => {
    expect(topicOf('make a 15-second vertical promo for Bean There coffee')).toBe(
      'Bean There coffee',
    );
    expect(topicOf('make a vertical video')).toBe('');
  });

  it('capitalises words except small joiners', () => {
    expect(titleCase('state of the art')).toBe('State of the Art');
  });
});
