import { describe, expect, it } from 'vitest';
import { formatProgress } from './format-progress';
import { formatClock, formatSpan, formatTimeLeft } from './format-time';
import { rulerTicks } from './ruler-ticks';

describe('formatProgress', () => {
  it('says percent, speed and time left', () => {
    expect(formatProgress({ progress: 0.42, fps: 48.2, etaMs: 11_400 })).toBe(
      '42% · 48 fps · 12 s left',
    );
  });
  it('leaves out what is not known yet', () => {
    expect(formatProgress({ progress: 0, fps: 0, etaMs: null })).toBe('0%');
  });
});

describe('time formats', () => {
  it('formats clocks, spans and time left', () => {
    expect(formatClock(64_200)).toBe('1:04');
    expect(formatSpan(0, 3_500)).toBe('0–3.5 s');
    expect(formatTimeLeft(125_000)).toBe('2 min 5 s left');
    expect(formatTimeLeft(0)).toBe('almost done');
  });
});

describe('rulerTicks', () => {
  it('picks a nice step with at most 10 marks', () => {
    expect(rulerTicks(30_000).map((t) => t.label)).toEqual([
      '0:00',
      '0:05',
      '0:10',
      '0:15',
      '0:20',
      '0:25',
    ]);
    expect(rulerTicks(600_000).length).toBeLessThanOrEqual(10);
  });
});
