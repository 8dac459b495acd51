/**
 * @module format-progress
 * The one-line render progress people read under the progress bar:
 * `"42% · 48 fps · 12 s left"` (in the current locale, see i18n/locale).
 */
import { t } from '../i18n/locale';
import { formatTimeLeft } from './format-time';

/** What the progress line needs; `etaMs` is null until the speed is known. */
export interface ProgressFacts {
  /** 0..1 */
  progress: number;
  /** Frames encoded per second. */
  fps: number;
  /** Estimated time left in milliseconds, or null when not known yet. */
  etaMs: number | null;
}

/**
 * Formats render progress, leaving out what is not known yet.
 *
 * @example
 * formatProgress({ progress: 0.42, fps: 48.2, etaMs: 11_400 }) // "42% · 48 fps · 12 s left"
 */
export function formatProgress(facts: ProgressFacts): string {
  const parts = [`${Math.floor(Math.min(1, Math.max(0, facts.progress)) * 100)}%`];
  if (facts.fps > 0) parts.push(t('progress.fps', { fps: Math.round(facts.fps) }));
  if (facts.etaMs !== null && facts.progress < 1) parts.push(formatTimeLeft(facts.etaMs));
  return parts.join(' · ');
}

/**
 * A byte count for people: `formatBytes(3_481_000)` → `"3.5 MB"`.
 * @param bytes size in bytes
 */
export function formatBytes(bytes: number): string {
  if (bytes < 1_000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1_000).toFixed(0)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
