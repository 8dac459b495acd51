import { describe, expect, it, vi } from 'vitest';
import { retryWithBackoff } from './retry-with-backoff';

const always = (): boolean => true;

describe('retryWithBackoff', () => {
  it('retries failures worth retrying with doubling waits, then resolves', async () => {
    vi.useFakeTimers();
    try {
      const waits: number[] = [];
      const run = vi
        .fn<(attempt: number) => Promise<string>>()
        .mockRejectedValueOnce(new Error('a'))
        .mockRejectedValueOnce(new Error('b'))
        .mockResolvedValue('ok');
      const result = retryWithBackoff(run, {
        tries: 5,
        firstDelayMs: 100,
        shouldRetry: always,
        onRetry: (_e, _t, ms) => waits.push(ms),
      });
      await vi.runAllTimersAsync();
      await expect(result).resolves.toBe('ok');
      expect(run).toHaveBeenCalledTimes(3);
      expect(waits).toEqual([100, 200]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('gives up on a refusal at once and after the last try', async () => {
    const refused = vi.fn(() => Promise.reject(new Error('409')));
    await expect(
      retryWithBackoff(refused, { tries: 5, firstDelayMs: 1, shouldRetry: () => false }),
    ).rejects.toThrow('409');
    expect(refused).toHaveBeenCalledTimes(1);
    const flaky = vi.fn(() => Promise.reject(new Error('down')));
    await expect(
      retryWithBackoff(flaky, { tries: 3, firstDelayMs: 1, shouldRetry: always }),
    ).rejects.toThrow('down');
    expect(flaky).toHaveBeenCalledTimes(3);
  });

  it('caps each wait at maxDelayMs and stops at the deadline', async () => {
    let clock = 0;
    const waits: number[] = [];
    const run = vi.fn(() => Promise.reject(new Error('down')));
    const sleepy = vi.spyOn(globalThis, 'setTimeout').mockImplementation(((
      callback: () => void,
      ms?: number,
    ) => {
      clock += ms ?? 0;
      callback();
      return 0;
    }) as typeof setTimeout);
    try {
      await expect(
        retryWithBackoff(run, {
          tries: Infinity,
          firstDelayMs: 100,
          maxDelayMs: 400,
          deadlineMs: 2_000,
          shouldRetry: always,
          now: () => clock,
          onRetry: (_e, _t, ms) => waits.push(ms),
        }),
      ).rejects.toThrow('down');
    } finally {
      sleepy.mockRestore();
    }
    expect(waits).toEqual([100, 200, 400, 400, 400, 400]);
    expect(clock).toBeLessThanOrEqual(2_000);
  });

  it('rejects promptly with an AbortError when aborted during a wait', async () => {
    const controller = new AbortController();
    const run = vi.fn(() => Promise.reject(new Error('down')));
    const startedAt = Date.now();
    const result = retryWithBackoff(run, {
      tries: 10,
      firstDelayMs: 60_000,
      signal: controller.signal,
      shouldRetry: always,
    });
    setTimeout(() => controller.abort(), 20);
    await expect(result).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - startedAt).toBeLessThan(1_000);
    expect(run).toHaveBeenCalledTimes(1);
  });
});
