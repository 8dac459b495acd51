import { describe, expect, it } from 'vitest';
import { fitRect } from './draw-media';

const landscape = { width: 1920, height: 1080, fps: 30 };
const vertical = { width: 1080, height: 1920, fps: 30 };

describe('fitRect', () => {
  it('covers: a 720p clip fills 1080p exactly', () => {
    expect(fitRect(1280, 720, landscape, 'cover')).toEqual({
      x: 0,
      y: 0,
      width: 1920,
      height: 1080,
    });
  });
  it('covers a vertical canvas with a wide clip by cropping the sides', () => {
    const rect = fitRect(1920, 1080, vertical, 'cover');
    expect(rect.height).toBe(1920);
    expect(rect.width).toBeCloseTo(3413.33, 1);
    expect(rect.x).toBeCloseTo(-1166.67, 1);
  });
  it('contains: a square photo sits centred with bars', () => {
    expect(fitRect(500, 500, landscape, 'contain')).toEqual({
      x: 420,
      y: 0,
      width: 1080,
      height: 1080,
    });
  });
});
