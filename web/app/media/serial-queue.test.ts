import { describe, expect, it } from 'vitest';
import { SerialQueue } from './serial-queue';

/** A job that records when it starts and ends and finishes when told. */
function gatedJob(
  log: string[],
  name: string,
): { job: () => Promise<string>; finish: () => void; fail: (error: Error) => void } {
  let finish = (): void => undefined;
  let fail: (error: Error) => void = () => undefined;
  const gate = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  return {
    job: async () => {
      log.push(`${name} start`);
      try {
        await gate;
        return name;
      } finally {
        log.push(`${name} end`);
      }
    },
    finish: () => finish(),
    fail: (error) => fail(error),
  };
}

/** Lets every settled promise's callbacks run. */
const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('SerialQueue', () => {
  it('runs jobs one at a time in the order asked, telling the later ones they wait', async () => {
    const log: string[] = [];
    const queue = new SerialQueue();
    const [a, b, c] = [gatedJob(log, 'a'), gatedJob(log, 'b'), gatedJob(log, 'c')];
    const waiting: string[] = [];
    const results = [a, b, c].map((gated, i) =>
      queue.run(gated.job, { onWaiting: () => waiting.push(['a', 'b', 'c'][i] ?? '') }),
    );
    expect(waiting).toEqual(['b', 'c']);
    expect(queue.size).toBe(3);
    await flush();
    expect(log).toEqual(['a start']);
    c.finish(); // finishing a later job early changes nothing: it has not started
    b.finish();
    await flush();
    expect(log).toEqual(['a start']);
    a.finish();
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
    await flush();
    expect(queue.size).toBe(0);
  });

  it('drops a job aborted while it waits, at once, and runs the next after the one running', async () => {
    const log: string[] = [];
    const queue = new SerialQueue();
    const [a, b, c] = [gatedJob(log, 'a'), gatedJob(log, 'b'), gatedJob(log, 'c')];
    const controller = new AbortController();
    const first = queue.run(a.job);
    const dropped = queue.run(b.job, { signal: controller.signal });
    const third = queue.run(c.job);
    controller.abort(new Error('cancelled by the visitor'));
    await expect(dropped).rejects.toThrow('cancelled by the visitor');
    await flush();
    expect(log).toEqual(['a start']); // c still waits for a
    a.finish();
    c.finish();
    expect([await first, await third]).toEqual(['a', 'c']);
    expect(log).toEqual(['a start', 'a end', 'c start', 'c end']);
  });

  it('refuses a job whose signal is already aborted without queueing it', async () => {
    const queue = new SerialQueue();
    const controller = new AbortController();
    controller.abort(new Error('too late'));
    let ran = false;
    await expect(
      queue.run(async () => (ran = true), { signal: controller.signal }),
    ).rejects.toThrow('too late');
    expect([ran, queue.size]).toEqual([false, 0]);
  });

  it('goes on after a failed job and reports idle once all have settled', async () => {
    const log: string[] = [];
    let idle = 0;
    const queue = new SerialQueue(() => (idle += 1));
    const [a, b] = [gatedJob(log, 'a'), gatedJob(log, 'b')];
    const failing = queue.run(a.job);
    const next = queue.run(b.job);
    a.fail(new Error('the converter failed'));
    await expect(failing).rejects.toThrow('the converter failed');
    await flush();
    expect(idle).toBe(0);
    b.finish();
    expect(await next).toBe('b');
    await flush();
    expect(idle).toBe(1);
    expect(log).toEqual(['a start', 'a end', 'b start', 'b end']);
  });
});
