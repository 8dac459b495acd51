import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEspeakSynth } from '../../web/narration/espeak-synth';
import { stripEspeakWasm } from './strip-espeak-wasm';

/** What the browser should download at most, bytes: the 2.4 MB of data our voices read, and code. */
const STRIPPED_MAX_BYTES = 3_500_000;

describe('stripEspeakWasm', () => {
  // eSpeak seeds its randomness from the clock: both modules must see the same time.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-04T03:00:00Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('leaves out the unused voices and says English and Mandarin sample for sample as before', async () => {
    const shipped = await readFile(
      createRequire(import.meta.url).resolve('espeak-ng/dist/espeak-ng.wasm'),
    );
    const stripped = await stripEspeakWasm(shipped);
    expect(shipped.length).toBeGreaterThan(18_000_000);
    expect(stripped.length).toBeLessThan(STRIPPED_MAX_BYTES);
    const phrases = [
      { text: 'Water moves in a cycle.', voice: 'en-us-female', rateWpm: 175 },
      { text: 'Rain falls on the hills.', voice: 'en-gb-male', rateWpm: 150 },
      { text: '水在循环中移动。', voice: 'zh-female', rateWpm: 175 },
      { text: '雨落在山上。', voice: 'zh-male', rateWpm: 175 },
    ] as const;
    const before = await createEspeakSynth(await WebAssembly.compile(shipped)).say(phrases);
    const after = await createEspeakSynth(
      await WebAssembly.compile(stripped as Uint8Array<ArrayBuffer>),
    ).say(phrases);
    expect(after).toHaveLength(phrases.length);
    after.forEach((phrase, index) => {
      expect(phrase.pcm.length).toBeGreaterThan(5_000);
      expect(phrase.pcm).toEqual(before[index]?.pcm);
    });
  }, 120_000);
});
