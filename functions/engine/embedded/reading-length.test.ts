import { describe, expect, it } from 'vitest';
import { countCjkChars, countLatinWords, hasCjk, readingUnits } from './reading-length';

describe('readingUnits', () => {
  it('counts Latin words as 1 and CJK characters as 0.5', () => {
    expect(readingUnits('Ship faster, today!')).toBe(3);
    expect(readingUnits('更快地发布')).toBe(2.5);
    expect(readingUnits('Nimbus 让团队更快')).toBe(1 + 2.5);
    expect(readingUnits('  ')).toBe(0);
  });

  it('ignores punctuation-only tokens and detects CJK', () => {
    expect(countLatinWords('— hello , world …')).toBe(2);
    expect(countCjkChars('你好，world')).toBe(2);
    expect(hasCjk('hello')).toBe(false);
    expect(hasCjk('hello 世界')).toBe(true);
  });
});
