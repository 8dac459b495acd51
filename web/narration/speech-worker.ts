/**
 * @module speech-worker
 * The speech Web Worker (an ES module worker): compiles eSpeak NG's WebAssembly once, then says
 * each request's narration segments within their slots (fit-speech.ts), through the
 * content-hash cache (speech-cache.ts). Loaded only by pages that narrate (speech-client.ts
 * starts it on the first draft with speech), so nobody else downloads the 18 MB voice.
 * Protocol: {@link SpeechRequest} in, {@link SpeechResponse} out.
 */
import wasmUrl from 'espeak-ng/dist/espeak-ng.wasm?url';
import { ESPEAK_SAMPLE_RATE, createEspeakSynth } from './espeak-synth';
import { fitSpeech } from './fit-speech';
import { cachedSpeech, keepSpeech, speechKey } from './speech-cache';
import type { SpeechAudio, SpeechRequest, SpeechResponse } from './speech-protocol';

let synth: Promise<ReturnType<typeof createEspeakSynth>> | null = null;

function loadSynth(): Promise<ReturnType<typeof createEspeakSynth>> {
  synth ??= WebAssembly.compileStreaming(fetch(wasmUrl)).then(createEspeakSynth);
  return synth;
}

function toAudio(pcm: Float32Array): SpeechAudio {
  return {
    pcm,
    sampleRate: ESPEAK_SAMPLE_RATE,
    speechMs: Math.round((pcm.length * 1000) / ESPEAK_SAMPLE_RATE),
  };
}

async function answer(request: SpeechRequest): Promise<SpeechAudio[]> {
  const keys = await Promise.all(request.slots.map(speechKey));
  const audio: Array<SpeechAudio | null> = await Promise.all(
    keys.map(async (key) => {
      const pcm = await cachedSpeech(key);
      return pcm ? toAudio(pcm) : null;
    }),
  );
  const missing = request.slots.flatMap((slot, index) => (audio[index] ? [] : [{ slot, index }]));
  if (missing.length > 0) {
    const { say } = await loadSynth();
    const said = await fitSpeech(
      missing.map(({ slot }) => slot),
      say,
    );
    await Promise.all(
      missing.map(async ({ index }, i) => {
        const pcm = said[i]?.pcm ?? new Float32Array(0);
        audio[index] = toAudio(pcm);
        await keepSpeech(keys[index] ?? '', pcm);
      }),
    );
  }
  return audio.map((item) => item ?? toAudio(new Float32Array(0)));
}

self.addEventListener('message', (event: MessageEvent<SpeechRequest>) => {
  const request = event.data;
  answer(request).then(
    (audio) => {
      const response: SpeechResponse = { id: request.id, ok: true, audio };
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
