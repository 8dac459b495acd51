import { describe, expect, it } from 'vitest';
import type { SceneLayout } from '../../../shared/draft-schema';
import { paletteLookOrFirst } from './pick-look';
import { captionPosition, layoutText, listItems, pickLayout, placeCaption } from './pick-layout';
import { makeTextSegment, positionFor, reframeTextSegment } from './text-layout';

/** Text, its place among four scenes, whether it is illustrated → the layout. */
const TABLE: ReadonlyArray<readonly [string, number, boolean, SceneLayout]> = [
  ['Three reasons to switch: speed, price and support.', 1, true, 'bullets'],
  ['- Plan your week\n- Track your meals\n- Sleep eight hours', 1, true, 'bullets'],
  ['三个理由：速度、价格、服务。', 1, true, 'bullets'],
  ['Builds are 3× faster than before', 1, true, 'big-number'],
  ['Revenue grew 40% in one quarter', 2, false, 'big-number'],
  ['速度提升了10倍', 1, true, 'big-number'],
  ['“It changed how our team works” — Ana, designer', 2, true, 'quote'],
  [
    'Nimbus keeps every document in one secure cloud workspace for the whole team',
    1,
    true,
    'split',
  ],
  [
    'Nimbus keeps every document in one secure cloud workspace for the whole team',
    1,
    false,
    'headline',
  ],
  ['Nimbus fixes that.', 1, true, 'headline'],
  ['Try Nimbus today and get your first month free.', 3, true, 'end-card'],
  ['立即下载，开启你的学习之旅！', 3, true, 'end-card'],
  ['Try Nimbus today and get your first month free.', 1, true, 'split'],
];

describe('pickLayout', () => {
  it.each(TABLE)('%s (scene %i, illustrated %s) → %s', (text, index, illustrated, layout) => {
    expect(pickLayout({ text, index, count: 4, illustrated })).toBe(layout);
  });

  it('writes a list one item per line, bulleted, and leaves other text alone', () => {
    expect(listItems('Three reasons to switch: speed, price and support.')).toEqual([
      'speed',
      'price',
      'support',
    ]);
    expect(layoutText('bullets', 'Three reasons: speed, price and support.')).toBe(
      '• speed\n• price\n• support',
    );
    expect(layoutText('headline', 'Speed, price and support')).toBe('Speed, price and support');
    expect(listItems('Nimbus keeps files, designs and spreadsheets safe')).toBeNull();
  });
});

describe('a caption placed by its layout', () => {
  const landscape = { width: 1920, height: 1080, fps: 30 };
  const vertical = { width: 1080, height: 1920, fps: 30 };
  const look = paletteLookOrFirst('');
  const caption = makeTextSegment({
    id: 'c',
    role: 'caption',
    text: 'Nimbus keeps every document in one place',
    startMs: 0,
    durationMs: 3_000,
    canvas: landscape,
    look,
  });

  it('sits beside the illustration in split, and moves with the layout when the frame turns', () => {
    const split = placeCaption('split', caption, landscape);
    expect(split.position).toMatchObject({ x: 0.52, align: 'left' });
    expect(reframeTextSegment(split, landscape, vertical).position).toEqual(
      captionPosition('split', vertical, positionFor('caption', vertical)),
    );
  });

  it('is larger for a big number', () => {
    expect(placeCaption('big-number', caption, landscape).style.fontSizePx).toBeGreaterThan(
      caption.style.fontSizePx * 1.5,
    );
  });
});
