/**
 * @module encode-protocol
 * The messages between {@link renderVideo} (main thread) and the encode worker, as zod schemas:
 * each side parses what it receives (`postMessage` data is a trust boundary).
 *
 * main → worker: one `render` request with the draft (the worker starts preparing: encoder, fonts),
 * then one `audio` message with the mixed soundtrack's channel data (transferred) — the main
 * thread mixes while the worker prepares.
 * worker → main: `audio-encoded` (the whole soundtrack's AAC packets as an audio chunk file, when
 * asked to encode audio), `progress` about every {@link PROGRESS_EVERY_FRAMES} frames, `chunk`
 * after each GOP-aligned chunk (a chunk file, transferred) — the worker then waits for
 * `chunk-saved` from main before it draws the next chunk — and finally `done`, or `error` with a
 * code and a plain message.
 */
import { z } from 'zod';
import { RENDER_ERROR_CODES } from './render-errors';

/** Progress is posted every 15 frames: twice a second at 30 fps, cheap for the UI. */
export const PROGRESS_EVERY_FRAMES = 15;

/** Mixed audio: planar channel data at `sampleRate` Hz, all channels the same length. */
export const mixedAudioSchema = z.object({
  sampleRate: z.number().int().positive(),
  channels: z.array(z.instanceof(Float32Array)).min(1).max(8),
});

/** Starts a render. The draft is re-validated with `draftSchema` in the worker. */
export const renderRequestSchema = z.object({
  type: z.literal('render'),
  draft: z.unknown(),
  /** Where the worker downloads each uploaded clip or photo the draft shows: `{mediaId: url}`. */
  mediaUrls: z.record(z.string(), z.string()).optional(),
  /** Headers for those downloads (render/request-headers.ts: the widget's token in a framed widget). */
  headers: z.record(z.string(), z.string()).optional(),
  /** Resume: the first chunk to encode (the ones before are stored). */
  firstChunk: z.number().int().nonnegative().default(0),
  /**
   * The chunk after the last one to encode (a render worker's leased range); absent: to the end.
   * Equal to `firstChunk`: no video at all (only the audio, when `encodeAudio`).
   */
  chunkEnd: z.number().int().nonnegative().optional(),
  /** GOPs per chunk (shared/render-chunk-plan.ts); the default unless a bench asks for one whole chunk. */
  chunkGops: z.number().int().positive().optional(),
  /** False when the audio is already stored (a resumed render): then no `audio` message comes. */
  encodeAudio: z.boolean().default(true),
});

/** Main stored chunk `index`: the worker may start the next one. */
export const chunkSavedSchema = z.object({
  type: z.literal('chunk-saved'),
  index: z.number().int().nonnegative(),
});

/** The mixed soundtrack, sent once mixing is done. */
export const audioMessageSchema = z.object({
  type: z.literal('audio'),
  audio: mixedAudioSchema,
});

/** Anything the main thread sends to the worker. */
export const workerRequestSchema = z.discriminatedUnion('type', [
  renderRequestSchema,
  audioMessageSchema,
  chunkSavedSchema,
]);

/** Progress of the video frames (audio is encoded first and quickly). */
export const renderProgressSchema = z.object({
  framesDone: z.number().int().nonnegative(),
  totalFrames: z.number().int().positive(),
  /** Frames per second drawn and encoded so far (wall clock). */
  fps: z.number().nonnegative(),
  /** Estimated time left in ms at the current speed. */
  etaMs: z.number().nonnegative(),
});

/** Every message the encode worker posts back to the page (progress, stored chunks, the result, a failure). */
export const workerEventSchema = z.discriminatedUnion('type', [
  renderProgressSchema.extend({ type: z.literal('progress') }),
  z.object({ type: z.literal('audio-encoded'), bytes: z.instanceof(ArrayBuffer) }),
  z.object({
    type: z.literal('chunk'),
    index: z.number().int().nonnegative(),
    bytes: z.instanceof(ArrayBuffer),
  }),
  z.object({
    type: z.literal('done'),
    /** Frames this worker drew and encoded (fewer than the video's when it resumed). */
    framesEncoded: z.number().int().nonnegative(),
    /** Frames in the whole video. */
    totalFrames: z.number().int().nonnegative(),
    chunkCount: z.number().int().positive(),
    /** What the encoder reported, for logs and tests (codec string, colour space). */
    videoCodec: z.string(),
    colorSpace: z.string(),
    /** Where the worker's time went, in ms. */
    timings: z.object({
      /** Encoder checks and set-up, fonts (while the main thread mixes the audio). */
      prepareMs: z.number().nonnegative(),
      /** Waiting for the main thread's mix after preparing. */
      waitAudioMs: z.number().nonnegative(),
      encodeAudioMs: z.number().nonnegative(),
      /** Drawing and encoding every frame. */
      encodeVideoMs: z.number().nonnegative(),
      /** The last encoder flush. */
      finalizeMs: z.number().nonnegative(),
      /** Waiting for main to store each chunk (upload + record) before the next. */
      saveChunksMs: z.number().nonnegative(),
    }),
  }),
  z.object({ type: z.literal('error'), code: z.enum(RENDER_ERROR_CODES), message: z.string() }),
]);

export type MixedAudio = z.infer<typeof mixedAudioSchema>;
export type RenderRequest = z.infer<typeof renderRequestSchema>;
export type WorkerRequest = z.infer<typeof workerRequestSchema>;
export type RenderProgress = z.infer<typeof renderProgressSchema>;
export type WorkerEvent = z.infer<typeof workerEventSchema>;
