import { describe, expect, it } from 'vitest';
import type { Draft } from '../../../shared/draft-schema';
import { runEditHandler } from '../../../test/support/run-edit-handler';
import type { EditHandler } from './edit-step';
import { textSegmentsOf } from './edit-step';
import { DEFAULT_OVERLAY_MS, addOverlayHandler } from './edit-overlay';
import { planStoryboard } from '../../../test/support/director-from-text';

const DRAFT = planStoryboard(
  'make a 20 second video from this script: Nimbus keeps files safe. Try Nimbus today.',
);

function run(handler: EditHandler, text: string, draft: Draft = DRAFT): Draft | null {
  return runEditHandler(handler, text, draft);
}

describe('addOverlayHandler', () => {
  it.each([
    ['add text "Hi" at 5s', 5_000, DEFAULT_OVERLAY_MS],
    ['add text "Hi" at 5 seconds for 4 seconds', 5_000, 4_000],
    ['add text "Hi" between 5 and 8 seconds', 5_000, 3_000],
    ['add text "Hi" from 2.5s to 4s', 2_500, 1_500],
    ['add text "Hi" at the end', 17_000, 3_000],
    ['添加文字「你好」5秒到8秒', 5_000, 3_000],
  ])('reads the timing of %j', (text, startMs, durationMs) => {
    const overlay = textSegmentsOf(run(addOverlayHandler, text) ?? DRAFT).find(
      (s) => s.role === 'overlay',
    );
    expect(overlay).toMatchObject({ startMs, durationMs });
  });

  it('places overlays at the top by default and at the bottom or centre when asked', () => {
    const y = (text: string) =>
      textSegmentsOf(run(addOverlayHandler, text) ?? DRAFT).find((s) => s.role === 'overlay')
        ?.position.y;
    expect(y('add text "Hi"')).toBe(0.16);
    expect(y('add text "Hi" at the bottom')).toBe(0.92);
    expect(y('add text "Hi" in the middle')).toBe(0.5);
  });

  it('numbers overlays so ids stay unique', () => {
    const once = run(addOverlayHandler, 'add text "One"');
    const twice = run(addOverlayHandler, 'add text "Two"', once ?? DRAFT);
    expect(
      textSegmentsOf(twice ?? DRAFT)
        .filter((s) => s.role === 'overlay')
        .map((s) => s.id),
    ).toEqual(['overlay-1', 'overlay-2']);
  });

  it('does not apply without any text to show', () => {
    expect(run(addOverlayHandler, 'add text')).toBeNull();
  });
});
