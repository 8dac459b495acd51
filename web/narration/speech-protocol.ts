/**
 * @module speech-protocol
 * Messages between the page and the speech Web Worker (speech-worker.ts): a request to say
 * narration segments within their slots (by the server's neural voice when asked, else eSpeak),
 * answered with mono PCM per segment and a note when the neural voice failed, or an error.
 */
import type { SpeechSlot } from './fit-speech';
import type { NeuralVoiceRoute } from './neural-voice';

export interface SpeechRequest {
  id: number;
  slots: SpeechSlot[];
  /** Ask the server's neural voice here first (absent: the offline voice only). */
  neural?: NeuralVoiceRoute;
}

/** PCM of one segment: mono float samples at `sampleRate` Hz, silence at both ends cut off. */
export interface SpeechAudio {
  pcm: Float32Array;
  sampleRate: number;
  speechMs: number;
}

export type SpeechResponse =
  | {
      id: number;
      ok: true;
      audio: SpeechAudio[];
      /** Set when the neural voice failed and the offline voice said this request: why, in plain words. */
      note?: string;
    }
  | { id: number; ok: false; message: string };
