/**
 * @module speech
 * The neural voice's proxy (docs/http-api.md): `POST /api/sessions/:id/speech` with JSON
 * `{text, speed, voice?}` answers one phrase said by the configured voice as `audio/wav`
 * (`voice`, the narration's, picks the endpoint's voice through `TTS_VOICES`)
 * (engine/narration/neural-speech.ts), for the browser's speech worker. The key
 * (`TTS_API_KEY`) stays here. Who may call it and how much, since every call costs the operator:
 * - only the session's owner (a visitor's cookie or widget token, never an id from the URL), from
 *   this site (the cross-site guard on every `/api` write);
 * - one phrase of at most MAX_SPEECH_TEXT_CHARS characters (the draft's own bound);
 * - `TTS_CALLS_PER_VISITOR_PER_HOUR` calls per visitor per sliding hour (429 `speech_rate_limited`
 *   with Retry-After), counted before the call;
 * - an answer of at most MAX_SPEECH_WAV_BYTES, checked to be a whole WAV.
 * Said phrases are kept in R2 under `speech/<sha256 of model, voice, speed, text>.wav` (each
 * within that size cap), so a re-export, a second tab or another visitor saying the same words
 * pays nothing and is not counted. Without `TTS_BASE_URL`: 404 `neural_voice_off` (the browser's
 * offline voice speaks). A failing voice: 502 `neural_voice_failed` or 504 `neural_voice_timeout`,
 * in plain words; the browser then falls back to the offline voice and says so.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env';
import { speechSourceSchema } from '../../shared/narration-schema';
import { sessionRoom } from '../durable/durable-stubs';
import {
  MAX_SPEECH_SPEED,
  MIN_SPEECH_SPEED,
  SPEECH_FORMAT,
  type SpeechFailure,
  sayWithNeuralVoice,
} from '../engine/narration/neural-speech';
import { neuralVoiceFor, readTtsConfig } from '../engine/narration/tts-config';
import { parseId, unwrap } from '../http/route-helpers';
import { ApiError } from '../middleware/api-error';
import { readJsonBody } from '../middleware/json-body';

const speechBodySchema = z.object({
  text: speechSourceSchema.shape.text,
  speed: z.number().min(MIN_SPEECH_SPEED).max(MAX_SPEECH_SPEED),
  /** The narration's voice, which picks the endpoint's voice (`TTS_VOICES`); absent: `TTS_VOICE`. */
  voice: z.optional(speechSourceSchema.shape.voice),
});

/** The R2 key of a phrase said by `model`/`voice` at `speed`: a SHA-256 over all four. */
async function cacheKey(
  model: string,
  voice: string,
  speed: number,
  text: string,
): Promise<string> {
  const data = new TextEncoder().encode(JSON.stringify([model, voice, SPEECH_FORMAT, speed, text]));
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
  return `speech/${Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('')}.wav`;
}

/** The plain refusal for a failed call (the endpoint's own message is never passed on). */
function failed(failure: SpeechFailure): ApiError {
  if (failure.kind === 'timeout')
    return new ApiError(504, 'neural_voice_timeout', 'The neural voice did not answer in time.');
  const why =
    failure.kind === 'refused'
      ? failure.status === 429
        ? 'it is busy or out of quota'
        : failure.status === 401 || failure.status === 403
          ? 'it refused this server’s key'
          : `it answered ${failure.status}`
      : failure.kind === 'unreachable'
        ? 'it could not be reached'
        : failure.reason;
  return new ApiError(502, 'neural_voice_failed', `The neural voice failed: ${why}.`);
}

const WAV_HEADERS = {
  'Content-Type': 'audio/wav',
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'private, max-age=0, must-revalidate',
};

export const speechRoutes = new Hono<AppEnv>().post('/sessions/:id/speech', async (c) => {
  const config = readTtsConfig(c.env);
  if (config === null)
    throw new ApiError(
      404,
      'neural_voice_off',
      'This server has no neural voice; the offline voice speaks.',
    );
  const visitorId = c.get('visitorId');
  unwrap(await sessionRoom(c.env, parseId(c.req.param('id'), 'session')).info(visitorId));
  const { text, speed, voice: narration } = await readJsonBody(c, speechBodySchema);
  const voice = neuralVoiceFor(config, narration);
  const key = await cacheKey(config.model, voice, speed, text);
  const kept = await c.env.MEDIA.get(key);
  if (kept) return c.body(kept.body, 200, { ...WAV_HEADERS, 'X-Speech-Cache': 'hit' });
  const limiter = c.env.NEW_VISITOR_LIMITER;
  const admission = await limiter
    .get(limiter.idFromName(`speech:${visitorId}`))
    .admit(config.callsPerVisitorPerHour, Date.now());
  if (!admission.ok) {
    const retryAfterS = Math.ceil(admission.retryAfterMs / 1_000);
    throw new ApiError(
      429,
      'speech_rate_limited',
      `You have had ${config.callsPerVisitorPerHour} phrases said by the neural voice in the last hour, the most one visitor may. Try again in about ${Math.ceil(retryAfterS / 60)} minutes.`,
      { retryAfterS },
    );
  }
  const said = await sayWithNeuralVoice(config, voice, text, speed);
  if (!said.ok) throw failed(said.failure);
  await c.env.MEDIA.put(key, said.wav, { httpMetadata: { contentType: 'audio/wav' } });
  return c.body(said.wav, 200, { ...WAV_HEADERS, 'X-Speech-Cache': 'miss' });
});
