import { describe, expect, it } from 'vitest';
import { bulletLineAlphas } from './bullet-reveal';

const LIST = [
  { text: '• speed' },
  { text: '• price and a' },
  { text: 'long tail' },
  { text: '• support' },
];

describe('bulletLineAlphas', () => {
  it('reveals list items one by one, a wrapped line with its item', () => {
    expect(bulletLineAlphas(LIST, 0, 6_000)).toEqual([0, 0, 0, 0]);
    const early = bulletLineAlphas(LIST, 400, 6_000);
    expect(early[0]).toBe(1);
    expect(early.slice(1)).toEqual([0, 0, 0]);
    const middle = bulletLineAlphas(LIST, 1_100, 6_000);
    expect(middle.slice(0, 3)).toEqual([1, 1, 1]);
    expect(middle[3]).toBe(0);
    expect(bulletLineAlphas(LIST, 3_000, 6_000)).toEqual([1, 1, 1, 1]);
  });

  it('has every item in by the middle of a short segment', () => {
    expect(bulletLineAlphas(LIST, 1_000, 2_000)).toEqual([1, 1, 1, 1]);
  });

  it('leaves text that is not a list alone', () => {
    expect(bulletLineAlphas([{ text: 'Speed, price' }, { text: 'and support' }], 0, 6_000)).toEqual(
      [1, 1],
    );
  });
});
