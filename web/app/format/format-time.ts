/**
 * @module format-time
 * Milliseconds (the unit of all data) to the seconds people read: clocks for the player,
 * short spans for the timeline, and remaining time for renders (words in the current locale,
 * see i18n/locale).
 */
import { formatSeconds } from '../../../shared/timeline-summary';
import { locale, t } from '../i18n/locale';
import type { Locale } from '../i18n/locale';

/**
 * A player clock: `m:ss`, e.g. `formatClock(64_200)` → `"1:04"`.
 * @param ms time in milliseconds (negative values count as 0)
 */
export function formatClock(ms: number): string {
  const totalSeconds = Math.floor(Math.max(0, ms) / 1000);
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  return `${minutes}:${String(seconds).padStart(2, '0')}`;
}

/**
 * A span as the timeline shows it: `formatSpan(0, 3_000)` → `"0–3 s"`.
 * @param startMs start in milliseconds
 * @param endMs end in milliseconds
 */
export function formatSpan(startMs: number, endMs: number): string {
  return t('time.span', { start: formatSeconds(startMs), end: formatSeconds(endMs) });
}

/**
 * Time left, rounded up: `"12 s left"`, `"2 min 5 s left"`, or `"almost done"` under a second.
 * @param ms remaining time in milliseconds
 */
export function formatTimeLeft(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds <= 0) return t('time.almostDone');
  if (seconds < 60) return t('time.secondsLeft', { seconds });
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return rest === 0
    ? t('time.minutesLeft', { minutes })
    : t('time.minutesSecondsLeft', { minutes, seconds: rest });
}

/**
 * A duration said in words for screen readers: `spokenDuration(64_000)` → `"1 minute 4 seconds"`.
 * @param ms duration in milliseconds
 */
export function spokenDuration(ms: number): string {
  const totalSeconds = Math.round(Math.max(0, ms) / 1000);
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  const parts: string[] = [];
  if (minutes > 0) parts.push(t(`time.minutes.${pluralOf(minutes)}`, { count: minutes }));
  if (seconds > 0 || minutes === 0)
    parts.push(t(`time.seconds.${pluralOf(seconds)}`, { count: seconds }));
  return parts.join(' ');
}

/** Plural rules per locale, made once (https://developer.mozilla.org/docs/Web/JavaScript/Reference/Global_Objects/Intl/PluralRules). */
const pluralRules = new Map<Locale, Intl.PluralRules>();

/**
 * The catalogue's plural form of `count` in the current locale: `one` or `other` (the only
 * categories English and Chinese use; any other category a rule may name reads as `other`).
 */
function pluralOf(count: number): 'one' | 'other' {
  const current = locale.value;
  let rules = pluralRules.get(current);
  if (rules === undefined) {
    rules = new Intl.PluralRules(current);
    pluralRules.set(current, rules);
  }
  return rules.select(count) === 'one' ? 'one' : 'other';
}
