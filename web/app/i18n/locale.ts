/**
 * @module locale
 * The app's language: a signal holding the current locale and `t(key, params?)`, which looks a
 * message up in that locale's catalogue and fills in `{name}` placeholders. Components and
 * computed signals that call `t` re-render when the locale changes (they read the signal).
 *
 * English is built in; other catalogues are loaded on first use by {@link setLocale}, so
 * English pages (and the widget's initial bundle) do not carry them.
 */
import { signal } from '@preact/signals';
import { messagesEn } from './messages-en';
import type { MessageKey, Messages } from './messages-en';

/** The languages the app speaks. */
export const LOCALES = ['en', 'zh'] as const;

/** One of {@link LOCALES}. */
export type Locale = (typeof LOCALES)[number];

/** Values for a message's `{name}` placeholders. */
export type MessageParams = Readonly<Record<string, string | number>>;

/** The current locale; it changes only once that locale's catalogue is loaded. */
export const locale = signal<Locale>('en');

/** Number of the latest {@link setLocale} call: an older call that finishes later does not win. */
let latestRequest = 0;

/** Catalogues loaded so far. */
const catalogues: Partial<Record<Locale, Messages>> = { en: messagesEn };

/** Loaders of the catalogues that are not built in (one small chunk each). */
const LOADERS: Readonly<Record<Exclude<Locale, 'en'>, () => Promise<Messages>>> = {
  zh: () => import('./messages-zh').then((module) => module.messagesZh),
};

/** `{name}` placeholders: a name of letters, digits or underscores between braces. */
const PLACEHOLDER = /\{(\w+)\}/g;

/**
 * Fills `{name}` placeholders of `template` from `params`; a placeholder without a value is
 * left as it is (visible, so a missing value is noticed rather than hidden).
 *
 * @example
 * interpolate('{seconds} s left', { seconds: 12 }) // "12 s left"
 */
export function interpolate(template: string, params?: MessageParams): string {
  if (params === undefined) return template;
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/**
 * The message `key` in the current locale, with `params` filled in.
 *
 * @example
 * t('composer.send') // "Send" (or "发送" in Chinese)
 * t('time.secondsLeft', { seconds: 12 }) // "12 s left"
 */
export function t(key: MessageKey, params?: MessageParams): string {
  const catalogue = catalogues[locale.value] ?? messagesEn;
  return interpolate(catalogue[key], params);
}

/**
 * Switches the app to `next`, first loading its catalogue if needed. If the catalogue cannot be
 * loaded (offline, a stale deployment) the app stays in its current language. When calls
 * overlap, the latest one wins.
 */
export async function setLocale(next: Locale): Promise<void> {
  const request = ++latestRequest;
  if (catalogues[next] === undefined && next !== 'en') {
    try {
      catalogues[next] = await LOADERS[next]();
    } catch {
      return;
    }
  }
  if (request === latestRequest) locale.value = next;
}

/**
 * The locale for a BCP 47 language tag: `zh`, `zh-CN`, `zh-Hant-TW`… → `zh`; anything else
 * (or nothing) → `en`.
 */
export function localeFromLanguage(language: string | null | undefined): Locale {
  return language?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** The `lang` attribute for a locale (`zh-CN`: the catalogue is Simplified Chinese). */
export function htmlLang(value: Locale): string {
  return value === 'zh' ? 'zh-CN' : 'en';
}
