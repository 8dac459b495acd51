import { describe, expect, it } from 'vitest';
import { MAX_DRAFT_DURATION_MS, MIN_DRAFT_DURATION_MS } from '../../../shared/draft-schema';
import { clampDurationMs, parseChineseNumber, parseDurationMs } from './parse-duration';

describe('parseDurationMs', () => {
  it.each([
    ['generate a 30-second explainer', 30_000],
    ['a 30 second video', 30_000],
    ['make it 15 seconds', 15_000],
    ['make it 1 minute', 60_000],
    ['a one-minute promo', 60_000],
    ['1.5 minutes long', 90_000],
    ['90s ad', 90_000],
    ['keep it to 45 secs', 45_000],
    ['2 min 30 s', 150_000],
    ['a minute and a half', 90_000],
    ['half a minute', 30_000],
    ['thirty seconds', 30_000],
    ['生成一个60秒的竖屏视频', 60_000],
    ['一分钟的视频', 60_000],
    ['三十秒', 30_000],
    ['半分钟', 30_000],
    ['一分半', 90_000],
  ])('reads %j as %i ms', (text, ms) => {
    expect(parseDurationMs(text)).toBe(ms);
  });

  it('returns null when no length is named, and does not read "ones" or "9:16" as a length', () => {
    expect(parseDurationMs('make it vertical')).toBeNull();
    expect(parseDurationMs('for the ones who build')).toBeNull();
    expect(parseDurationMs('9:16 please')).toBeNull();
  });

  it('takes the first length named', () => {
    expect(parseDurationMs('15 seconds, not 30 seconds')).toBe(15_000);
  });
});

describe('parseChineseNumber', () => {
  it('reads numerals up to 99 and digits', () => {
    expect(parseChineseNumber('十五')).toBe(15);
    expect(parseChineseNumber('三十')).toBe(30);
    expect(parseChineseNumber('六十')).toBe(60);
    expect(parseChineseNumber('两')).toBe(2);
    expect(parseChineseNumber('45')).toBe(45);
    expect(parseChineseNumber('百')).toBeNaN();
  });
});

describe('clampDurationMs', () => {
  it('keeps lengths within the draft limits as integers', () => {
    expect(clampDurationMs(10)).toBe(MIN_DRAFT_DURATION_MS);
    expect(clampDurationMs(10_000_000)).toBe(MAX_DRAFT_DURATION_MS);
    expect(clampDurationMs(15_000.4)).toBe(15_000);
  });
});
