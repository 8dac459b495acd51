/**
 * @module encode-protocol
 * The messages between {@link renderVideo} (main thread) and an encode worker, as zod schemas:
 * each side parses what it receives (`postMessage` data is a trust boundary).
 *
 * main → worker: one `prepare` with the draft (the worker loads fonts and media and sets up its
 * encoder), then any number of `encode-range` messages, one at a time: draw and encode this
 * frame range as chunk `index` (the frame-range entry point; a render runs one or two workers,
 * each given the next free chunk, see chunk-schedule.ts); and — only to the worker asked to
 * encode the audio — one `audio` message with the mixed soundtrack's channel data whenever the
 * mix is done (transferred: the main thread mixes while the workers draw; the worker encodes it
 * between two ranges).
 * worker → main: `ready` once prepared, `audio-encoded` (the whole soundtrack's AAC packets as an
 * audio chunk file), `progress` about every
 * {@link PROGRESS_EVERY_FRAMES} frames of the range, `chunk` when a range is encoded (a chunk
 * file, transferred; the worker then waits for its next range), or `error` with a code and a
 * plain message.
 */
import * as z from 'zod/mini';
import { RENDER_ERROR_CODES } from './render-errors';

/** Progress is posted every 15 frames: twice a second at 30 fps, cheap for the UI. */
export const PROGRESS_EVERY_FRAMES = 15;

/** Mixed audio: planar channel data at `sampleRate` Hz, all channels the same length. */
export const mixedAudioSchema = z.object({
  sampleRate: z.number().check(z.int(), z.positive()),
  channels: z.array(z.instanceof(Float32Array)).check(z.minLength(1), z.maxLength(8)),
});

/** Prepares a worker for a render. The draft is re-validated with `draftSchema` in the worker. */
export const prepareRequestSchema = z.object({
  type: z.literal('prepare'),
  draft: z.unknown(),
  /** Where the worker downloads each uploaded clip or photo the draft shows: `{mediaId: url}`. */
  mediaUrls: z.optional(z.record(z.string(), z.string())),
  /** Headers for those downloads (render/request-headers.ts: the widget's token in a framed widget). */
  headers: z.optional(z.record(z.string(), z.string())),
  /** GOPs per chunk (shared/render-chunk-plan.ts); the default unless a bench asks for one whole chunk. */
  chunkGops: z.optional(z.number().check(z.int(), z.positive())),
  /** True for the one worker that encodes the soundtrack (then one `audio` message follows). */
  encodeAudio: z._default(z.boolean(), false),
});

/**
 * Draw and encode frames `firstFrame … firstFrame + frameCount - 1` as chunk `index`: the range
 * starts on a keyframe (a multiple of the plan's GOP) and ends at a chunk's end.
 */
export const encodeRangeSchema = z.object({
  type: z.literal('encode-range'),
  index: z.number().check(z.int(), z.nonnegative()),
  firstFrame: z.number().check(z.int(), z.nonnegative()),
  frameCount: z.number().check(z.int(), z.positive()),
});

/** The mixed soundtrack, sent once mixing is done. */
export const audioMessageSchema = z.object({
  type: z.literal('audio'),
  audio: mixedAudioSchema,
});

/** Anything the main thread sends to the worker. */
export const workerRequestSchema = z.discriminatedUnion('type', [
  prepareRequestSchema,
  audioMessageSchema,
  encodeRangeSchema,
]);

/** Progress of the video frames (audio is encoded first and quickly). */
export const renderProgressSchema = z.object({
  framesDone: z.number().check(z.int(), z.nonnegative()),
  totalFrames: z.number().check(z.int(), z.positive()),
  /** Frames per second drawn and encoded so far (wall clock). */
  fps: z.number().check(z.nonnegative()),
  /** Estimated time left in ms at the current speed. */
  etaMs: z.number().check(z.nonnegative()),
});

/** Every message an encode worker posts back to the page (readiness, progress, chunks, a failure). */
export const workerEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('progress'),
    /** The chunk being drawn, and how many of its frames are encoded. */
    index: z.number().check(z.int(), z.nonnegative()),
    framesDone: z.number().check(z.int(), z.nonnegative()),
  }),
  z.object({
    type: z.literal('audio-encoded'),
    bytes: z.instanceof(ArrayBuffer),
    /** Encoding the soundtrack as AAC, ms. */
    encodeMs: z.number().check(z.nonnegative()),
  }),
  z.object({
    type: z.literal('ready'),
    /** The codec string the worker encodes with (e.g. `avc1.640028`). */
    videoCodec: z.string(),
    /** Where the worker's time went before its first range, in ms. */
    timings: z.object({
      /** Encoder checks and set-up, fonts, media (while the main thread mixes the audio). */
      prepareMs: z.number().check(z.nonnegative()),
    }),
  }),
  z.object({
    type: z.literal('chunk'),
    index: z.number().check(z.int(), z.nonnegative()),
    bytes: z.instanceof(ArrayBuffer),
    /** What the encoder reported about its colours (the file always declares BT.709 limited). */
    colorSpace: z.string(),
    /** Drawing and encoding the range's frames, with the encoder flush at its end, in ms. */
    encodeMs: z.number().check(z.nonnegative()),
  }),
  z.object({ type: z.literal('error'), code: z.enum(RENDER_ERROR_CODES), message: z.string() }),
]);

export type MixedAudio = z.infer<typeof mixedAudioSchema>;
export type PrepareRequest = z.infer<typeof prepareRequestSchema>;
export type EncodeRange = z.infer<typeof encodeRangeSchema>;
export type WorkerRequest = z.infer<typeof workerRequestSchema>;
export type RenderProgress = z.infer<typeof renderProgressSchema>;
export type WorkerEvent = z.infer<typeof workerEventSchema>;
