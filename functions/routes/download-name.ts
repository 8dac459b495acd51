/**
 * @module download-name
 * The file name a finished video downloads as: a slug of its title, e.g.
 * "Urban Dreams: a city story" → `urban-dreams-a-city-story.mp4`.
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

/** The `Content-Disposition` value that downloads the video as `<slug>.mp4`. */
export function attachmentDisposition(title: string): string {
  return `attachment; filename="${slugify(title)}.mp4"`;
}
