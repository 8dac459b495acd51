/**
 * @module speech-client
 * The page's side of the speech worker: starts it on first use (so only pages that narrate
 * load eSpeak) and says a draft's narration segments within their slots, by the server's neural
 * voice when a route is given (see speech-worker.ts). The newest requests are remembered, said
 * or still being said, so the narration said when a draft arrives (narration-warmup.ts) is the
 * one its preview and export get, without asking the worker again.
 */
import type { AudioSegment } from '../../shared/draft-schema';
import type { NeuralVoiceRoute } from './neural-voice';
import type { SpeechAudio, SpeechRequest, SpeechResponse } from './speech-protocol';

/** What a request gave: one audio per segment, and a note when the neural voice failed. */
export interface SaidSegments {
  audio: SpeechAudio[];
  note?: string;
}

/**
 * Requests remembered (each ~5 MB a minute of speech): the shown draft's, and the one before it,
 * which "undo" brings back.
 */
const REMEMBERED_REQUESTS = 2;
/** Said or being said, by request (slots and route), oldest first. */
const remembered = new Map<string, Promise<SaidSegments>>();

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, { resolve(said: SaidSegments): void; reject(e: Error): void }>();

function speechWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL('./speech-worker.ts', import.meta.url), {
    type: 'module',
    name: 'reelwright-speech',
  });
  worker.addEventListener('message', (event: MessageEvent<SpeechResponse>) => {
    const response = event.data;
    const waiter = pending.get(response.id);
    if (!waiter) return;
    pending.delete(response.id);
    if (response.ok)
      waiter.resolve({
        audio: response.audio,
        ...(response.note === undefined ? {} : { note: response.note }),
      });
    else waiter.reject(new Error(response.message));
  });
  worker.addEventListener('error', (event) => {
    for (const waiter of pending.values())
      waiter.reject(new Error(event.message || 'speech worker failed'));
    pending.clear();
    worker = null;
  });
  return worker;
}

/**
 * Says each narration segment (`source.type === 'speech'`) within its `durationMs`; the same
 * request again (while remembered) gets the same answer, however far the first one is.
 * @param neural the server's neural voice route, to ask it first (absent: the offline voice)
 * @returns one {@link SpeechAudio} per segment, in order (shared between identical requests: copy
 *   it, never transfer or change it), and a note when the neural voice failed and the offline
 *   voice spoke instead
 * @throws Error when the worker or eSpeak fails (a failed request is forgotten)
 */
export function saySegments(
  segments: readonly AudioSegment[],
  neural?: NeuralVoiceRoute,
): Promise<SaidSegments> {
  const slots = segments.flatMap((segment) =>
    segment.source.type === 'speech'
      ? [
          {
            text: segment.source.text,
            voice: segment.source.voice,
            rateWpm: segment.source.rateWpm,
            durationMs: segment.durationMs,
          },
        ]
      : [],
  );
  if (slots.length === 0) return Promise.resolve({ audio: [] });
  const key = JSON.stringify([slots, neural?.url ?? null]);
  const known = remembered.get(key);
  remembered.delete(key);
  const said =
    known ??
    new Promise<SaidSegments>((resolve, reject) => {
      const id = nextId++;
      const request: SpeechRequest = { id, slots, ...(neural ? { neural } : {}) };
      pending.set(id, { resolve, reject });
      speechWorker().postMessage(request);
    });
  remembered.set(key, said);
  for (const oldest of remembered.keys()) {
    if (remembered.size <= REMEMBERED_REQUESTS) break;
    remembered.delete(oldest);
  }
  said.catch(() => {
    if (remembered.get(key) === said) remembered.delete(key);
  });
  return said;
}
