import { describe, expect, it } from 'vitest';
import type { PhraseRequest, SpokenPhrase } from './espeak-synth';
import { fitSpeech } from './fit-speech';
import { speedFor } from './neural-voice';

/** A voice whose phrase lasts `msAt175 × 175 / rate` ms, like eSpeak and a neural voice's `speed`. */
function voice(msAt175: number): {
  say: (phrases: readonly PhraseRequest[]) => Promise<SpokenPhrase[]>;
  rates: number[];
} {
  const rates: number[] = [];
  return {
    rates,
    say: async (phrases) =>
      phrases.map((p) => {
        rates.push(p.rateWpm);
        const speechMs = Math.round((msAt175 * 175) / p.rateWpm);
        return { pcm: new Float32Array(0), speechMs };
      }),
  };
}
const slot = {
  text: 'Hello there.',
  voice: 'en-us-female' as const,
  rateWpm: 175,
  durationMs: 2_000,
};

describe('fitSpeech', () => {
  it('says a phrase too long for its slot again, faster', async () => {
    const v = voice(3_000);
    const [said] = await fitSpeech([slot], v.say);
    expect(said?.speechMs).toBeLessThanOrEqual(2_000 * 1.02);
    expect(v.rates).toEqual([175, 263]);
  });

  it('leaves a short phrase alone, unless asked to fill the slot (the neural voice)', async () => {
    const plain = voice(1_000);
    await fitSpeech([slot], plain.say);
    expect(plain.rates).toEqual([175]);
    const filling = voice(1_000);
    const [said] = await fitSpeech([slot], filling.say, { maxWpm: 350, fillSlot: { minWpm: 88 } });
    expect(filling.rates).toEqual([175, 88]);
    expect(said?.speechMs).toBe(1_989);
  });
});

describe('speedFor', () => {
  it('maps the eSpeak rate to OpenAI’s speed in proportion, within 0.25–4', () => {
    expect([175, 140, 263, 20, 1_000].map(speedFor)).toEqual([1, 0.8, 1.5, 0.25, 4]);
  });
});
