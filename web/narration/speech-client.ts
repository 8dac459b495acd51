/**
 * @module speech-client
 * The page's side of the speech worker: starts it on first use (so only pages that narrate
 * load eSpeak) and says a draft's narration segments within their slots, by the server's neural
 * voice when a route is given (see speech-worker.ts).
 */
import type { AudioSegment } from '../../shared/draft-schema';
import type { NeuralVoiceRoute } from './neural-voice';
import type { SpeechAudio, SpeechRequest, SpeechResponse } from './speech-protocol';

/** What a request gave: one audio per segment, and a note when the neural voice failed. */
export interface SaidSegments {
  audio: SpeechAudio[];
  note?: string;
}

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
 * Says each narration segment (`source.type === 'speech'`) within its `durationMs`.
 * @param neural the server's neural voice route, to ask it first (absent: the offline voice)
 * @returns one {@link SpeechAudio} per segment, in order, and a note when the neural voice failed
 *   and the offline voice spoke instead
 * @throws Error when the worker or eSpeak fails
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
  const id = nextId++;
  const request: SpeechRequest = { id, slots, ...(neural ? { neural } : {}) };
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    speechWorker().postMessage(request);
  });
}
