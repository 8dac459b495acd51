/**
 * The hero illustration is drawn in its own colours where its layout places it, shape by shape
 * as it enters, and whole once the entrance is over. Node has no canvas: a small fake context
 * follows translate and scale and records each fill's colour and where the 32-unit box lands.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ILLUSTRATION_BOX, type Illustration } from '../../shared/illustration-schema';
import { drawIllustration, heroPlace } from './draw-illustration';
import { createFrameAssets, type Context2D } from './frame-assets';

interface Fill {
  color: string;
  /** Canvas pixels of the box's centre and its side. */
  centerX: number;
  centerY: number;
  sidePx: number;
}

/** A context that follows translate/scale (no rotation) and records fills. */
function fakeContext(fills: Fill[]): Context2D {
  let transform = { x: 0, y: 0, scale: 1 };
  const stack: (typeof transform)[] = [];
  const state = { fillStyle: '', globalAlpha: 1 };
  const ctx = {
    canvas: { width: 1920, height: 1080 },
    save: () => stack.push({ ...transform }),
    restore: () => {
      transform = stack.pop() ?? transform;
    },
    translate: (x: number, y: number) => {
      transform = {
        ...transform,
        x: transform.x + x * transform.scale,
        y: transform.y + y * transform.scale,
      };
    },
    scale: (s: number) => {
      transform = { ...transform, scale: transform.scale * s };
    },
    fill: () => {
      const half = (ILLUSTRATION_BOX / 2) * transform.scale;
      fills.push({
        color: state.fillStyle,
        centerX: transform.x + half,
        centerY: transform.y + half,
        sidePx: ILLUSTRATION_BOX * transform.scale,
      });
    },
  };
  return new Proxy(ctx, {
    get: (target, prop) =>
      prop in state ? state[prop as keyof typeof state] : target[prop as keyof typeof ctx],
    set: (_target, prop, value) => {
      (state as Record<string, unknown>)[String(prop)] = value;
      return true;
    },
  }) as unknown as Context2D;
}

const SUN: Illustration = {
  name: 'sun',
  shapes: [
    { fill: '#ffb02e', d: 'M16 4a12 12 0 1 0 0 24a12 12 0 1 0 0-24z' },
    { fill: '#fcd53f', d: 'M16 8a8 8 0 1 0 0 16a8 8 0 1 0 0-16z' },
    { fill: '#f8312f', d: 'M15 15h2v2h-2z', evenOdd: true },
  ],
};
const CANVAS = { width: 1920, height: 1080, fps: 30 };

describe('drawIllustration', () => {
  beforeEach(() => {
    vi.stubGlobal(
      'Path2D',
      class {
        constructor(readonly d: string) {}
      },
    );
  });
  afterEach(() => vi.unstubAllGlobals());

  it('fills every shape in its own colour at the layout’s place once it has entered', () => {
    for (const layout of ['split', 'headline', 'title'] as const) {
      const fills: Fill[] = [];
      drawIllustration(fakeContext(fills), CANVAS, SUN, layout, 5_000, 1, createFrameAssets());
      expect(fills.map((fill) => fill.color)).toEqual(['#ffb02e', '#fcd53f', '#f8312f']);
      const place = heroPlace(layout, CANVAS);
      for (const fill of fills) {
        // The float moves it by at most 2.5% of its size.
        expect(Math.abs(fill.centerX - place.x * CANVAS.width)).toBeLessThan(1);
        expect(Math.abs(fill.centerY - place.y * CANVAS.height)).toBeLessThan(
          0.03 * place.size * CANVAS.height,
        );
        expect(fill.sidePx).toBeCloseTo(place.size * CANVAS.height, 0);
      }
    }
  });

  it('puts the hero beside the words in split and above them on a portrait frame', () => {
    expect(heroPlace('split', CANVAS).x).toBeLessThan(0.4);
    expect(heroPlace('split', { width: 1080, height: 1920, fps: 30 }).x).toBe(0.5);
  });

  it('enters shape by shape: nothing at the first frame, the first shapes before the last', () => {
    const first: Fill[] = [];
    drawIllustration(fakeContext(first), CANVAS, SUN, 'split', 0, 1, createFrameAssets());
    expect(first).toEqual([]);
    const early: Fill[] = [];
    drawIllustration(fakeContext(early), CANVAS, SUN, 'split', 200, 1, createFrameAssets());
    expect(early.map((fill) => fill.color)).toEqual(['#ffb02e']);
  });
});
