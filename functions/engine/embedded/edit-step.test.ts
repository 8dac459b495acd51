import { describe, expect, it } from 'vitest';
import { mapTextSegments, textSegmentsOf } from './edit-step';
import { planStoryboard } from '../../../test/support/director-from-text';

describe('mapTextSegments', () => {
  const draft = planStoryboard(
    'make a video from this script: Nimbus keeps files safe. Try Nimbus today.',
  );

  it('maps every text segment and leaves other tracks alone', () => {
    const upper = mapTextSegments(draft, (s) => ({ ...s, text: s.text.toUpperCase() }));
    expect(textSegmentsOf(upper).map((s) => s.text)).toEqual(
      textSegmentsOf(draft).map((s) => s.text.toUpperCase()),
    );
    expect(upper.tracks.filter((t) => t.kind !== 'text')).toEqual(
      draft.tracks.filter((t) => t.kind !== 'text'),
    );
  });

  it('drops text tracks left empty', () => {
    const noCaptions = mapTextSegments(draft, (s) => (s.role === 'caption' ? null : s));
    expect(noCaptions.tracks.map((t) => t.name)).toEqual(['Storyboard', 'Upbeat', 'Title']);
  });
});
