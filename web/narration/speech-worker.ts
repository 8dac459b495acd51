/**
 * @module speech-worker
 * The speech Web Worker (an ES module worker): says each request's narration segments within
 * their slots (fit-speech.ts), through the content-hash cache (speech-cache.ts). With a neural
 * voice route in the request it asks the server's neural voice first (neural-voice.ts), fitted to
 * the span the captions are timed over (shared/caption-cues.ts `voiceMs`); if that voice fails
 * for any phrase, the whole request (one video) is said by the offline voice instead, with a
 * plain note — never half one voice and half the other. eSpeak NG's WebAssembly is compiled on
 * first use, so a page whose server voice works never downloads the voice (~2.9 MB: the build
 * leaves out the data files of languages we do not offer, scripts/lib/strip-espeak-wasm.ts).
 * Protocol: {@link SpeechRequest} in, {@link SpeechResponse} out.
 */
import wasmUrl from 'espeak-ng/dist/espeak-ng.wasm?url';
import { voiceMs } from '../../shared/caption-cues';
import {
  ESPEAK_SAMPLE_RATE,
  type PhraseRequest,
  type SpokenPhrase,
  createEspeakSynth,
} from './espeak-synth';
import { type FitOptions, type SpeechSlot, fitSpeech } from './fit-speech';
import { NeuralVoiceOff, type NeuralVoiceRoute, WPM_AT_SPEED_1, neuralSay } from './neural-voice';
import { cachedSpeech, keepSpeech, speechKey } from './speech-cache';
import type { SpeechAudio, SpeechRequest, SpeechResponse } from './speech-protocol';

/** The offline voice's name in cache keys: a new eSpeak build says words differently. */
const ESPEAK_ENGINE = 'espeak-ng@1.0.2';
/** The neural voice's: the server keys its own WAVs by model and voice (functions/routes/speech.ts). */
const NEURAL_ENGINE = 'neural';
/** The slowest and fastest neural rates asked, wpm: OpenAI's `speed` 0.5–2, beyond which voices garble. */
const NEURAL_MIN_WPM = WPM_AT_SPEED_1 / 2;
const NEURAL_MAX_WPM = WPM_AT_SPEED_1 * 2;

let synth: Promise<ReturnType<typeof createEspeakSynth>> | null = null;
/** Set once the server says it has no neural voice: this page stops asking. */
let neuralOff = false;

function loadSynth(): Promise<ReturnType<typeof createEspeakSynth>> {
  synth ??= WebAssembly.compileStreaming(fetch(wasmUrl)).then(createEspeakSynth);
  return synth;
}

/** A voice: its cache name, how it says phrases, its PCM rate and how it is fitted. */
interface Voice {
  engine: string;
  say(phrases: readonly PhraseRequest[]): Promise<SpokenPhrase[]>;
  sampleRate(): number;
  fit: FitOptions;
  /** The span a slot's speech should fill. */
  slot(slot: SpeechSlot): SpeechSlot;
}

const espeakVoice: Voice = {
  engine: ESPEAK_ENGINE,
  say: async (phrases) => (await loadSynth()).say(phrases),
  sampleRate: () => ESPEAK_SAMPLE_RATE,
  fit: {},
  slot: (slot) => slot,
};

function neuralVoice(route: NeuralVoiceRoute): Voice {
  let rate = 0;
  return {
    engine: NEURAL_ENGINE,
    say: neuralSay(route, (hz) => {
      rate = hz;
    }),
    sampleRate: () => rate,
    fit: { maxWpm: NEURAL_MAX_WPM, fillSlot: { minWpm: NEURAL_MIN_WPM } },
    slot: (slot) => ({ ...slot, durationMs: voiceMs(slot, slot.durationMs) }),
  };
}

function toAudio(pcm: Float32Array, sampleRate: number): SpeechAudio {
  return { pcm, sampleRate, speechMs: Math.round((pcm.length * 1000) / sampleRate) };
}

/** Says every slot with `voice`, through the cache. @throws what the voice throws */
async function sayAll(slots: readonly SpeechSlot[], voice: Voice): Promise<SpeechAudio[]> {
  const fitted = slots.map(voice.slot);
  const keys = await Promise.all(fitted.map((slot) => speechKey(slot, voice.engine)));
  const audio: Array<SpeechAudio | null> = await Promise.all(
    keys.map(async (key) => {
      const kept = await cachedSpeech(key);
      return kept ? toAudio(kept.pcm, kept.sampleRate) : null;
    }),
  );
  const missing = fitted.flatMap((slot, index) => (audio[index] ? [] : [{ slot, index }]));
  if (missing.length > 0) {
    const said = await fitSpeech(
      missing.map(({ slot }) => slot),
      voice.say,
      voice.fit,
    );
    const sampleRate = voice.sampleRate();
    await Promise.all(
      missing.map(async ({ index }, i) => {
        const pcm = said[i]?.pcm ?? new Float32Array(0);
        audio[index] = toAudio(pcm, sampleRate);
        await keepSpeech(keys[index] ?? '', { pcm, sampleRate });
      }),
    );
  }
  return audio.map((item) => item ?? toAudio(new Float32Array(0), voice.sampleRate() || 1));
}

async function answer(request: SpeechRequest): Promise<{ audio: SpeechAudio[]; note?: string }> {
  if (request.neural && !neuralOff) {
    try {
      return { audio: await sayAll(request.slots, neuralVoice(request.neural)) };
    } catch (error) {
      if (error instanceof NeuralVoiceOff) neuralOff = true;
      else {
        const why = error instanceof Error ? error.message : String(error);
        return {
          audio: await sayAll(request.slots, espeakVoice),
          note: `The neural voice could not speak (${why.replace(/\.$/, '')}), so this video is narrated with the offline voice.`,
        };
      }
    }
  }
  return { audio: await sayAll(request.slots, espeakVoice) };
}

self.addEventListener('message', (event: MessageEvent<SpeechRequest>) => {
  const request = event.data;
  answer(request).then(
    ({ audio, note }) => {
      const response: SpeechResponse = {
        id: request.id,
        ok: true,
        audio,
        ...(note === undefined ? {} : { note }),
      };
      self.postMessage(response, { transfer: audio.map((item) => item.pcm.buffer) });
    },
    (error: unknown) => {
      const response: SpeechResponse = {
        id: request.id,
        ok: false,
        message: error instanceof Error ? error.message : String(error),
      };
      self.postMessage(response);
    },
  );
});
