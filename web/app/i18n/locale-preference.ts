/**
 * @module locale-preference
 * Which language the full app starts in: `?lang=en|zh` in the address wins, then the visitor's
 * own choice (the header's language button, kept in localStorage), then the browser's language
 * (`navigator.language` starting with `zh` → Chinese), else English. The widget does not use
 * this: its host page chooses with `data-lang`.
 */
import { LOCALES, localeFromLanguage, setLocale } from './locale';
import type { Locale } from './locale';

/** localStorage key of the visitor's chosen language. */
export const LOCALE_STORAGE_KEY = 'reelwright.lang';

/** What the choice is made from; each may be missing. */
export interface LocaleSources {
  /** `?lang=` of the address. */
  requested?: string | null;
  /** The stored choice. */
  stored?: string | null;
  /** `navigator.language`. */
  navigatorLanguage?: string | null;
}

/** True when `value` is exactly one of the app's locales. */
export function isLocale(value: unknown): value is Locale {
  return LOCALES.some((candidate) => candidate === value);
}

/**
 * The starting locale: `requested`, else `stored` (each only when it names a locale), else from
 * `navigatorLanguage`.
 *
 * @example
 * pickLocale({ requested: null, stored: null, navigatorLanguage: 'zh-TW' }) // "zh"
 * pickLocale({ requested: 'en', navigatorLanguage: 'zh-CN' }) // "en"
 */
export function pickLocale({ requested, stored, navigatorLanguage }: LocaleSources): Locale {
  if (isLocale(requested)) return requested;
  if (isLocale(stored)) return stored;
  return localeFromLanguage(navigatorLanguage);
}

/** The stored choice, or null (none, or storage blocked). */
export function readStoredLocale(): string | null {
  try {
    return globalThis.localStorage?.getItem(LOCALE_STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

/** Switches to `next` and remembers it for the next visit (silently not, without storage). */
export async function chooseLocale(next: Locale): Promise<void> {
  try {
    globalThis.localStorage?.setItem(LOCALE_STORAGE_KEY, next);
  } catch {
    // Storage blocked: the choice lasts for this page only.
  }
  await setLocale(next);
}
