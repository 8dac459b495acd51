/**
 * @module apply-brand-kit
 * A visitor's brand kit (shared/brand-kit-schema.ts) applied to a draft: the brand colours become
 * the look (background gradient, accent, word-caption highlight; text in white or near-black,
 * whichever stays legible), the kit's font the font of every text, and the logo an overlay in its
 * corner on every scene (`draft.logo`, drawn by web/render/draw-logo.ts). Used for every new
 * video the embedded director plans, and by the brand edits ("use my brand colours …").
 */
import type { BrandKit, LogoCorner } from '../../../shared/brand-kit-schema';
import type { Draft, Look, Track } from '../../../shared/draft-schema';
import { contrastRatio, mixColour } from './colour-contrast';
import { applyLook } from './edit-look';
import { FONT_FAMILY } from './pick-look';

/** Name of the look made from brand colours (shown in the timeline like a palette's name). */
export const BRAND_PALETTE_NAME = 'Brand';
/**
 * Least contrast kept between the text and every background stop: 3:1, WCAG 2 AA for large
 * text (https://www.w3.org/TR/WCAG21/#contrast-minimum); titles and captions are large and bold.
 */
const MIN_TEXT_CONTRAST = 3;
/** The gradient's second stop: the first brand colour moved this far away from the text colour. */
const SECOND_STOP_MIX = 0.35;
/**
 * When no brand colour is legible on the gradient, the accent is the first colour moved this far
 * toward the text colour: still the brand's hue, and not the text colour (a highlight sweep in
 * the text's own colour would hide the text).
 */
const ACCENT_TINT_MIX = 0.7;
const WHITE = '#ffffff';
/** Dark text on light brand colours: near-black, softer than pure black on a colour. */
const DARK_TEXT = '#111111';
const BLACK = '#000000';

/** CSS font list for each bundled font a kit may name (web/render/load-fonts.ts loads both). */
const FONT_FAMILIES: Record<NonNullable<BrandKit['font']>, string> = {
  Inter: FONT_FAMILY,
  'Noto Sans SC': '"Noto Sans SC", "Inter", sans-serif',
};

/**
 * The look made from brand colours: a gradient from the first colour to a shade of it, then the
 * other brand colours the text stays legible on; the text white when it is legible on the first
 * colour (brand colours usually carry white text), else near-black (the shade moves away from the
 * text colour); the accent the first brand colour legible on the whole gradient, else a tint of
 * the first colour toward the text colour.
 * @param colors one to three `#rrggbb` colours (lower-case), primary first
 * @param fontFamily the font list kept in the look
 */
export function brandLook(colors: readonly string[], fontFamily: string): Look {
  const primary = colors[0] ?? BLACK;
  const text = contrastRatio(WHITE, primary) >= MIN_TEXT_CONTRAST ? WHITE : DARK_TEXT;
  const readable = (stop: string): boolean => contrastRatio(text, stop) >= MIN_TEXT_CONTRAST;
  const shade = mixColour(primary, text === WHITE ? BLACK : WHITE, SECOND_STOP_MIX);
  const others = colors.slice(1).filter((colour) => colour !== primary && readable(colour));
  const background = [primary, shade, ...others];
  const legible = (colour: string): boolean =>
    background.every((stop) => contrastRatio(colour, stop) >= MIN_TEXT_CONTRAST);
  const tint = mixColour(primary, text, ACCENT_TINT_MIX);
  const accent = [...colors.slice(1), primary].find(legible) ?? tint;
  return { paletteName: BRAND_PALETTE_NAME, background, text, accent, fontFamily };
}

/**
 * The draft recoloured with brand colours (see {@link brandLook}); the narration's word
 * captions highlight the spoken word in the accent. Colours the visitor chose for a text stay.
 */
export function applyBrandColours(draft: Draft, colors: readonly string[]): Draft {
  if (colors.length === 0) return draft;
  const look = brandLook(colors, draft.look.fontFamily);
  const recoloured = applyLook(draft, look);
  const tracks = recoloured.tracks.map(
    (track): Track =>
      track.kind !== 'audio'
        ? track
        : {
            ...track,
            segments: track.segments.map((segment) =>
              segment.source.type === 'speech'
                ? {
                    ...segment,
                    source: {
                      ...segment.source,
                      captions: { ...segment.source.captions, highlight: look.accent },
                    },
                  }
                : segment,
            ),
          },
  );
  return { ...recoloured, tracks };
}

/** The draft with every text (and the word captions) in one of the bundled fonts. */
export function applyBrandFont(draft: Draft, font: NonNullable<BrandKit['font']>): Draft {
  const fontFamily = FONT_FAMILIES[font];
  const tracks = draft.tracks.map(
    (track): Track =>
      track.kind !== 'text'
        ? track
        : {
            ...track,
            segments: track.segments.map((s) => ({ ...s, style: { ...s.style, fontFamily } })),
          },
  );
  return { ...draft, look: { ...draft.look, fontFamily }, tracks };
}

/** The draft with the kit's logo in `corner` (the kit's own corner by default); unchanged without a logo. */
export function applyBrandLogo(
  draft: Draft,
  kit: BrandKit,
  corner: LogoCorner = kit.logoCorner,
): Draft {
  return kit.logo ? { ...draft, logo: { ...kit.logo, corner } } : draft;
}

/** True when the kit has nothing to apply (the empty kit). */
export function isEmptyBrandKit(kit: BrandKit): boolean {
  return kit.colors.length === 0 && kit.font === null && kit.logo === null;
}

/**
 * A draft in the visitor's brand: colours, font and logo, each when the kit has it.
 * @param draft a planned draft (not changed)
 * @returns a new draft, or `draft` itself for the empty kit
 */
export function applyBrandKit(draft: Draft, kit: BrandKit): Draft {
  if (isEmptyBrandKit(kit)) return draft;
  const coloured = applyBrandColours(draft, kit.colors);
  const typed = kit.font ? applyBrandFont(coloured, kit.font) : coloured;
  return applyBrandLogo(typed, kit);
}
