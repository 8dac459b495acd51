import { describe, expect, it } from 'vitest';
import { textSegmentSchema } from '../../../shared/draft-schema';
import { CANVAS_PRESETS } from './parse-canvas';
import { pickLook } from './pick-look';
import {
  CAPTION_Y_LANDSCAPE,
  CAPTION_Y_VERTICAL,
  TEXT_MAX_WIDTH,
  TITLE_Y,
  fontSizeFor,
  makeTextSegment,
  positionFor,
  reframeTextSegment,
} from './text-layout';

const look = pickLook('cloud');

describe('text layout', () => {
  it('sizes text from the shorter side: title 97 px, caption 48 px, overlay 60 px at 1080', () => {
    for (const canvas of Object.values(CANVAS_PRESETS)) {
      expect(fontSizeFor('title', canvas)).toBe(97);
      expect(fontSizeFor('caption', canvas)).toBe(48);
      expect(fontSizeFor('overlay', canvas)).toBe(60);
    }
    expect(fontSizeFor('caption', { width: 1280, height: 720, fps: 30 })).toBe(32);
  });

  it('puts captions in the lower third, higher on vertical frames, centred and 84% wide', () => {
    expect(positionFor('caption', CANVAS_PRESETS.landscape)).toEqual({
      x: 0.5,
      y: CAPTION_Y_LANDSCAPE,
      maxWidth: TEXT_MAX_WIDTH,
      align: 'center',
    });
    expect(positionFor('caption', CANVAS_PRESETS.vertical).y).toBe(CAPTION_Y_VERTICAL);
    expect(positionFor('title', CANVAS_PRESETS.vertical).y).toBeCloseTo(TITLE_Y);
  });

  it('makes valid segments; CJK text is weight 700 (the loaded Noto Sans SC face)', () => {
    const latin = makeTextSegment({
      id: 't',
      role: 'title',
      text: 'Nimbus',
      startMs: 0,
      durationMs: 3_000,
      canvas: CANVAS_PRESETS.landscape,
      look,
    });
    const cjk = makeTextSegment({
      id: 'c',
      role: 'caption',
      text: '学习更简单',
      startMs: 0,
      durationMs: 3_000,
      canvas: CANVAS_PRESETS.landscape,
      look,
    });
    expect(textSegmentSchema.parse(latin)).toEqual(latin);
    expect(latin.style.fontWeight).toBe(800);
    expect(cjk.style.fontWeight).toBe(700);
    expect(cjk.style.fontFamily).toContain('Noto Sans SC');
  });

  it('reframes: default places move to the new shape, sizes scale with the shorter side, custom places stay', () => {
    const caption = makeTextSegment({
      id: 'c',
      role: 'caption',
      text: 'Hi',
      startMs: 0,
      durationMs: 1_000,
      canvas: CANVAS_PRESETS.landscape,
      look,
    });
    const vertical = reframeTextSegment(caption, CANVAS_PRESETS.landscape, CANVAS_PRESETS.vertical);
    expect(vertical.position.y).toBe(CAPTION_Y_VERTICAL);
    expect(vertical.style.fontSizePx).toBe(48);
    const small = reframeTextSegment(caption, CANVAS_PRESETS.landscape, {
      width: 1280,
      height: 720,
      fps: 30,
    });
    expect(small.style.fontSizePx).toBe(32);
    const placed = { ...caption, position: { ...caption.position, y: 0.3 } };
    expect(
      reframeTextSegment(placed, CANVAS_PRESETS.landscape, CANVAS_PRESETS.vertical).position.y,
    ).toBe(0.3);
  });
});
