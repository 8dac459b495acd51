/**
 * The largest draft and the largest batch the schemas allow, built with every bound at its
 * worst, fit far below Durable Object SQLite's 2 MB value limit, and so do the `draft` and
 * `batch` events that carry them; one segment or one character of text more is refused.
 */
import { describe, expect, it } from 'vitest';
import { MAX_BATCH_ITEMS, MAX_BATCH_TRACKS, batchSchema } from './batch-schema';
import type { Batch } from './batch-schema';
import { diffDrafts } from './draft-diff';
import {
  MAX_DRAFT_DURATION_MS,
  MAX_DRAFT_SEGMENTS,
  MAX_DRAFT_TEXT_CHARS,
  MAX_DRAFT_TRACKS,
  MAX_ID_CHARS,
  MAX_NAME_CHARS,
  MAX_SEGMENT_TEXT_CHARS,
  MAX_TITLE_CHARS,
  SQLITE_MAX_VALUE_BYTES,
  draftSchema,
  draftTooLargeMessage,
} from './draft-schema';
import type { AudioSegment, Draft, TextSegment, Track, VideoSegment } from './draft-schema';
import { MAX_EVENT_TEXT_CHARS, streamEventSchema } from './events-schema';
import {
  MAX_DRAFT_ILLUSTRATION_CHARS,
  MAX_ILLUSTRATION_SHAPES,
  SHAPE_OVERHEAD_CHARS,
  illustrationChars,
} from './illustration-schema';
import { summarizeTimeline } from './timeline-summary';

/** What the largest draft may take: a quarter of SQLite's limit. */
const DRAFT_BUDGET_BYTES = 512 * 1024;
/** What the largest batch or event may take: half of SQLite's limit. */
const BATCH_BUDGET_BYTES = 1024 * 1024;

/** A control character: JSON writes it as `\u0001`, 6 bytes, the most any character costs. */
const costly = (chars: number): string => '\u0001'.repeat(chars);
/** One of the longest numbers JSON writes for a value in 0..1 (23 characters). */
const LONG_FRACTION = 2.2250738585072014e-308;
const LONG_MS = Number.MAX_SAFE_INTEGER;
const span = { startMs: 100_000, durationMs: 500_000 };

const videoSegment = (): VideoSegment => ({
  id: costly(MAX_ID_CHARS),
  ...span,
  label: costly(MAX_NAME_CHARS),
  visual: {
    type: 'generated',
    icon: costly(MAX_NAME_CHARS),
    motion: 'pan-right',
    background: ['#ffffff', '#ffffff', '#ffffff', '#ffffff'],
  },
  transitionIn: { kind: 'crossfade', durationMs: LONG_MS },
});
const audioSegment = (): AudioSegment => ({
  id: costly(MAX_ID_CHARS),
  ...span,
  label: costly(MAX_NAME_CHARS),
  source: { type: 'media', mediaId: costly(MAX_ID_CHARS), sourceStartMs: LONG_MS },
  volume: LONG_FRACTION,
  fadeInMs: LONG_MS,
  fadeOutMs: LONG_MS,
});
const textSegment = (textChars: number): TextSegment => ({
  id: costly(MAX_ID_CHARS),
  ...span,
  role: 'caption',
  text: costly(textChars),
  style: {
    fontFamily: costly(MAX_NAME_CHARS),
    fontWeight: 900,
    fontSizePx: 400,
    color: '#ffffff',
    backgroundColor: '#ffffff',
  },
  position: { x: LONG_FRACTION, y: LONG_FRACTION, maxWidth: LONG_FRACTION, align: 'center' },
  animation: 'kinetic',
});

const bytes = (value: unknown): number =>
  new TextEncoder().encode(JSON.stringify(value)).byteLength;

/** Text segments that use the whole text budget, each as long as allowed. */
const FULL_TEXTS = MAX_DRAFT_TEXT_CHARS / MAX_SEGMENT_TEXT_CHARS;

/** The costliest segment without text, of any kind. */
function costliestSegment(): {
  track: 'video' | 'audio' | 'text';
  make: () => VideoSegment | AudioSegment | TextSegment;
} {
  const candidates = [
    { track: 'video' as const, make: videoSegment },
    { track: 'audio' as const, make: audioSegment },
    { track: 'text' as const, make: () => textSegment(0) },
  ];
  return candidates.reduce((a, b) => (bytes(b.make()) > bytes(a.make()) ? b : a));
}

function track(kind: 'video' | 'audio' | 'text', segments: unknown[]): Track {
  return { id: costly(MAX_ID_CHARS), kind, name: costly(MAX_NAME_CHARS), segments } as Track;
}

/** A draft with `trackCount` tracks, `segmentCount` segments and `textChars` of text, every string at its longest. */
function worstDraft(trackCount: number, segmentCount: number, textChars: number): Draft {
  const costliest = costliestSegment();
  // The costliest kind pays no text, so a text segment of 0 characters counts as one; give it 1.
  const texts = Array.from({ length: Math.min(segmentCount, FULL_TEXTS) }, (_, i) =>
    textSegment(
      Math.max(1, Math.min(MAX_SEGMENT_TEXT_CHARS, textChars - i * MAX_SEGMENT_TEXT_CHARS)),
    ),
  );
  const rest = Array.from({ length: segmentCount - texts.length }, () => {
    const segment = costliest.make();
    return 'text' in segment ? { ...segment, text: costly(1) } : segment;
  });
  const tracks: Track[] = [];
  if (trackCount > 0) tracks.push(track('text', texts));
  if (trackCount > 1) tracks.push(track(costliest.track, rest));
  while (tracks.length < trackCount) tracks.push(track('audio', []));
  return {
    title: costly(MAX_TITLE_CHARS),
    canvas: { width: 3840, height: 3840, fps: 60 },
    durationMs: MAX_DRAFT_DURATION_MS,
    look: {
      paletteName: costly(MAX_NAME_CHARS),
      background: ['#ffffff', '#ffffff', '#ffffff', '#ffffff'],
      text: '#ffffff',
      accent: '#ffffff',
      fontFamily: costly(MAX_NAME_CHARS),
    },
    tracks,
  };
}

/** The text of all text segments of `draft`, characters. */
function textCharsOf(draft: Draft): number {
  return draft.tracks
    .flatMap((t) => (t.kind === 'text' ? t.segments.map((s) => s.text.length) : []))
    .reduce((a, b) => a + b, 0);
}

describe('the largest draft the schema allows', () => {
  const largest = worstDraft(MAX_DRAFT_TRACKS, MAX_DRAFT_SEGMENTS, MAX_DRAFT_TEXT_CHARS);

  it('is allowed, and is far below the 2 MB SQLite value limit', () => {
    expect(draftSchema.safeParse(largest).success).toBe(true);
    expect(textCharsOf(largest)).toBe(MAX_DRAFT_TEXT_CHARS);
    const size = bytes(largest);
    console.info(`largest draft: ${size} bytes of JSON (limit ${SQLITE_MAX_VALUE_BYTES})`);
    expect(size).toBeLessThan(DRAFT_BUDGET_BYTES);
  });

  it('as a draft event, with its summary and changes, stays far below the limit too', () => {
    const other = worstDraft(MAX_DRAFT_TRACKS, MAX_DRAFT_SEGMENTS, MAX_DRAFT_TEXT_CHARS - 1);
    const event = {
      type: 'draft',
      version: Number.MAX_SAFE_INTEGER,
      summary: summarizeTimeline(largest),
      changes: diffDrafts(other, largest),
      draft: largest,
    };
    expect(streamEventSchema.safeParse(event).success).toBe(true);
    expect(bytes(event)).toBeLessThan(BATCH_BUDGET_BYTES);
    expect(bytes({ type: 'text', text: costly(MAX_EVENT_TEXT_CHARS) })).toBeLessThan(
      BATCH_BUDGET_BYTES,
    );
  });

  it('is refused, with a plain reason, for one segment, one character of text, one track or one long string more', () => {
    const oversized: Array<[Draft, RegExp]> = [
      [
        worstDraft(MAX_DRAFT_TRACKS, MAX_DRAFT_SEGMENTS + 1, MAX_DRAFT_TEXT_CHARS),
        /201 segments, and at most 200 fit/,
      ],
      [
        worstDraft(MAX_DRAFT_TRACKS + 1, MAX_DRAFT_SEGMENTS, MAX_DRAFT_TEXT_CHARS),
        /more than 32 tracks/,
      ],
      [{ ...largest, title: costly(MAX_TITLE_CHARS + 1) }, /title is longer than 200/],
    ];
    const moreText = worstDraft(MAX_DRAFT_TRACKS, MAX_DRAFT_SEGMENTS, MAX_DRAFT_TEXT_CHARS);
    const lastText = moreText.tracks[0]?.segments.at(-1);
    if (lastText === undefined || !('text' in lastText))
      throw new Error('no text segment to lengthen');
    moreText.tracks[0]?.segments.push({ ...lastText, text: costly(1) } as never);
    moreText.tracks[1]?.segments.pop();
    oversized.push([moreText, /texts have 10001 characters, and at most 10000 fit/]);
    for (const [draft, reason] of oversized) {
      const parsed = draftSchema.safeParse(draft);
      expect(parsed.success).toBe(false);
      if (!parsed.success) expect(draftTooLargeMessage(parsed.error)).toMatch(reason);
    }
  });
});

describe('illustrations in the largest draft', () => {
  /** The largest draft with illustrations on its video scenes, `chars` of them in all (see illustrationChars). */
  function illustrated(chars: number): Draft {
    const largest = worstDraft(MAX_DRAFT_TRACKS, MAX_DRAFT_SEGMENTS, MAX_DRAFT_TEXT_CHARS);
    let left = chars;
    const illustrate = (segment: VideoSegment): VideoSegment => {
      if (segment.visual.type !== 'generated' || left <= 0) return segment;
      // The most shapes allowed, the cheapest each, and a name at its longest.
      const name = 'a'.repeat(MAX_NAME_CHARS);
      const count = Math.min(
        MAX_ILLUSTRATION_SHAPES,
        Math.floor((left - name.length) / (1 + SHAPE_OVERHEAD_CHARS)),
      );
      if (count < 1) return segment;
      const shapes = Array.from({ length: count }, () => ({ fill: '#ffffff', d: 'M' }));
      const illustration = { name, shapes };
      left -= illustrationChars(illustration);
      return { ...segment, visual: { ...segment.visual, illustration } };
    };
    const tracks = largest.tracks.map(
      (t): Track => (t.kind === 'video' ? { ...t, segments: t.segments.map(illustrate) } : t),
    );
    return { ...largest, tracks };
  }

  it('at their budget, still fits the draft budget; one shape more is refused', () => {
    const full = illustrated(MAX_DRAFT_ILLUSTRATION_CHARS);
    expect(draftSchema.safeParse(full).success).toBe(true);
    expect(bytes(full)).toBeLessThan(DRAFT_BUDGET_BYTES);
    const over = illustrated(
      MAX_DRAFT_ILLUSTRATION_CHARS + 1 + SHAPE_OVERHEAD_CHARS + MAX_NAME_CHARS,
    );
    const result = draftSchema.safeParse(over);
    expect(result.success).toBe(false);
    if (!result.success) expect(draftTooLargeMessage(result.error)).toMatch(/illustrations have/);
  });
});

describe('the largest batch the schema allows', () => {
  /** Every item as costly as allowed; the segments, text and tracks of all items together within the budget. */
  function worstBatch(segmentCount: number): Batch {
    const tracksPerItem = MAX_BATCH_TRACKS / MAX_BATCH_ITEMS;
    return {
      items: Array.from({ length: MAX_BATCH_ITEMS }, (_, i) => ({
        id: costly(MAX_ID_CHARS),
        mediaId: costly(MAX_ID_CHARS),
        label: costly(MAX_NAME_CHARS),
        draft:
          i === 0
            ? worstDraft(tracksPerItem, segmentCount, MAX_DRAFT_TEXT_CHARS)
            : worstDraft(tracksPerItem, 0, 0),
      })),
    };
  }

  it('is allowed, and stays below half the 2 MB SQLite value limit, also as a batch event', () => {
    const largest = worstBatch(MAX_DRAFT_SEGMENTS);
    expect(batchSchema.safeParse(largest).success).toBe(true);
    const size = bytes(largest);
    console.info(`largest batch: ${size} bytes of JSON (limit ${SQLITE_MAX_VALUE_BYTES})`);
    expect(size).toBeLessThan(BATCH_BUDGET_BYTES);
    const largestDraft = largest.items[0]?.draft;
    if (largestDraft === undefined) throw new Error('the worst batch has no item');
    const event = {
      type: 'batch',
      version: Number.MAX_SAFE_INTEGER,
      changes: diffDrafts(worstBatch(MAX_DRAFT_SEGMENTS - 1).items[0]?.draft ?? null, largestDraft),
      batch: largest,
    };
    expect(streamEventSchema.safeParse(event).success).toBe(true);
    expect(bytes(event)).toBeLessThan(BATCH_BUDGET_BYTES);
  });

  it('is refused when its items together pass the segment budget or the track limit', () => {
    const spread = worstBatch(MAX_DRAFT_SEGMENTS);
    const second = spread.items[1];
    if (second === undefined) throw new Error('no second item');
    second.draft = worstDraft(MAX_BATCH_TRACKS / MAX_BATCH_ITEMS, 1, 0);
    const tooMany = batchSchema.safeParse(spread);
    expect(tooMany.success).toBe(false);
    if (!tooMany.success) expect(draftTooLargeMessage(tooMany.error)).toMatch(/201 segments/);

    const wide = worstBatch(0);
    const first = wide.items[0];
    if (first === undefined) throw new Error('no first item');
    first.draft = worstDraft(MAX_BATCH_TRACKS / MAX_BATCH_ITEMS + 1, 0, 0);
    const tooWide = batchSchema.safeParse(wide);
    expect(tooWide.success).toBe(false);
    if (!tooWide.success)
      expect(draftTooLargeMessage(tooWide.error)).toMatch(/121 tracks, and at most 120 fit/);
  });
});
