/**
 * @module speech-protocol
 * Messages between the page and the speech Web Worker (speech-worker.ts): a request to say
 * narration segments within their slots, answered with mono PCM per segment, or an error.
 */
import type { SpeechSlot } from './fit-speech';

export interface SpeechRequest {
  id: number;
  slots: SpeechSlot[];
}

/** PCM of one segment: mono float samples at `sampleRate` Hz, silence at both ends cut off. */
export interface SpeechAudio {
  pcm: Float32Array;
  sampleRate: number;
  speechMs: number;
}

export type SpeechResponse =
  | { id: number; ok: true; audio: SpeechAudio[] }
  | { id: number; ok: false; message: string };
