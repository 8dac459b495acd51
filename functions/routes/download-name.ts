/**
 * @module download-name
 * The file name a finished video downloads as: a slug of its title, e.g.
 * "Urban Dreams: a city story" → `urban-dreams-a-city-story.mp4`.
 */
import { BATCH_TITLE_SEPARATOR } from '../durable/batch-store';

/** Longest slug, characters: long enough to read, short enough for every file system. */
export const MAX_SLUG_CHARS = 60;
/** Name used when the title has no letters or digits a file name can keep (e.g. only CJK). */
export const FALLBACK_SLUG = 'reelwright-video';

/** `text` as lower-case ASCII letters and digits joined by single dashes, uncut. */
function slugWords(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** `slug` cut to at most `maxChars` (none when `maxChars` ≤ 0), without a trailing dash. */
function cutSlug(slug: string, maxChars: number): string {
  return slug.slice(0, Math.max(0, maxChars)).replace(/-+$/g, '');
}

/**
 * Lower-case ASCII letters and digits joined by single dashes, at most {@link MAX_SLUG_CHARS}.
 * A batch item's title ("<session title> – <label>", batch-store.ts) keeps its label when cut,
 * so the videos of one batch download under different names.
 */
export function slugify(title: string): string {
  const at = title.lastIndexOf(BATCH_TITLE_SEPARATOR);
  const tail = at > 0 ? cutSlug(slugWords(title.slice(at + BATCH_TITLE_SEPARATOR.length)), MAX_SLUG_CHARS) : '';
  const head = cutSlug(slugWords(at > 0 ? title.slice(0, at) : title), MAX_SLUG_CHARS - (tail === '' ? 0 : tail.length + 1));
  const slug = [head, tail].filter((part) => part !== '').join('-');
  return slug === '' ? FALLBACK_SLUG : slug;
}

/** The `Content-Disposition` value that downloads the video as `<slug>.mp4`. */
export function attachmentDisposition(title: string): string {
  return `attachment; filename="${slugify(title)}.mp4"`;
}
