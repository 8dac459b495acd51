/**
 * @module neural-voice
 * Phrases said by the server's neural voice (functions/routes/speech.ts proxies an
 * OpenAI-compatible `/v1/audio/speech`), for the speech worker: each phrase fetched as WAV and
 * decoded to mono float PCM with mediabunny (PCM needs no codec, and `decodeAudioData` does not
 * exist in workers), silence at both ends cut off like the offline voice's. The eSpeak-style rate
 * (words per minute) becomes OpenAI's `speed` in proportion to {@link WPM_AT_SPEED_1}, so
 * fit-speech.ts fits neural phrases the way it fits eSpeak's.
 */
import { AudioSampleSink, BufferSource, Input, WAVE } from 'mediabunny';
import type { PhraseRequest, SpokenPhrase } from './espeak-synth';

/** The rate a neural voice speaks at `speed` 1, words per minute (OpenAI's and Kokoro's voices read ~170). */
export const WPM_AT_SPEED_1 = 175;
/** Slowest and fastest `speed` the speech API accepts. */
const MIN_SPEED = 0.25;
const MAX_SPEED = 4;
/** A sample this quiet or quieter is silence when trimming the ends (−60 dBFS). */
const SILENCE_LEVEL = 0.001;
/** Phrases asked at once: the server counts each, and a voice on a CPU says one at a time anyway. */
const PARALLEL_PHRASES = 2;

/** Where the browser asks for speech: the route and the page's extra headers (the widget's token). */
export interface NeuralVoiceRoute {
  url: string;
  headers: Record<string, string>;
}

/** The server has no neural voice (404 `neural_voice_off`): not a failure, the offline voice speaks. */
export class NeuralVoiceOff extends Error {
  override readonly name = 'NeuralVoiceOff';
}

/** OpenAI's `speed` for an eSpeak rate, within what the API accepts (2 decimals: a stable cache key). */
export function speedFor(rateWpm: number): number {
  const speed = Math.min(MAX_SPEED, Math.max(MIN_SPEED, rateWpm / WPM_AT_SPEED_1));
  return Math.round(speed * 100) / 100;
}

/** Mono float PCM of a WAV (channels averaged) and its sample rate. */
async function decodeWav(bytes: ArrayBuffer): Promise<{ pcm: Float32Array; sampleRate: number }> {
  const input = new Input({ source: new BufferSource(bytes), formats: [WAVE] });
  const track = await input.getPrimaryAudioTrack();
  if (!track) throw new Error('the neural voice sent no audio');
  const parts: Float32Array[] = [];
  for await (const sample of new AudioSampleSink(track).samples()) {
    const mono = new Float32Array(sample.numberOfFrames);
    const plane = new Float32Array(sample.numberOfFrames);
    for (let channel = 0; channel < sample.numberOfChannels; channel++) {
      sample.copyTo(plane, { planeIndex: channel, format: 'f32-planar' });
      for (let i = 0; i < plane.length; i++)
        mono[i] = (mono[i] ?? 0) + (plane[i] ?? 0) / sample.numberOfChannels;
    }
    parts.push(mono);
    sample.close();
  }
  const pcm = new Float32Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    pcm.set(part, at);
    at += part.length;
  }
  return { pcm, sampleRate: track.sampleRate };
}

/** `pcm` without its silent ends. */
function trimSilence(pcm: Float32Array): Float32Array {
  let start = 0;
  let end = pcm.length;
  while (start < end && Math.abs(pcm[start] ?? 0) <= SILENCE_LEVEL) start++;
  while (end > start && Math.abs(pcm[end - 1] ?? 0) <= SILENCE_LEVEL) end--;
  return pcm.slice(start, end);
}

/**
 * A `say` for fit-speech.ts that asks the neural voice through `route`.
 * @returns phrases at the WAV's sample rate (reported through `onSampleRate`, one per voice)
 * @throws NeuralVoiceOff when the server has none; Error with the server's plain message when a
 *   phrase fails (refused, rate-limited, timed out, bad audio)
 */
export function neuralSay(
  route: NeuralVoiceRoute,
  onSampleRate: (hz: number) => void,
): (phrases: readonly PhraseRequest[]) => Promise<SpokenPhrase[]> {
  const sayOne = async (phrase: PhraseRequest): Promise<SpokenPhrase> => {
    const response = await fetch(route.url, {
      method: 'POST',
      headers: { ...route.headers, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        text: phrase.text,
        speed: speedFor(phrase.rateWpm),
        voice: phrase.voice,
      }),
    });
    if (!response.ok) {
      const body = (await response.json().catch(() => null)) as {
        error?: { code?: string; message?: string };
      } | null;
      if (body?.error?.code === 'neural_voice_off') throw new NeuralVoiceOff(body.error.message);
      throw new Error(body?.error?.message ?? `the neural voice answered ${response.status}`);
    }
    const { pcm, sampleRate } = await decodeWav(await response.arrayBuffer());
    onSampleRate(sampleRate);
    const trimmed = trimSilence(pcm);
    return { pcm: trimmed, speechMs: Math.round((trimmed.length * 1000) / sampleRate) };
  };
  return async (phrases) => {
    const said: SpokenPhrase[] = new Array(phrases.length);
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < phrases.length) {
        const index = next++;
        said[index] = await sayOne(phrases[index] as PhraseRequest);
      }
    };
    await Promise.all(Array.from({ length: PARALLEL_PHRASES }, lane));
    return said;
  };
}
