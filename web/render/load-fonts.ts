/**
 * @module load-fonts
 * Puts the fonts a draft needs into a `FontFaceSet` (`document.fonts` for the preview,
 * `self.fonts` in the encode worker) and waits until they are decoded, so the very first frame is
 * drawn with them: Inter 400/700/800 for Latin text, and for CJK only the Noto Sans SC 700
 * subsets whose unicode-range covers characters of the text (each subset is ~50 KB; the whole
 * font is ~1 MB per weight).
 *
 * Font files are the self-hosted `@fontsource` packages, bundled by Vite as asset URLs; subset
 * ranges come from the packages' `unicode.json` (the same ranges as their CSS `@font-face` rules).
 * Draft font families should name `"Inter", "Noto Sans SC"` (then a generic family).
 */
import interRanges from '@fontsource/inter/unicode.json';
import inter400Latin from '@fontsource/inter/files/inter-latin-400-normal.woff2?url';
import inter700Latin from '@fontsource/inter/files/inter-latin-700-normal.woff2?url';
import inter800Latin from '@fontsource/inter/files/inter-latin-800-normal.woff2?url';
import inter400LatinExt from '@fontsource/inter/files/inter-latin-ext-400-normal.woff2?url';
import inter700LatinExt from '@fontsource/inter/files/inter-latin-ext-700-normal.woff2?url';
import inter800LatinExt from '@fontsource/inter/files/inter-latin-ext-800-normal.woff2?url';
import { RenderError } from './render-errors';

/** Family names as drafts write them in `fontFamily`. */
export const INTER_FAMILY = 'Inter';
export const NOTO_SANS_SC_FAMILY = 'Noto Sans SC';

/** Noto Sans SC is loaded in one weight: titles and captions are bold, and 700 reads at 1080p. */
const NOTO_SANS_SC_WEIGHT = '700';

/** Numbered Noto Sans SC 700 subsets (`noto-sans-sc-<N>-700-normal.woff2`), keyed by path. */
const notoSubsetUrls = import.meta.glob<string>(
  '../../node_modules/@fontsource/noto-sans-sc/files/noto-sans-sc-[0-9]*-700-normal.woff2',
  { query: '?url', import: 'default', eager: true },
);

interface FaceSpec {
  family: string;
  weight: string;
  url: string;
  /** CSS unicode-range, e.g. `U+0000-00FF,U+0131`. */
  unicodeRange: string;
}

/** Inclusive code point ranges parsed from a CSS unicode-range. */
type CodePointRanges = readonly (readonly [number, number])[];

/** What {@link loadFonts} added. */
export interface LoadedFonts {
  /** Font faces now available in the set for this text (loaded now or earlier). */
  faceCount: number;
  /** How many Noto Sans SC subsets the text needed. */
  cjkSubsetCount: number;
}

/** Faces already added to each set, by URL, so repeated calls (live preview) load nothing twice. */
const loadedFaces = new WeakMap<FontFaceSet, Map<string, Promise<void>>>();

/** Parses `U+0-FF,U+131,U+1F1E6-1F1FF` into inclusive ranges. */
export function parseUnicodeRange(range: string): CodePointRanges {
  const ranges: [number, number][] = [];
  for (const part of range.split(',')) {
    const match = /^\s*U\+([0-9a-f]+)(?:-([0-9a-f]+))?\s*$/i.exec(part);
    if (!match?.[1]) continue;
    const low = parseInt(match[1], 16);
    ranges.push([low, match[2] ? parseInt(match[2], 16) : low]);
  }
  return ranges;
}

function inRanges(codePoint: number, ranges: CodePointRanges): boolean {
  return ranges.some(([low, high]) => codePoint >= low && codePoint <= high);
}

function uniqueCodePoints(text: string): number[] {
  const seen = new Set<number>();
  for (const char of text) {
    const codePoint = char.codePointAt(0);
    if (codePoint !== undefined && codePoint > 0x20) seen.add(codePoint);
  }
  return [...seen];
}

/** The Noto Sans SC subsets (name → unicode-range) covering the given code points. */
async function notoSubsetsFor(codePoints: readonly number[]): Promise<FaceSpec[]> {
  if (codePoints.length === 0) return [];
  // 76 KB of ranges: fetched only when some text is not Latin.
  const { default: notoRanges } = await import('@fontsource/noto-sans-sc/unicode.json');
  const specs: FaceSpec[] = [];
  for (const [subset, unicodeRange] of Object.entries(
    notoRanges as Readonly<Record<string, string>>,
  )) {
    const number = /^\[(\d+)\]$/.exec(subset)?.[1];
    if (!number) continue; // latin, cyrillic…: Inter covers those
    const ranges = parseUnicodeRange(unicodeRange);
    if (!codePoints.some((codePoint) => inRanges(codePoint, ranges))) continue;
    const url =
      notoSubsetUrls[
        `../../node_modules/@fontsource/noto-sans-sc/files/noto-sans-sc-${number}-${NOTO_SANS_SC_WEIGHT}-normal.woff2`
      ];
    if (url)
      specs.push({ family: NOTO_SANS_SC_FAMILY, weight: NOTO_SANS_SC_WEIGHT, url, unicodeRange });
  }
  return specs;
}

/**
 * Loads the faces needed to draw `text` into `fonts` and resolves once they are usable.
 * Idempotent per font set: faces added before are not fetched again.
 *
 * @param fonts `document.fonts` on the main thread, `self.fonts` in a worker
 * @param text every string that will be drawn (e.g. all text segments joined with `\n`)
 * @returns how many faces the text uses, and how many of them are CJK subsets
 * @throws RenderError `font-load-failed` when a font file cannot be fetched or decoded
 */
export async function loadFonts(fonts: FontFaceSet, text: string): Promise<LoadedFonts> {
  const codePoints = uniqueCodePoints(text);
  const latinRange = interRanges.latin;
  const latinExtRange = interRanges['latin-ext'];
  const latin = parseUnicodeRange(latinRange);
  const latinExt = parseUnicodeRange(latinExtRange);
  const needsLatinExt = codePoints.some((c) => !inRanges(c, latin) && inRanges(c, latinExt));
  const beyondInter = codePoints.filter((c) => !inRanges(c, latin) && !inRanges(c, latinExt));

  const specs: FaceSpec[] = [
    { family: INTER_FAMILY, weight: '400', url: inter400Latin, unicodeRange: latinRange },
    { family: INTER_FAMILY, weight: '700', url: inter700Latin, unicodeRange: latinRange },
    { family: INTER_FAMILY, weight: '800', url: inter800Latin, unicodeRange: latinRange },
  ];
  if (needsLatinExt) {
    specs.push(
      { family: INTER_FAMILY, weight: '400', url: inter400LatinExt, unicodeRange: latinExtRange },
      { family: INTER_FAMILY, weight: '700', url: inter700LatinExt, unicodeRange: latinExtRange },
      { family: INTER_FAMILY, weight: '800', url: inter800LatinExt, unicodeRange: latinExtRange },
    );
  }
  const cjkSpecs = await notoSubsetsFor(beyondInter);
  specs.push(...cjkSpecs);

  let byUrl = loadedFaces.get(fonts);
  if (!byUrl) {
    byUrl = new Map();
    loadedFaces.set(fonts, byUrl);
  }
  const pending: Promise<void>[] = [];
  for (const spec of specs) {
    let loading = byUrl.get(spec.url);
    if (!loading) {
      const face = new FontFace(spec.family, `url("${spec.url}") format("woff2")`, {
        weight: spec.weight,
        style: 'normal',
        unicodeRange: spec.unicodeRange,
      });
      const set = byUrl;
      loading = face.load().then(
        () => {
          fonts.add(face);
        },
        (error: unknown) => {
          set.delete(spec.url); // let a later call retry
          throw new RenderError(
            'font-load-failed',
            `Could not load the font ${spec.family} ${spec.weight} (${spec.url}).`,
            { cause: error },
          );
        },
      );
      byUrl.set(spec.url, loading);
    }
    pending.push(loading);
  }
  await Promise.all(pending);
  return { faceCount: specs.length, cjkSubsetCount: cjkSpecs.length };
}
