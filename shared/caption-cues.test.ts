import { describe, expect, it } from 'vitest';
import { captionCues, cueText } from './caption-cues';
import type { Draft } from './draft-schema';
import { DEFAULT_CAPTION_STYLE } from './narration-schema';
import { narratedDraftFixture } from '../test/unit-helpers/narrated-draft-fixture';

function narrated(texts: string[], lines: 1 | 2 = 2): Draft {
  return narratedDraftFixture(texts, { ...DEFAULT_CAPTION_STYLE, lines });
}

describe('captionCues', () => {
  it('starts each segment’s first cue when its voice starts', () => {
    const cues = captionCues(narrated(['First scene.', 'Second scene here.']));
    expect(cues.map((cue) => [cue.segmentId, cue.startMs, cueText(cue.words)])).toEqual([
      ['voice-0', 500, 'First scene.'],
      ['voice-1', 10_500, 'Second scene here.'],
    ]);
  });
  it('splits a long phrase into cues of at most lines × 42 characters, in order', () => {
    const long =
      'Water moves in a never ending cycle, from the oceans to the sky, and back again as rain that feeds the rivers.';
    const oneLine = captionCues(narrated([long], 1));
    expect(oneLine.length).toBeGreaterThan(2);
    for (const cue of oneLine) expect(cueText(cue.words).length).toBeLessThanOrEqual(42);
    expect(oneLine.map((cue) => cueText(cue.words)).join(' ')).toBe(long);
    for (let i = 1; i < oneLine.length; i++)
      expect(oneLine[i]?.startMs).toBe(oneLine[i - 1]?.endMs);
    expect(captionCues(narrated([long], 2)).length).toBeLessThan(oneLine.length);
  });
});
