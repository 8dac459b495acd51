import { afterEach, describe, expect, it } from 'vitest';
import { formatProgress } from '../format/format-progress';
import { formatTimeLeft, spokenDuration } from '../format/format-time';
import { interpolate, locale, localeFromLanguage, setLocale, t } from './locale';
import { pickLocale } from './locale-preference';
import { messagesEn } from './messages-en';
import type { MessageKey } from './messages-en';
import { messagesZh } from './messages-zh';

/** The `{name}` placeholders of a message, sorted. */
function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort();
}

afterEach(async () => {
  await setLocale('en');
});

describe('the Chinese catalogue', () => {
  it('has exactly the keys of the English one, each a non-empty string', () => {
    expect(Object.keys(messagesZh).sort()).toEqual(Object.keys(messagesEn).sort());
    for (const value of Object.values(messagesZh)) expect(value.trim()).not.toBe('');
  });

  it('uses the same placeholders as English in every message', () => {
    for (const key of Object.keys(messagesEn) as MessageKey[]) {
      expect({ key, names: placeholders(messagesZh[key]) }).toEqual({
        key,
        names: placeholders(messagesEn[key]),
      });
    }
  });
});

describe('t and interpolate', () => {
  it('fills {name} placeholders and leaves unknown ones visible', () => {
    expect(interpolate('{seconds} s left', { seconds: 12 })).toBe('12 s left');
    expect(interpolate('{a} and {a}, not {b}', { a: 'x' })).toBe('x and x, not {b}');
    expect(interpolate('no params {here}')).toBe('no params {here}');
  });

  it('speaks English by default, with the exact strings tests find controls by', () => {
    expect(locale.value).toBe('en');
    const keys: MessageKey[] = [
      'composer.label',
      'composer.send',
      'export.button',
      'export.download',
      'export.progressLabel',
    ];
    expect(keys.map((key) => t(key))).toEqual([
      'Message',
      'Send',
      'Export',
      'Download MP4',
      'Render progress',
    ]);
    expect(t('library.openNamed', { title: 'Green tea' })).toBe('Open “Green tea”');
    expect(formatProgress({ progress: 0.42, fps: 48.2, etaMs: 11_400 })).toBe(
      '42% · 48 fps · 12 s left',
    );
  });

  it('switches to Chinese once its catalogue is loaded, formats included', async () => {
    await setLocale('zh');
    expect(locale.value).toBe('zh');
    expect(t('composer.send')).toBe('发送');
    expect(t('empty.example1')).toMatch(/^生成一个30秒的产品介绍视频/);
    expect(formatProgress({ progress: 0.42, fps: 48.2, etaMs: 11_400 })).toBe(
      '42% · 48 帧/秒 · 剩余 12 秒',
    );
    expect(formatTimeLeft(125_000)).toBe('剩余 2 分 5 秒');
  });

  it('lets the latest of overlapping switches win', async () => {
    const toZh = setLocale('zh');
    const toEn = setLocale('en');
    await Promise.all([toZh, toEn]);
    expect(locale.value).toBe('en');
  });
});

describe('choosing the locale', () => {
  it('follows a Chinese browser language, else English', () => {
    expect(localeFromLanguage('zh-CN')).toBe('zh');
    expect(localeFromLanguage('zh-Hant-TW')).toBe('zh');
    expect(localeFromLanguage('en-GB')).toBe('en');
    expect(localeFromLanguage(undefined)).toBe('en');
  });

  it('prefers ?lang=, then the stored choice, then the browser, ignoring unknown values', () => {
    expect(pickLocale({ requested: 'en', stored: 'zh', navigatorLanguage: 'zh-CN' })).toBe('en');
    expect(pickLocale({ requested: 'fr', stored: 'zh', navigatorLanguage: 'en-US' })).toBe('zh');
    expect(pickLocale({ requested: null, stored: 'xx', navigatorLanguage: 'zh-TW' })).toBe('zh');
    expect(pickLocale({})).toBe('en');
  });
});

describe('spokenDuration', () => {
  it('picks English plurals by Intl.PluralRules: one minute, 2 minutes, 0 seconds', () => {
    expect(spokenDuration(64_000)).toBe('1 minute 4 seconds');
    expect(spokenDuration(121_000)).toBe('2 minutes 1 second');
    expect(spokenDuration(0)).toBe('0 seconds');
    expect(spokenDuration(120_000)).toBe('2 minutes');
  });

  it('has one form in Chinese', async () => {
    await setLocale('zh');
    expect(spokenDuration(64_000)).toBe('1 分钟 4 秒');
    expect(spokenDuration(121_000)).toBe('2 分钟 1 秒');
  });
});
