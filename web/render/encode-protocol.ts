/**
 * @module encode-protocol
 * The messages between {@link renderVideo} (main thread) and the encode worker, as zod schemas:
 * each side parses what it receives (`postMessage` data is a trust boundary).
 *
 * main → worker: one `render` request with the draft (the worker starts preparing: encoder, fonts),
 * then one `audio` message with the mixed soundtrack's channel data (transferred) — the main
 * thread mixes while the worker prepares.
 * worker → main: `progress` about every {@link PROGRESS_EVERY_FRAMES} frames, then `done` with the
 * MP4 bytes (transferred) or `error` with a code and a plain message.
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
});

/** The mixed soundtrack, sent once mixing is done. */
export const audioMessageSchema = z.object({
  type: z.literal('audio'),
  audio: mixedAudioSchema,
});

/** Anything the main thread sends to the worker. */
export const workerRequestSchema = z.discriminatedUnion('type', [renderRequestSchema, audioMessageSchema]);

/** Progress of the video frames (audio is encoded first and quickly). */
export const renderProgressSchema = z.object({
  framesDone: z.number().int().nonnegative(),
  totalFrames: z.number().int().positive(),
  /** Frames per second drawn and encoded so far (wall clock). */
  fps: z.number().nonnegative(),
  /** Estimated time left in ms at the current speed. */
  etaMs: z.number().nonnegative(),
});

export const workerEventSchema = z.discriminatedUnion('type', [
  renderProgressSchema.extend({ type: z.literal('progress') }),
  z.object({
    type: z.literal('done'),
    bytes: z.instanceof(ArrayBuffer),
    framesEncoded: z.number().int().nonnegative(),
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
      /** Encoder flush and MP4 finalisation. */
      finalizeMs: z.number().nonnegative(),
    }),
  }),
  z.object({ type: z.literal('error'), code: z.enum(RENDER_ERROR_CODES), message: z.string() }),
]);

export type MixedAudio = z.infer<typeof mixedAudioSchema>;
export type RenderRequest = z.infer<typeof renderRequestSchema>;
export type WorkerRequest = z.infer<typeof workerRequestSchema>;
export type RenderProgress = z.infer<typeof renderProgressSchema>;
export type WorkerEvent = z.infer<typeof workerEventSchema>;
