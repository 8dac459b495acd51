/**
 * @module photo-upload-fixture
 * A 1920×1080 photo as the workerd tests upload it: the probe facts the browser would send and
 * the first bytes of a JPEG (the upload sniffer reads only the head).
 */
import type { MediaInfo } from '../../shared/media-schema';

/** What the browser's probe reports for a 1920×1080 photo. */
export const PHOTO_INFO: MediaInfo = {
  kind: 'image',
  durationMs: null,
  width: 1920,
  height: 1080,
  fps: null,
  videoCodec: null,
  audioCodec: null,
  hasAudio: false,
};

/** A JPEG's start-of-image marker and APP0 segment marker: enough for the sniffer. */
export const JPEG_HEAD = [0xff, 0xd8, 0xff, 0xe0];
