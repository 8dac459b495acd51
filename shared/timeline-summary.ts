/**
 * @module timeline-summary
 * The one-line summary of a draft that people (and the remote engine's chat) read:
 * `Timeline (3 tracks): 1. Video: city timelapse (0-10s) 2. BGM: Lo-fi (0-10s, 35%) 3. Title: "Urban Dreams" (0-3s)`.
 * The format is the remote API's (docs/remote-api.md#short-key-drafts). Pure, no I/O.
 */
import type { Draft, Track } from './draft-schema';

/** Longest text quoted in the summary: 60 characters keeps the line readable in a chat bubble. */
export const MAX_SUMMARY_TEXT_CHARS = 60;

/** Milliseconds per tenth of a second: the precision of seconds shown to people. */
const MS_PER_TENTH = 100;

/**
 * Seconds for people: an integer when whole, else one decimal.
 * @param ms a time in integer milliseconds
 * @returns e.g. `10` for 10 000 ms, `2.5` for 2 500 ms, `3` for 2 960 ms (rounded to 0.1 s)
 * @example formatSeconds(1_500) // "1.5"
 */
export function formatSeconds(ms: number): string {
  const tenths = Math.round(ms / MS_PER_TENTH);
  return tenths % 10 === 0 ? String(tenths / 10) : (tenths / 10).toFixed(1);
}

/**
 * Text shortened for quoting in one line: whitespace (including `\n`) collapsed, at most
 * `maxChars` characters, `…` marking a cut.
 */
export function quoteText(text: string, maxChars: number = MAX_SUMMARY_TEXT_CHARS): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  return chars.length <= maxChars
    ? flat
    : `${chars
        .slice(0, maxChars - 1)
        .join('')
        .trimEnd()}…`;
}

/**
 * `"<first start>-<last end>s"` of a track's segments, or null when it has none.
 * @example trackRange(track) // "0-10s"
 */
export function trackRange(track: Track): string | null {
  if (track.segments.length === 0) return null;
  let start = Number.POSITIVE_INFINITY;
  let end = 0;
  for (const segment of track.segments) {
    start = Math.min(start, segment.startMs);
    end = Math.max(end, segment.startMs + segment.durationMs);
  }
  return `${formatSeconds(start)}-${formatSeconds(end)}s`;
}

/** One entry of the summary line, without its number: `Video: city timelapse (0-10s)`. */
export function describeTrack(track: Track): string {
  const range = trackRange(track);
  switch (track.kind) {
    case 'video':
      return `Video: ${track.name} (${range ?? 'empty'})`;
    case 'audio': {
      const first = track.segments[0];
      if (!first || range === null) return `BGM: ${track.name} (empty)`;
      return `BGM: ${track.name} (${range}, ${Math.round(first.volume * 100)}%)`;
    }
    case 'text': {
      const only = track.segments.length === 1 ? track.segments[0] : undefined;
      if (only) {
        const label = only.role === 'title' ? 'Title' : 'Text';
        return `${label}: "${quoteText(only.text)}" (${range ?? 'empty'})`;
      }
      if (range === null) return `${track.name}: empty`;
      return `${track.name}: ${track.segments.length} texts (${range})`;
    }
  }
}

/**
 * The summary line of a draft.
 * @param draft the draft, or null before the first one
 * @returns `Timeline (N tracks): 1. … 2. …`, or `Timeline (0 tracks): empty`
 * @example summarizeTimeline(null) // "Timeline (0 tracks): empty"
 */
export function summarizeTimeline(draft: Draft | null): string {
  if (!draft || draft.tracks.length === 0) return 'Timeline (0 tracks): empty';
  const count = draft.tracks.length;
  const entries = draft.tracks.map((track, index) => `${index + 1}. ${describeTrack(track)}`);
  return `Timeline (${count} ${count === 1 ? 'track' : 'tracks'}): ${entries.join(' ')}`;
}
