/**
 * @module download-name
 * The file name a stored file downloads as, and its `Content-Disposition` header: a slug of its
 * title in any script, e.g. a finished video "Urban Dreams: a city story" →
 * `urban-dreams-a-city-story.mp4`, "日落" → `日落.mp4`, an upload "Beach Day.MOV" (sniffed as
 * `mov`) → `beach-day.mov`. A name beyond ASCII goes out as RFC 6266 `filename*=UTF-8''…` with an
 * ASCII `filename=` fallback for old clients (https://www.rfc-editor.org/rfc/rfc6266#section-4.3),
 * written by the `content-disposition` package.
 */
import { create as createContentDisposition } from 'content-disposition';

/** Longest slug, characters (code points): long enough to read, short enough for every file system. */
export const MAX_SLUG_CHARS = 60;
/** ASCII fallback used when the title has no ASCII letters or digits (e.g. only CJK). */
export const FALLBACK_SLUG = 'reelwright-video';

/** Latin accents split off by NFKD ("é" → "e" + U+0301), dropped so "Café" reads "cafe". */
const LATIN_ACCENTS = /[\u0300-\u036f]/g;

/** Lower-case letters and digits (any script) joined by single dashes, at most `maxChars`. */
function slugOf(title: string, keep: RegExp): string {
  const words = title
    .normalize('NFKD')
    .replace(LATIN_ACCENTS, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(keep, '-')
    .replace(/^-+|-+$/g, '');
  return Array.from(words).slice(0, MAX_SLUG_CHARS).join('').replace(/-+$/g, '');
}

/**
 * The ASCII slug of `title`: lower-case `a-z0-9` joined by single dashes, at most
 * {@link MAX_SLUG_CHARS}; {@link FALLBACK_SLUG} when nothing is left.
 */
export function slugify(title: string): string {
  return slugOf(title, /[^a-z0-9]+/g) || FALLBACK_SLUG;
}

/**
 * The slug of `title` keeping letters and digits of every script ("日落 2" → `日落-2`); the
 * ASCII {@link slugify} when nothing is left.
 */
export function unicodeSlugify(title: string): string {
  return slugOf(title, /[^\p{L}\p{N}]+/gu) || slugify(title);
}

/**
 * The `Content-Disposition` value that downloads a file as `<slug>.<extension>` (never shown
 * inline, so stored bytes cannot run as a page of this origin). ASCII names:
 * `attachment; filename="waves.mp4"`; others: `attachment; filename=reelwright-video.mp4;
 * filename*=UTF-8''%E6%97%A5%E8%90%BD.mp4`.
 * @param extension the file's real format, e.g. `mp4` (a finished video) or an upload's sniffed format
 */
export function attachmentDisposition(title: string, extension = 'mp4'): string {
  return createContentDisposition(`${unicodeSlugify(title)}.${extension}`, {
    type: 'attachment',
    fallback: `${slugify(title)}.${extension}`,
  });
}
