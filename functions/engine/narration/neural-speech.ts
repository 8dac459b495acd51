/**
 * @module neural-speech
 * One phrase said by the configured neural voice (tts-config.ts): OpenAI's speech API,
 * `POST {base}/audio/speech` with JSON `{model, input, voice, response_format, speed}`, answered
 * with the audio bytes, or an error status with `{error:{message,type,code}}`
 * (https://platform.openai.com/docs/api-reference/audio/createSpeech). Kokoro-FastAPI and LocalAI
 * speak the same format.
 *
 * WAV, not MP3: the browser's speech worker decodes it without a codec (PCM; `decodeAudioData`
 * does not exist in workers), its header states the sample rate, and it has no encoder delay or
 * padding, so its length is the phrase's length — captions are timed from it. It is ~48 KB a
 * second at 24 kHz; {@link MAX_SPEECH_WAV_BYTES} bounds it. The answer is checked to be a whole
 * WAV (a truncated body fails here, not in the visitor's export).
 */
import type { TtsConfig } from './tts-config';

/** Format asked for (see the module doc). */
export const SPEECH_FORMAT = 'wav';
/**
 * Most bytes of one phrase's WAV: a 500-character phrase (MAX_SPEECH_TEXT_CHARS) read slowly
 * lasts ~45 s, 2.2 MB at 24 kHz 16-bit mono; 4 MB leaves room for a 44.1 kHz server.
 */
export const MAX_SPEECH_WAV_BYTES = 4 * 1024 * 1024;
/** Slowest and fastest `speed` OpenAI accepts. */
export const MIN_SPEECH_SPEED = 0.25;
export const MAX_SPEECH_SPEED = 4;

/** Why a phrase was not said. */
export type SpeechFailure =
  | { kind: 'refused'; status: number }
  | { kind: 'timeout' }
  | { kind: 'unreachable' }
  | { kind: 'bad-audio'; reason: string };

/** What a call gave: the WAV bytes, or why not. */
export type SpeechResult =
  | { ok: true; wav: Uint8Array<ArrayBuffer> }
  | { ok: false; failure: SpeechFailure };

/** Reads at most `limit` bytes of a body; null when there are more. */
async function readCapped(
  body: ReadableStream<Uint8Array>,
  limit: number,
): Promise<Uint8Array<ArrayBuffer> | null> {
  const reader = body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    parts.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}

/** Sizes a streaming server writes when it does not know them yet (accepted as "to the end"). */
const UNKNOWN_SIZES = new Set([0, 0xffffffff]);

/** Why `wav` is not one whole RIFF/WAVE file, or null when it is. */
export function wavProblem(wav: Uint8Array): string | null {
  const ascii = (from: number) => String.fromCharCode(...wav.subarray(from, from + 4));
  if (wav.byteLength < 44 || ascii(0) !== 'RIFF' || ascii(8) !== 'WAVE') return 'not a WAV file';
  const riffSize = new DataView(wav.buffer, wav.byteOffset, wav.byteLength).getUint32(4, true);
  if (!UNKNOWN_SIZES.has(riffSize) && riffSize + 8 > wav.byteLength)
    return 'the WAV file is cut short';
  return null;
}

/**
 * Asks the neural voice to say `text` at `speed` with `voice`.
 * @param voice the endpoint's voice name (tts-config.ts `neuralVoiceFor`)
 * @param speed 0.25–4, 1 the voice's natural pace
 * @param fetcher the `fetch` to use (tests route it)
 * @returns the WAV bytes, or the failure: the endpoint's refusal status (401, 429, 500…), a timeout
 *   after `config.timeoutMs`, no answer, or an answer that is not a whole WAV within
 *   {@link MAX_SPEECH_WAV_BYTES}. Never throws; the endpoint's own words are not passed on.
 */
export async function sayWithNeuralVoice(
  config: TtsConfig,
  voice: string,
  text: string,
  speed: number,
  fetcher: typeof fetch = fetch,
): Promise<SpeechResult> {
  const abort = new AbortController();
  let timer: ReturnType<typeof setTimeout> | null = null;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => {
      abort.abort();
      resolve('timeout');
    }, config.timeoutMs);
  });
  const call = async (): Promise<SpeechResult> => {
    const response = await fetcher(`${config.baseUrl}/audio/speech`, {
      method: 'POST',
      signal: abort.signal,
      headers: {
        'Content-Type': 'application/json',
        ...(config.apiKey === '' ? {} : { Authorization: `Bearer ${config.apiKey}` }),
      },
      body: JSON.stringify({
        model: config.model,
        input: text,
        voice,
        response_format: SPEECH_FORMAT,
        speed,
      }),
    });
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      return { ok: false, failure: { kind: 'refused', status: response.status } };
    }
    const wav = await readCapped(response.body, MAX_SPEECH_WAV_BYTES);
    if (wav === null)
      return { ok: false, failure: { kind: 'bad-audio', reason: 'the audio is too large' } };
    const problem = wavProblem(wav);
    return problem === null
      ? { ok: true, wav }
      : { ok: false, failure: { kind: 'bad-audio', reason: problem } };
  };
  try {
    const result = await Promise.race([call(), timedOut]);
    return result === 'timeout' ? { ok: false, failure: { kind: 'timeout' } } : result;
  } catch {
    return {
      ok: false,
      failure: abort.signal.aborted ? { kind: 'timeout' } : { kind: 'unreachable' },
    };
  } finally {
    if (timer !== null) clearTimeout(timer);
  }
}
