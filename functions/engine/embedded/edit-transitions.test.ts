import { describe, expect, it } from 'vitest';
import { setTransitions, transitionKindIn } from './edit-transitions';
import { refitDuration } from './fit-timeline';
import { planStoryboard } from '../../../test/support/director-from-text';

describe('transitionKindIn', () => {
  it.each([
    ['use slide transitions', 'slide'],
    ['no transitions', 'cut'],
    ['hard cuts please', 'cut'],
    ['wipe', 'wipe'],
    ['dissolve between scenes', 'crossfade'],
    ['add transitions', 'crossfade'],
    ['转场用滑动', 'slide'],
  ])('reads %j as %s', (text, kind) => {
    expect(transitionKindIn(text)).toBe(kind);
  });

  it('returns null when no kind is named', () => {
    expect(transitionKindIn('transitions')).toBeNull();
  });
});

describe('setTransitions', () => {
  it('caps a transition at half the shorter neighbouring scene and leaves the first scene alone', () => {
    const tiny = refitDuration(
      planStoryboard('make a video from this script: Nimbus keeps files safe. Try Nimbus today.'),
      1_200,
    );
    const video = setTransitions(tiny, 'slide').tracks.find((t) => t.kind === 'video');
    expect(video?.segments[0]?.transitionIn).toBeUndefined();
    for (const [i, segment] of (video?.segments ?? []).entries()) {
      if (i === 0) continue;
      const previous = video?.segments[i - 1];
      expect(segment.transitionIn?.kind).toBe('slide');
      expect(segment.transitionIn?.durationMs).toBeLessThanOrEqual(
        Math.floor(Math.min(segment.durationMs, previous?.durationMs ?? 0) / 2),
      );
    }
  });
});
