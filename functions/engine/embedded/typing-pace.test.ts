import { afterEach, describe, expect, it, vi } from 'vitest';
import { typingPace } from './typing-pace';

afterEach(() => {
  vi.useRealTimers();
});

describe('typingPace', () => {
  it('waits out the gap since the previous call, never before the first', async () => {
    vi.useFakeTimers();
    const pace = typingPace(100);
    const start = Date.now();
    await pace();
    expect(Date.now() - start).toBe(0);
    const second = pace();
    await vi.advanceTimersByTimeAsync(100);
    await second;
    expect(Date.now() - start).toBe(100);
  });

  it('does not slow a source that is already slower than the gap', async () => {
    vi.useFakeTimers();
    const pace = typingPace(100);
    await pace();
    await vi.advanceTimersByTimeAsync(250);
    const before = Date.now();
    await pace();
    expect(Date.now() - before).toBe(0);
  });
});
