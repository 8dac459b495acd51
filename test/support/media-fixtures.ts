/**
 * @module media-fixtures (test support)
 * Upload summaries for the director's tests: a clip, a photo and a song as the session lists
 * its ready uploads.
 */
import type { MediaSummary } from '../../shared/media-schema';

/** A 1920x1080 video clip `durationMs` long, with or without its own sound. */
export const clip = (
  id: string,
  name: string,
  durationMs: number,
  hasAudio = false,
): MediaSummary => ({
  id,
  name,
  kind: 'video',
  durationMs,
  width: 1920,
  height: 1080,
  hasAudio,
});

/** A 1920x1080 photo. */
export const photo = (id: string, name: string): MediaSummary => ({
  id,
  name,
  kind: 'image',
  durationMs: null,
  width: 1920,
  height: 1080,
  hasAudio: false,
});

/** A 40 s song. */
export const song = (id: string, name: string): MediaSummary => ({
  id,
  name,
  kind: 'audio',
  durationMs: 40_000,
  width: null,
  height: null,
  hasAudio: true,
});
