import { describe, expect, it } from 'vitest';
import { parseCanvas, parseCanvasPreset } from './parse-canvas';

describe('parseCanvas', () => {
  it.each([
    ['make it vertical', 'vertical'],
    ['9:16 please', 'vertical'],
    ['portrait mode', 'vertical'],
    ['a TikTok video', 'vertical'],
    ['for Instagram Reels', 'vertical'],
    ['YouTube Shorts', 'vertical'],
    ['竖屏视频', 'vertical'],
    ['square', 'square'],
    ['1:1', 'square'],
    ['an Instagram post', 'square'],
    ['horizontal', 'landscape'],
    ['16:9', 'landscape'],
    ['landscape', 'landscape'],
    ['横屏', 'landscape'],
  ])('reads %j as %s', (text, preset) => {
    expect(parseCanvasPreset(text)).toBe(preset);
  });

  it('gives the exact sizes at 30 fps, and null when no shape is named', () => {
    expect(parseCanvas('vertical')).toEqual({ width: 1080, height: 1920, fps: 30 });
    expect(parseCanvas('square')).toEqual({ width: 1080, height: 1080, fps: 30 });
    expect(parseCanvas('landscape')).toEqual({ width: 1920, height: 1080, fps: 30 });
    expect(parseCanvas('make it shorter')).toBeNull();
  });

  it('takes the shape named first', () => {
    expect(parseCanvasPreset('vertical, not square')).toBe('vertical');
  });
});
