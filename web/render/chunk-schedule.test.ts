import { describe, expect, it } from 'vitest';
import { planChunks } from '../../shared/render-chunk-plan';
import { ChunkSchedule, type ChunkRange } from './chunk-schedule';
import { encoderCount } from './encoder-count';

/** 14 s at 30 fps: chunks 0–2 of 120 frames and chunk 3 of 60. */
const plan = planChunks({ durationMs: 14_000, fps: 30 });

describe('ChunkSchedule', () => {
  it('gives two workers the next chunks as frame ranges, one each at a time', () => {
    const schedule = new ChunkSchedule<string>(plan, 0, 2);
    expect(schedule.take(0)).toEqual({ index: 0, firstFrame: 0, frameCount: 120 });
    expect(schedule.take(1)).toEqual({ index: 1, firstFrame: 120, frameCount: 120 });
    expect(schedule.take(0)).toBeNull(); // still drawing chunk 0
  });

  it('holds a chunk finished early until the one before it is done, then releases both in order', () => {
    const schedule = new ChunkSchedule<string>(plan, 0, 2);
    schedule.take(0);
    schedule.take(1);
    expect(schedule.finish(1, 1, 'one')).toEqual([]);
    // Its finished chunk waits: worker 1 takes nothing new (one waiting chunk per worker).
    expect(schedule.take(1)).toBeNull();
    expect(schedule.finish(0, 0, 'zero')).toEqual([
      { index: 0, payload: 'zero' },
      { index: 1, payload: 'one' },
    ]);
    expect(schedule.take(0)).toBeNull(); // chunk 0 is released, not stored yet
    schedule.stored(0);
    expect(schedule.take(0)).toEqual({ index: 2, firstFrame: 240, frameCount: 120 });
    expect(schedule.take(1)).toBeNull();
    schedule.stored(1);
    expect(schedule.take(1)).toEqual({ index: 3, firstFrame: 360, frameCount: 60 });
    expect(schedule.finish(1, 3, 'three')).toEqual([]);
    expect(schedule.finish(0, 2, 'two').map((c) => c.index)).toEqual([2, 3]);
    expect(schedule.allStored).toBe(false);
    schedule.stored(2);
    schedule.stored(3);
    expect(schedule.allStored).toBe(true);
    expect(schedule.take(0)).toBeNull();
    expect(schedule.chunksBy).toEqual([2, 2]);
  });

  it('skips the chunks an earlier page stored and counts their frames as done', () => {
    const schedule = new ChunkSchedule<string>(plan, 2, 2);
    expect(schedule.framesDone).toBe(240);
    expect(schedule.take(1)?.index).toBe(2);
    expect(schedule.take(0)?.index).toBe(3);
    expect(schedule.finish(0, 3, 'three')).toEqual([]);
    expect(schedule.finish(1, 2, 'two').map((c) => c.index)).toEqual([2, 3]);
  });

  it('is stored as soon as it starts when every chunk was stored before', () => {
    const schedule = new ChunkSchedule<string>(plan, plan.chunkCount, 2);
    expect(schedule.allStored).toBe(true);
    expect(schedule.take(0)).toBeNull();
    expect(schedule.framesDone).toBe(plan.totalFrames);
  });

  it('sums the progress of both workers with the finished chunks', () => {
    const schedule = new ChunkSchedule<string>(plan, 0, 2);
    schedule.take(0);
    schedule.take(1);
    schedule.progress(0, 30);
    schedule.progress(1, 45);
    expect(schedule.framesDone).toBe(75);
    schedule.progress(1, 500); // never more than the chunk's frames
    schedule.finish(0, 0, 'zero');
    expect(schedule.framesDone).toBe(240);
  });

  it('refuses a chunk the worker was not drawing, a store of a chunk not released, and bad sizes', () => {
    const schedule = new ChunkSchedule<string>(plan, 0, 2);
    schedule.take(0);
    expect(() => schedule.finish(1, 0, 'x')).toThrow(/not drawing/);
    expect(() => schedule.finish(0, 1, 'x')).toThrow(/not drawing/);
    expect(() => schedule.stored(0)).toThrow(/not waiting/);
    expect(() => schedule.take(2)).toThrow(RangeError);
    expect(() => new ChunkSchedule<string>(plan, plan.chunkCount + 1, 2)).toThrow(RangeError);
    expect(() => new ChunkSchedule<string>(plan, 0, 0)).toThrow(RangeError);
  });

  it('stores every chunk once, in order, with at most one waiting per worker, whatever the finishing order', () => {
    const long = planChunks({ durationMs: 62_000, fps: 30 }); // 16 chunks
    let seed = 7;
    const random = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let trial = 0; trial < 50; trial++) {
      const workers = 1 + (trial % 3);
      const schedule = new ChunkSchedule<number>(long, trial % 4, workers);
      const drawing = new Map<number, ChunkRange>();
      const toStore: number[] = [];
      const storedOrder: number[] = [];
      /** Finished and not yet stored, per worker; and who made each chunk. */
      const waiting = Array.from({ length: workers }, () => 0);
      const madeBy = new Map<number, number>();
      for (let step = 0; !schedule.allStored && step < 10_000; step++) {
        for (let w = 0; w < workers; w++) {
          const range = schedule.take(w);
          if (range) drawing.set(w, range);
        }
        const roll = random();
        const busy = [...drawing.keys()];
        if (toStore.length > 0 && (roll < 0.4 || busy.length === 0)) {
          const index = toStore.shift() ?? -1;
          schedule.stored(index);
          storedOrder.push(index);
          const maker = madeBy.get(index) ?? 0;
          waiting[maker] = (waiting[maker] ?? 0) - 1;
        } else if (busy.length > 0) {
          const w = busy[Math.floor(random() * busy.length)] ?? 0;
          const range = drawing.get(w);
          drawing.delete(w);
          if (range) {
            madeBy.set(range.index, w);
            waiting[w] = (waiting[w] ?? 0) + 1;
            for (const c of schedule.finish(w, range.index, range.index)) {
              expect(c.payload).toBe(c.index);
              toStore.push(c.index);
            }
          }
        }
        // Finished but not stored (held or released): at most one per worker.
        expect(Math.max(...waiting)).toBeLessThanOrEqual(1);
      }
      expect(schedule.allStored).toBe(true);
      const first = trial % 4;
      expect(storedOrder).toEqual(
        Array.from({ length: long.chunkCount - first }, (_, i) => first + i),
      );
      expect(schedule.framesDone).toBe(long.totalFrames);
    }
  });
});

describe('encoderCount', () => {
  it('runs two encoders from two cores, one below or when the browser hides its cores', () => {
    expect(encoderCount(undefined, 2)).toBe(2);
    expect(encoderCount(undefined, 16)).toBe(2);
    expect(encoderCount(undefined, 1)).toBe(1);
    expect(encoderCount(undefined, undefined)).toBe(1);
  });

  it('takes a forced count, kept within 1…2', () => {
    expect(encoderCount(1, 16)).toBe(1);
    expect(encoderCount(2, 1)).toBe(2);
    expect(encoderCount(5, 16)).toBe(2);
    expect(encoderCount(0, 16)).toBe(1);
  });
});
