/**
 * @module fake-tts
 * A fake OpenAI-compatible speech server, as a Hono app: `POST /v1/audio/speech` with JSON
 * `{model, input, voice, response_format, speed}` answers `audio/wav` (16-bit mono at
 * {@link FAKE_TTS_SAMPLE_RATE} Hz), errors as OpenAI's `{error:{message,type,code}}`
 * (https://platform.openai.com/docs/api-reference/audio/createSpeech). The workerd tests call it
 * in-process; `npm run fake-tts` serves it on a port (and the browser test serves it too).
 *
 * The "speech" is a faithful stand-in sized to the text: one tone per word, each as long as the
 * offline voice would say it at `175 × speed` words per minute (shared/speech-words.ts), with the
 * pauses between — so its length behaves like a voice's (longer text, longer audio; faster, shorter).
 *
 * Scripted failures, by a keyword in `input` or for every request with `failWith`: `[tts:401]`,
 * `[tts:429]`, `[tts:500]` answer that status; `[tts:hang]` never answers; `[tts:truncate]` cuts
 * the WAV in half. With `apiKey` set a request without `Authorization: Bearer <apiKey>` gets 401.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { timeWords } from '../../shared/speech-words';

/** The sample rate OpenAI's and Kokoro's WAV answers use. */
export const FAKE_TTS_SAMPLE_RATE = 24_000;
/** The offline voice's reference rate: speed 1 says words at this many per minute. */
const WPM_AT_SPEED_1 = 175;
/** A word's tone: a mid voice pitch at half scale. */
const TONE_HZ = 220;
const TONE_AMPLITUDE = 0.5;

export type FakeTtsFailure = '401' | '429' | '500' | 'hang' | 'truncate';

/** What the fake saw of one request, for assertions. */
export interface FakeTtsRequest {
  authorization: string | null;
  body: z.infer<typeof speechRequestSchema>;
}

/** The fake: its app, the requests it got, and a failure forced on every request (or null). */
export interface FakeTts {
  app: Hono;
  requests: FakeTtsRequest[];
  failWith: FakeTtsFailure | null;
}

const speechRequestSchema = z.object({
  model: z.string().min(1),
  input: z.string().min(1).max(4096),
  voice: z.string().min(1),
  response_format: z.enum(['mp3', 'opus', 'aac', 'flac', 'wav', 'pcm']).default('mp3'),
  speed: z.number().min(0.25).max(4).default(1),
});

function openAiError(
  status: 400 | 401 | 429 | 500,
  message: string,
  type: string,
  code: string | null,
) {
  return Response.json({ error: { message, type, param: null, code } }, { status });
}

/** A 16-bit mono WAV with a tone for each word of `text` said at `speed`. */
export function toneWav(text: string, speed: number): Uint8Array<ArrayBuffer> {
  const msPerMinute = 60_000;
  const words = timeWords(text, 0, 0);
  const weight = words.reduce((sum, word) => sum + word.weight, 0);
  // ~1.5 weight units a word on average: the words-per-minute rate as ms per weight unit.
  const unitMs = msPerMinute / (WPM_AT_SPEED_1 * speed * 1.5);
  const totalMs = Math.max(1, Math.round(weight * unitMs));
  const timed = timeWords(text, 0, totalMs);
  const frames = Math.round((totalMs * FAKE_TTS_SAMPLE_RATE) / 1000);
  const bytes = new Uint8Array(44 + frames * 2);
  const view = new DataView(bytes.buffer);
  const ascii = (at: number, s: string) => {
    for (let i = 0; i < s.length; i++) bytes[at + i] = s.charCodeAt(i);
  };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + frames * 2, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, FAKE_TTS_SAMPLE_RATE, true);
  view.setUint32(28, FAKE_TTS_SAMPLE_RATE * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  ascii(36, 'data');
  view.setUint32(40, frames * 2, true);
  for (const word of timed) {
    // The word's syllables sound; its trailing pause (a weight unit after punctuation) is silent.
    const soundMs = word.endMs - word.startMs - (word.weight > 1 ? unitMs * 0.5 : 0);
    const from = Math.round((word.startMs * FAKE_TTS_SAMPLE_RATE) / 1000);
    const to = Math.min(frames, from + Math.round((soundMs * FAKE_TTS_SAMPLE_RATE) / 1000));
    for (let i = from; i < to; i++) {
      const sample = TONE_AMPLITUDE * Math.sin((2 * Math.PI * TONE_HZ * i) / FAKE_TTS_SAMPLE_RATE);
      view.setInt16(44 + i * 2, Math.round(sample * 32_767), true);
    }
  }
  return bytes;
}

/**
 * Creates a fake speech server.
 * @param options.apiKey the Bearer token it expects (unset: any or none)
 */
export function createFakeTts(options: { apiKey?: string } = {}): FakeTts {
  const fake: FakeTts = { app: new Hono(), requests: [], failWith: null };
  fake.app.post('/v1/audio/speech', async (c) => {
    const authorization = c.req.header('Authorization') ?? null;
    if (options.apiKey !== undefined && authorization !== `Bearer ${options.apiKey}`)
      return openAiError(
        401,
        'Incorrect API key provided.',
        'invalid_request_error',
        'invalid_api_key',
      );
    const parsed = speechRequestSchema.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success)
      return openAiError(
        400,
        parsed.error.issues[0]?.message ?? 'bad request',
        'invalid_request_error',
        null,
      );
    const body = parsed.data;
    fake.requests.push({ authorization, body });
    const failure =
      fake.failWith ??
      (/\[tts:(401|429|500|hang|truncate)\]/u.exec(body.input)?.[1] as FakeTtsFailure | undefined);
    if (failure === '401')
      return openAiError(
        401,
        'Incorrect API key provided.',
        'invalid_request_error',
        'invalid_api_key',
      );
    if (failure === '429')
      return openAiError(
        429,
        'Rate limit reached for requests.',
        'requests',
        'rate_limit_exceeded',
      );
    if (failure === '500')
      return openAiError(
        500,
        'The server had an error while processing your request.',
        'server_error',
        null,
      );
    if (failure === 'hang') {
      await new Promise((resolve) => c.req.raw.signal.addEventListener('abort', resolve));
      return new Response(null, { status: 499 });
    }
    if (body.response_format !== 'wav')
      return openAiError(
        400,
        'This fake answers wav only.',
        'invalid_request_error',
        'unsupported_format',
      );
    const wav = toneWav(body.input, body.speed);
    return new Response(failure === 'truncate' ? wav.slice(0, wav.byteLength >> 1) : wav, {
      headers: { 'Content-Type': 'audio/wav' },
    });
  });
  return fake;
}
