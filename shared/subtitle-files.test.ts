import subsrt from 'subsrt-ts';
import { describe, expect, it } from 'vitest';
import { narratedDraftFixture } from '../test/unit-helpers/narrated-draft-fixture';
import { textSegmentFixture } from '../test/unit-helpers/text-segment-fixture';
import type { Draft } from './draft-schema';
import { subtitleCues, subtitleFile, subtitleTrack } from './subtitle-files';

/** A 60-s draft without narration: a title, two scene captions (one of two lines) and an overlay. */
function withTexts(texts: Array<[string, number, number]>): Draft {
  const draft = narratedDraftFixture([]);
  return {
    ...draft,
    tracks: [
      {
        id: 'text-scenes',
        kind: 'text',
        name: 'Captions',
        segments: texts.map(([text, startMs, durationMs], i) =>
          textSegmentFixture(`t${i}`, i === 0 ? 'title' : 'caption', text, startMs, durationMs),
        ),
      },
    ],
  };
}

describe('subtitles of a video without narration', () => {
  const draft = withTexts([
    ['Solar at home', 0, 3_000],
    ['Panels pay for themselves\nin eight years', 3_000, 7_000],
    ['Ask us', 2_500, 1_500],
  ]);

  it('cue each on-screen text while it is shown, in time order', () => {
    expect(subtitleCues(draft)).toEqual([
      { startMs: 0, endMs: 3_000, text: 'Solar at home' },
      { startMs: 2_500, endMs: 4_000, text: 'Ask us' },
      { startMs: 3_000, endMs: 10_000, text: 'Panels pay for themselves\nin eight years' },
    ]);
  });

  it('write SRT and WebVTT files that parse back to those cues, and an MP4 track in English', () => {
    for (const format of ['srt', 'vtt'] as const) {
      const parsed = subsrt
        .parse(subtitleFile(draft, format), { format })
        // SubRip lines end in CRLF.
        .flatMap((c) =>
          c.type === 'caption' ? [[c.start, c.end, c.text.replace(/\r\n/g, '\n')]] : [],
        );
      expect(parsed).toEqual(subtitleCues(draft).map((c) => [c.startMs, c.endMs, c.text]));
    }
    expect(subtitleTrack(draft)).toMatchObject({ cueCount: 3, languageCode: 'eng' });
    expect(subtitleTrack(withTexts([['在家烹饪', 0, 3_000]]))?.languageCode).toBe('zho');
  });

  it('keep the narration’s captions when there is narration, and none without any text', () => {
    const narrated = narratedDraftFixture(['First scene.']);
    expect(subtitleCues(narrated).map((c) => c.text)).toEqual(['First scene.']);
    expect(subtitleTrack(narratedDraftFixture([]))).toBeNull();
  });
});
