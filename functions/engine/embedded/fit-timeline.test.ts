import { describe, expect, it } from 'vitest';
import { draftSchema } from '../../../shared/draft-schema';
import { distributeMs, refitDuration, reframeCanvas } from './fit-timeline';
import { CANVAS_PRESETS } from './parse-canvas';
import { planStoryboard } from '../../../test/support/director-from-text';

describe('distributeMs', () => {
  it('splits proportionally into integers that sum exactly', () => {
    expect(distributeMs(10_000, [1, 1, 2])).toEqual([2_500, 2_500, 5_000]);
    const parts = distributeMs(27_000, [3, 7, 11, 5, 9]);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(27_000);
    for (const p of parts) expect(Number.isInteger(p)).toBe(true);
  });

  it('lets the last part absorb the rounding', () => {
    expect(distributeMs(10, [1, 1, 1])).toEqual([3, 4, 3]);
    expect(distributeMs(100, [1, 1, 1]).reduce((a, b) => a + b, 0)).toBe(100);
  });

  it('keeps every part at the minimum when there is room, proportional above it', () => {
    const parts = distributeMs(20_000, [1, 30, 30], 2_000);
    expect(parts[0]).toBe(2_000);
    expect(parts[1]).toBe(9_000);
    expect(parts[2]).toBe(9_000);
  });

  it('lowers the minimum to an equal share when there is no room, and handles zero weights', () => {
    expect(distributeMs(3_000, [1, 1, 1], 2_000)).toEqual([1_000, 1_000, 1_000]);
    expect(distributeMs(900, [0, 0, 0])).toEqual([300, 300, 300]);
    expect(distributeMs(1_000, [])).toEqual([]);
  });
});

describe('refitDuration', () => {
  const draft = planStoryboard(
    'make a 30 second video from this script: Nimbus keeps files safe. It syncs across every device you own. Setup takes five minutes. Try Nimbus today.',
  );

  it('scales every segment, keeps scenes contiguous and ends them exactly at the new duration', () => {
    const short = refitDuration(draft, 15_000);
    expect(draftSchema.safeParse(short).success).toBe(true);
    for (const track of short.tracks) {
      const last = track.segments.at(-1);
      if (track.kind !== 'text' || track.name === 'Captions')
        expect((last?.startMs ?? 0) + (last?.durationMs ?? 0)).toBe(15_000);
      if (track.kind === 'video') {
        track.segments.forEach((segment, i) => {
          const previous = track.segments[i - 1];
          if (previous) expect(segment.startMs).toBe(previous.startMs + previous.durationMs);
        });
      }
    }
  });

  it('keeps scene proportions within rounding', () => {
    const long = refitDuration(draft, 60_000);
    const before =
      draft.tracks
        .find((t) => t.kind === 'video')
        ?.segments.map((s) => s.durationMs / draft.durationMs) ?? [];
    const after =
      long.tracks.find((t) => t.kind === 'video')?.segments.map((s) => s.durationMs / 60_000) ?? [];
    for (const [i, share] of after.entries()) expect(share).toBeCloseTo(before[i] ?? 0, 3);
  });

  it('caps fades at half the music segment when very short', () => {
    const tiny = refitDuration(draft, 1_000);
    const music = tiny.tracks.find((t) => t.kind === 'audio')?.segments[0];
    expect(music?.fadeOutMs).toBeLessThanOrEqual(500);
    expect(draftSchema.safeParse(tiny).success).toBe(true);
  });
});

describe('reframeCanvas', () => {
  it('changes the canvas and moves default-placed captions, keeping timing', () => {
    const draft = planStoryboard(
      'make a video from this script: Nimbus keeps files safe. Try Nimbus today.',
    );
    const vertical = reframeCanvas(draft, CANVAS_PRESETS.vertical);
    expect(vertical.canvas).toEqual(CANVAS_PRESETS.vertical);
    const caption = vertical.tracks.find((t) => t.name === 'Captions')?.segments[0];
    const original = draft.tracks.find((t) => t.name === 'Captions')?.segments[0];
    expect(caption && 'position' in caption ? caption.position.y : null).toBe(0.74);
    expect(caption?.startMs).toBe(original?.startMs);
    expect(draft.canvas).toEqual(CANVAS_PRESETS.landscape);
  });
});
