/**
 * @module fit-speech
 * Says each narration segment so it fits the time the draft gives it: a phrase said longer than
 * its `durationMs` is said again faster, in proportion (eSpeak's speech time scales with 1/rate
 * within 2%, see shared/speech-words.ts), so the voice never runs into the next scene. The neural
 * voice is fitted both ways ({@link FitOptions.fillSlot}).
 */
import type { NarrationVoice } from '../../shared/narration-schema';
import { ESPEAK_MAX_WPM, type PhraseRequest, type SpokenPhrase } from './espeak-synth';

/** One segment to say within `durationMs`. */
export interface SpeechSlot {
  text: string;
  voice: NarrationVoice;
  rateWpm: number;
  durationMs: number;
}

/** Speech may overrun its slot by this share before it is said again faster: 2% is unheard. */
export const FIT_TOLERANCE = 0.02;
/** Times a phrase is said again at most: the second try lands within 2% (rate scaling is linear). */
const MAX_REFITS = 2;

/** How a voice is fitted: its fastest rate, and whether a phrase said too short is said again slower. */
export interface FitOptions {
  /** Fastest rate, words per minute (default eSpeak's {@link ESPEAK_MAX_WPM}). */
  maxWpm?: number;
  /**
   * Also say again, slower, a phrase shorter than its slot by more than {@link FIT_TOLERANCE}
   * (down to `minWpm`): for a voice whose pace is not eSpeak's (the neural voice), so the speech
   * fills the span its captions are timed over (shared/caption-cues.ts `voiceMs`).
   */
  fillSlot?: { minWpm: number };
}

/**
 * Says every slot, each within its `durationMs` (as far as the voice's fastest rate allows).
 * @param say the synthesiser (espeak-synth.ts `say`, or neural-voice.ts `neuralSay`)
 * @returns one phrase per slot, in order, each with the rate it was finally said at
 */
export async function fitSpeech(
  slots: readonly SpeechSlot[],
  say: (phrases: readonly PhraseRequest[]) => Promise<SpokenPhrase[]>,
  options: FitOptions = {},
): Promise<Array<SpokenPhrase & { rateWpm: number }>> {
  const maxWpm = options.maxWpm ?? ESPEAK_MAX_WPM;
  const minWpm = options.fillSlot?.minWpm ?? 0;
  let requests: PhraseRequest[] = slots.map(({ text, voice, rateWpm }) => ({
    text,
    voice,
    rateWpm,
  }));
  const out = (await say(requests)).map((phrase, i) => ({
    ...phrase,
    rateWpm: requests[i]?.rateWpm ?? 0,
  }));
  for (let attempt = 0; attempt < MAX_REFITS; attempt++) {
    const late = slots
      .map((slot, index) => ({ slot, index, said: out[index] }))
      .filter(
        ({ slot, said }) =>
          said !== undefined &&
          ((said.rateWpm < maxWpm && said.speechMs > slot.durationMs * (1 + FIT_TOLERANCE)) ||
            (options.fillSlot !== undefined &&
              said.rateWpm > minWpm &&
              said.speechMs < slot.durationMs * (1 - FIT_TOLERANCE))),
      );
    if (late.length === 0) break;
    requests = late.map(({ slot, said }) => ({
      text: slot.text,
      voice: slot.voice,
      rateWpm: Math.max(
        minWpm,
        Math.min(
          maxWpm,
          Math.ceil(((said?.rateWpm ?? slot.rateWpm) * (said?.speechMs ?? 0)) / slot.durationMs),
        ),
      ),
    }));
    const again = await say(requests);
    late.forEach(({ index }, i) => {
      const phrase = again[i];
      if (phrase) out[index] = { ...phrase, rateWpm: requests[i]?.rateWpm ?? 0 };
    });
  }
  return out;
}
