import { afterEach, describe, expect, it, vi } from 'vitest';
import { SCENE_LAYER_KINDS, type SceneLayers } from '../../../shared/scene-layers-schema';
import { createFrameAssets, type Context2D } from '../frame-assets';
import { driftFraction, paintScene } from './paint-scene';

/**
 * A 2D context that records every call and property write (Node has no canvas): two paints are
 * the same picture when they make the same calls with the same arguments.
 */
function recordingContext(log: string[]): Context2D {
  const recorder = (name: string): object =>
    new Proxy(
      {},
      {
        get:
          (_target, prop) =>
          (...args: unknown[]) => {
            log.push(`${name}.${String(prop)}(${JSON.stringify(args)})`);
          },
      },
    );
  const canvas = { width: 1920, height: 1080 };
  return new Proxy({} as Context2D, {
    get: (_target, prop) => {
      if (prop === 'canvas') return canvas;
      if (prop === 'globalAlpha') return 1;
      if (prop === 'getTransform') return () => ({ a: 1, b: 0, c: 0, d: 1, e: 0, f: 0 });
      return (...args: unknown[]) => {
        log.push(`${String(prop)}(${JSON.stringify(args)})`);
        if (String(prop).startsWith('create')) return recorder(String(prop));
        return undefined;
      };
    },
    set: (_target, prop, value) => {
      log.push(`${String(prop)}=${typeof value === 'object' ? 'gradient' : String(value)}`);
      return true;
    },
  });
}

function paint(scene: SceneLayers, timeMs: number, drift = 0): string[] {
  const log: string[] = [];
  paintScene(
    recordingContext(log),
    { width: 1920, height: 1080 },
    scene,
    timeMs,
    drift,
    createFrameAssets(),
  );
  return log;
}

const SUNSET_CITY: SceneLayers = {
  sky: { time: 'sunset', weather: 'rain' },
  layers: ['sun', 'skyline', 'sea'],
  colors: ['#38bdf8'],
  seed: 42,
};

describe('paintScene', () => {
  afterEach(() => vi.restoreAllMocks());

  it('paints the same frame for the same scene, seed, time and size, never reading a clock or Math.random', () => {
    const random = vi.spyOn(Math, 'random');
    const now = vi.spyOn(Date, 'now');
    const perf = vi.spyOn(performance, 'now');
    const every: SceneLayers = {
      sky: { time: 'night', weather: 'snow' },
      layers: SCENE_LAYER_KINDS.slice(0, 8),
      colors: ['#22d3ee', '#a855f7'],
      seed: 7,
    };
    for (const scene of [
      SUNSET_CITY,
      every,
      { ...every, sky: null, layers: SCENE_LAYER_KINDS.slice(8, 16) },
      { ...every, sky: null, layers: SCENE_LAYER_KINDS.slice(16) },
    ]) {
      const first = paint(scene, 1_234, 0.01);
      expect(first.length).toBeGreaterThan(50);
      expect(paint(scene, 1_234, 0.01)).toEqual(first);
    }
    expect(random).not.toHaveBeenCalled();
    expect(now).not.toHaveBeenCalled();
    expect(perf).not.toHaveBeenCalled();
  });

  it('moves with time (rain, waves) and changes with the seed and the sky', () => {
    const still = paint(SUNSET_CITY, 1_000);
    expect(paint(SUNSET_CITY, 1_500)).not.toEqual(still);
    expect(paint({ ...SUNSET_CITY, seed: 43 }, 1_000)).not.toEqual(still);
    expect(paint({ ...SUNSET_CITY, sky: { time: 'night', weather: 'rain' } }, 1_000)).not.toEqual(
      still,
    );
  });

  it('drifts nearer layers further: pans travel both ways around the middle of the scene', () => {
    expect(driftFraction('pan-right', 0)).toBeCloseTo(-driftFraction('pan-right', 1));
    expect(driftFraction('pan-left', 0.5)).toBe(0);
    expect(driftFraction('none', 0.9)).toBe(0);
    expect(paint(SUNSET_CITY, 1_000, 0.02)).not.toEqual(paint(SUNSET_CITY, 1_000, -0.02));
  });
});
