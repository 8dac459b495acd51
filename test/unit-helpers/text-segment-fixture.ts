/**
 * @module text-segment-fixture (test support)
 * A centred white text segment for unit tests that build drafts by hand (summary, diff).
 */
import type { TextSegment } from '../../shared/draft-schema';

/** The font list the director uses. */
export const FIXTURE_FONT = '"Inter", "Noto Sans SC", sans-serif';

/**
 * @param startMs, durationMs integer ms
 * @param color `#rrggbb`, default white
 */
export function textSegmentFixture(
  id: string,
  role: TextSegment['role'],
  value: string,
  startMs: number,
  durationMs: number,
  color = '#ffffff',
): TextSegment {
  return {
    id,
    role,
    text: value,
    startMs,
    durationMs,
    style: {
      fontFamily: FIXTURE_FONT,
      fontWeight: 800,
      fontSizePx: 97,
      color,
      backgroundColor: null,
    },
    position: { x: 0.5, y: 0.5, maxWidth: 0.84, align: 'center' },
    animation: 'fade',
  };
}
