/**
 * @module download-name
 * The file name a stored file downloads as: a slug of its title, e.g. a finished video
 * "Urban Dreams: a city story" → `urban-dreams-a-city-story.mp4`, an upload "Beach Day.MOV"
 * (sniffed as `mov`) → `beach-day.mov`.
 */

/** Longest slug, characters: long enough to read, short enough for every file system. */
export const MAX_SLUG_CHARS = 60;
/** Name used when the title has no letters or digits a file name can keep (e.g. only CJK). */
export const FALLBACK_SLUG = 'reelwright-video';

/** Lower-case ASCII letters and digits joined by single dashes, at most {@link MAX_SLUG_CHARS}. */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG_CHARS)
    .replace(/-+$/g, '');
  return slug === '' ? FALLBACK_SLUG : slug;
}

/**
 * The `Content-Disposition` value that downloads a file as `<slug>.<extension>` (never shown
 * inline, so stored bytes cannot run as a page of this origin).
 * @param extension the file's real format, e.g. `mp4` (a finished video) or an upload's sniffed format
 */
export function attachmentDisposition(title: string, extension = 'mp4'): string {
  return `attachment; filename="${slugify(title)}.${extension}"`;
}
