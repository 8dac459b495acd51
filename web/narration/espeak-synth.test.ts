import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { ESPEAK_SAMPLE_RATE, createEspeakSynth } from './espeak-synth';
import { fitSpeech } from './fit-speech';

async function synth(): Promise<ReturnType<typeof createEspeakSynth>> {
  const path = createRequire(import.meta.url).resolve('espeak-ng/dist/espeak-ng.wasm');
  return createEspeakSynth(await WebAssembly.compile(await readFile(path)));
}

describe('createEspeakSynth', () => {
  it('says phrases of one voice in one run and cuts them apart, silence trimmed', async () => {
    const { say } = await synth();
    const phrases = ['Water moves in a cycle.', 'Rain falls.', '水在循环中移动。'];
    const said = await say([
      { text: phrases[0] ?? '', voice: 'en-us-female', rateWpm: 175 },
      { text: phrases[1] ?? '', voice: 'en-us-female', rateWpm: 175 },
      { text: phrases[2] ?? '', voice: 'zh-female', rateWpm: 175 },
    ]);
    expect(said).toHaveLength(3);
    for (const phrase of said) {
      expect(phrase.speechMs).toBeGreaterThan(400);
      expect(phrase.speechMs).toBeLessThan(4_000);
      expect(phrase.pcm[0]).not.toBe(0);
      expect(phrase.pcm[phrase.pcm.length - 1]).not.toBe(0);
      expect(phrase.speechMs).toBe(Math.round((phrase.pcm.length * 1000) / ESPEAK_SAMPLE_RATE));
    }
    expect(said[0]?.speechMs).toBeGreaterThan(said[1]?.speechMs ?? Infinity);
  }, 60_000);

  it('says a phrase again faster when it overruns its slot', async () => {
    const { say } = await synth();
    const text = 'Every day, millions of people forget their passwords again.';
    const [free] = await say([{ text, voice: 'en-gb-male', rateWpm: 150 }]);
    const slot = Math.round((free?.speechMs ?? 0) * 0.7);
    const [fitted] = await fitSpeech(
      [{ text, voice: 'en-gb-male', rateWpm: 150, durationMs: slot }],
      say,
    );
    expect(fitted?.rateWpm).toBeGreaterThan(150);
    expect(fitted?.speechMs).toBeLessThanOrEqual(slot * 1.02);
  }, 60_000);
});
