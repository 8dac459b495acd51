import { describe, expect, it } from 'vitest';
import type { Draft } from './draft-schema';
import { draftSchema } from './draft-schema';
import { FIXTURE_FONT, textSegmentFixture } from '../test/unit-helpers/text-segment-fixture';
import { formatSeconds, quoteText, summarizeTimeline } from './timeline-summary';

const text = textSegmentFixture;

/**
 * The draft of the example line in docs/remote-api.md#short-key-drafts: a 10 s city timelapse,
 * lo-fi BGM at 35%, a 3 s title.
 */
function exampleDraft(): Draft {
  return draftSchema.parse({
    title: 'Urban Dreams',
    canvas: { width: 1920, height: 1080, fps: 30 },
    durationMs: 10_000,
    look: {
      paletteName: 'Midnight',
      background: ['#000000'],
      text: '#ffffff',
      accent: '#38bdf8',
      fontFamily: FIXTURE_FONT,
    },
    tracks: [
      {
        id: 'v',
        kind: 'video',
        name: 'city timelapse',
        segments: [
          {
            id: 's1',
            startMs: 0,
            durationMs: 4_000,
            label: 'Scene 1',
            visual: { type: 'media', mediaId: 'up-1' },
          },
          {
            id: 's2',
            startMs: 4_000,
            durationMs: 6_000,
            label: 'Scene 2',
            visual: { type: 'media', mediaId: 'up-2' },
          },
        ],
      },
      {
        id: 'a',
        kind: 'audio',
        name: 'Lo-fi',
        segments: [
          {
            id: 'm',
            startMs: 0,
            durationMs: 10_000,
            label: 'Lo-fi music',
            source: { type: 'generated-music', mood: 'lofi', tempoBpm: 84 },
            volume: 0.35,
            fadeInMs: 1_000,
            fadeOutMs: 2_000,
          },
        ],
      },
      {
        id: 't',
        kind: 'text',
        name: 'Title',
        segments: [text('title', 'title', 'Urban Dreams', 0, 3_000)],
      },
    ],
  });
}

describe('summarizeTimeline', () => {
  it('prints the exact example line of the remote contract for the example draft', () => {
    expect(summarizeTimeline(exampleDraft())).toBe(
      'Timeline (3 tracks): 1. Video: city timelapse (0-10s) 2. BGM: Lo-fi (0-10s, 35%) 3. Title: "Urban Dreams" (0-3s)',
    );
  });

  it('says empty for no draft and for a draft without tracks', () => {
    expect(summarizeTimeline(null)).toBe('Timeline (0 tracks): empty');
    expect(summarizeTimeline({ ...exampleDraft(), tracks: [] })).toBe('Timeline (0 tracks): empty');
  });

  it('names a single non-title text "Text" and counts the texts of a busier track', () => {
    const draft = exampleDraft();
    draft.tracks = [
      {
        id: 'o',
        kind: 'text',
        name: 'Overlays',
        segments: [text('o1', 'overlay', 'Sale ends\nFriday', 5_000, 3_000)],
      },
      {
        id: 'c',
        kind: 'text',
        name: 'Captions',
        segments: [
          text('c1', 'caption', 'One', 3_000, 2_500),
          text('c2', 'caption', 'Two', 5_500, 4_000),
        ],
      },
    ];
    expect(summarizeTimeline(draft)).toBe(
      'Timeline (2 tracks): 1. Text: "Sale ends Friday" (5-8s) 2. Captions: 2 texts (3-9.5s)',
    );
  });

  it('says "1 track" in the singular and marks a track with no segments as empty', () => {
    const draft = exampleDraft();
    draft.tracks = [{ id: 'v', kind: 'video', name: 'Storyboard', segments: [] }];
    expect(summarizeTimeline(draft)).toBe('Timeline (1 track): 1. Video: Storyboard (empty)');
  });
});

describe('formatSeconds', () => {
  it('prints whole seconds as integers and others with one decimal', () => {
    expect(formatSeconds(10_000)).toBe('10');
    expect(formatSeconds(2_500)).toBe('2.5');
    expect(formatSeconds(2_960)).toBe('3');
    expect(formatSeconds(0)).toBe('0');
    expect(formatSeconds(1_234)).toBe('1.2');
  });
});

describe('quoteText', () => {
  it('flattens line breaks and cuts long text with an ellipsis', () => {
    expect(quoteText('a\n b')).toBe('a b');
    const cut = quoteText('x'.repeat(100), 10);
    expect(cut).toBe(`${'x'.repeat(9)}…`);
  });
});
