/**
 * @module media-schema
 * Uploaded media: the accepted formats and limits, the resumable upload's bodies
 * (create → PUT parts → complete → media info), and the media item the SPA, the renderer and
 * the director read. Parsed on both sides of every hop (HTTP bodies, stored R2 records).
 *
 * Units: sizes in bytes, times in integer ms, sizes on screen in px.
 */
import * as z from 'zod/mini';

/**
 * Largest upload: 500 MB (decimal, the remote API's documented cap, docs/remote-api.md#uploads,
 * so a file we accept is one the "nemo" engine accepts too).
 */
export const MAX_UPLOAD_BYTES = 500_000_000;

/**
 * Size of every part but the last: 8 MiB. R2 multipart needs parts of at least 5 MiB (except
 * the last) and all of one size; 8 MiB stays far under the 100 MB request limit of Workers plans
 * and makes a cut connection lose at most 8 MiB of progress.
 */
export const UPLOAD_PART_BYTES = 8 * 1024 * 1024;

/** Upper bound of parts: {@link MAX_UPLOAD_BYTES} / {@link UPLOAD_PART_BYTES}, rounded up (60). */
export const MAX_UPLOAD_PARTS = Math.ceil(MAX_UPLOAD_BYTES / UPLOAD_PART_BYTES);

/**
 * Longest thumbnail data URL kept with an upload: 48 000 characters (a 320x180 JPEG is ~15 kB,
 * and the whole info body must fit the 64 KB JSON body limit).
 */
export const MAX_THUMBNAIL_CHARS = 48_000;

/**
 * Accepted containers and codecs by what the bytes are (the extension is only a hint): the
 * remote API's list (docs/remote-api.md#uploads) plus `ogg` (Vorbis or Opus sound, asked for in
 * issue #5): the remote API does not list it, so the "nemo" engine may refuse an Ogg file
 * upstream (4001).
 */
export const MEDIA_FORMATS = [
  'mp4',
  'mov',
  'avi',
  'webm',
  'mkv',
  'jpg',
  'png',
  'gif',
  'webp',
  'mp3',
  'wav',
  'm4a',
  'aac',
  'ogg',
] as const;

/** What a person reads when a file is refused as unsupported (4001). */
export const ACCEPTED_FORMATS_TEXT =
  'MP4, MOV, AVI, WebM, MKV, JPG, PNG, GIF, WebP, MP3, WAV, M4A, AAC or Ogg';

export const mediaFormatSchema = z.enum(MEDIA_FORMATS);
export const mediaKindSchema = z.enum(['video', 'image', 'audio']);

/** The kind of picture or sound each format holds. */
export const KIND_BY_FORMAT: Readonly<Record<MediaFormat, MediaKind>> = {
  mp4: 'video',
  mov: 'video',
  avi: 'video',
  webm: 'video',
  mkv: 'video',
  jpg: 'image',
  png: 'image',
  gif: 'image',
  webp: 'image',
  mp3: 'audio',
  wav: 'audio',
  m4a: 'audio',
  aac: 'audio',
  ogg: 'audio',
};

/**
 * The steady beat of an uploaded sound, detected in the browser when it is probed
 * (web-audio-beat-detector `guess`): scene cuts are snapped to it (shared/beat-grid.ts).
 */
export const detectedBeatSchema = z.object({
  /** Beats per minute (the detector answers 90–180 by default). */
  tempoBpm: z.number().check(z.minimum(40), z.maximum(250)),
  /** Time of the first beat from the start of the file, ms. */
  offsetMs: z.number().check(z.int(), z.nonnegative()),
});

/** What the browser probed (mediabunny / createImageBitmap) once the upload was stored. */
export const mediaInfoSchema = z.object({
  kind: mediaKindSchema,
  /** Length in ms; null for still images. */
  durationMs: z.nullable(z.number().check(z.int(), z.nonnegative())),
  width: z.nullable(z.number().check(z.int(), z.nonnegative())),
  height: z.nullable(z.number().check(z.int(), z.nonnegative())),
  /** Average frames per second of the video track; null without one. */
  fps: z.nullable(z.number().check(z.nonnegative())),
  videoCodec: z.nullable(z.string().check(z.maxLength(40))),
  audioCodec: z.nullable(z.string().check(z.maxLength(40))),
  hasAudio: z.boolean(),
  /** A sound's beat, when one was found (absent from uploads probed before beats were detected). */
  beat: z.optional(z.nullable(detectedBeatSchema)),
});

/** An upload as the SPA sees it. `status`: `uploading` → `stored` (all bytes in R2) → `ready` (probed). */
export const mediaItemSchema = z.object({
  id: z.string(),
  sessionId: z.string(),
  /** The file name as the visitor's computer gave it (for people only). */
  name: z.string().check(z.maxLength(255)),
  sizeBytes: z.number().check(z.int(), z.nonnegative()),
  /** What the bytes are; null until the first part arrived. */
  format: z.nullable(mediaFormatSchema),
  kind: z.nullable(mediaKindSchema),
  status: z.enum(['uploading', 'stored', 'ready']),
  partSizeBytes: z.number().check(z.int(), z.positive()),
  partCount: z.number().check(z.int(), z.positive()),
  info: z.nullable(mediaInfoSchema),
  /** A small JPEG/PNG data URL (video: a frame; image: itself; audio: a waveform). */
  thumbnail: z.nullable(z.string().check(z.maxLength(MAX_THUMBNAIL_CHARS))),
  createdAtMs: z.number().check(z.int()),
});

/** `POST /api/sessions/:id/media`: starts an upload. */
export const createUploadBodySchema = z.object({
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(255)),
  sizeBytes: z.number().check(z.int(), z.positive()),
});

/** `GET /api/sessions/:id/media/:mediaId`: the item and the part numbers already stored (resume). */
export const uploadStatusSchema = z.object({
  media: mediaItemSchema,
  uploadedParts: z.array(z.number().check(z.int(), z.positive())),
});

/** `POST /api/sessions/:id/media/:mediaId/info`: what the browser probed. */
export const mediaInfoBodySchema = z.object({
  info: mediaInfoSchema,
  thumbnail: z.nullable(
    z
      .string()
      .check(
        z.maxLength(MAX_THUMBNAIL_CHARS),
        z.regex(
          /^data:image\/(?:jpeg|png|webp);base64,[A-Za-z0-9+/=]+$/,
          'expected an image data URL',
        ),
      ),
  ),
});

export const mediaListSchema = z.object({ media: z.array(mediaItemSchema) });

/** What the director knows of one ready upload (no bytes, no thumbnail). */
export const mediaSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: mediaKindSchema,
  durationMs: z.nullable(z.number().check(z.int(), z.nonnegative())),
  width: z.nullable(z.number().check(z.int(), z.nonnegative())),
  height: z.nullable(z.number().check(z.int(), z.nonnegative())),
  hasAudio: z.boolean(),
  beat: z.optional(z.nullable(detectedBeatSchema)),
});

export type MediaFormat = z.infer<typeof mediaFormatSchema>;
export type MediaKind = z.infer<typeof mediaKindSchema>;
export type MediaInfo = z.infer<typeof mediaInfoSchema>;
export type MediaItem = z.infer<typeof mediaItemSchema>;
export type CreateUploadBody = z.infer<typeof createUploadBodySchema>;
export type UploadStatus = z.infer<typeof uploadStatusSchema>;
export type MediaInfoBody = z.infer<typeof mediaInfoBodySchema>;
export type MediaSummary = z.infer<typeof mediaSummarySchema>;

/** Number of parts of an upload of `sizeBytes` bytes. */
export function partCountFor(sizeBytes: number): number {
  return Math.max(1, Math.ceil(sizeBytes / UPLOAD_PART_BYTES));
}

/** Exact size of part `partNumber` (1-based): full parts, then the remainder. */
export function partSizeFor(sizeBytes: number, partNumber: number): number {
  const count = partCountFor(sizeBytes);
  return partNumber < count ? UPLOAD_PART_BYTES : sizeBytes - UPLOAD_PART_BYTES * (count - 1);
}

/** The director's view of a ready item, or null when it is not ready. */
export function summarizeMedia(item: MediaItem): MediaSummary | null {
  if (item.status !== 'ready' || item.info === null) return null;
  return {
    id: item.id,
    name: item.name,
    kind: item.info.kind,
    durationMs: item.info.durationMs,
    width: item.info.width,
    height: item.info.height,
    hasAudio: item.info.hasAudio,
    ...(item.info.beat ? { beat: item.info.beat } : {}),
  };
}
