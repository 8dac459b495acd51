/**
 * @module brand-kit-schema
 * A visitor's brand kit (`GET`/`PUT /api/brand-kit`, docs/http-api.md): brand colours, a font
 * from the ones the app bundles, and a logo — a photo the visitor uploaded to one of their own
 * sessions — with the corner it sits in. Kept in the visitor's account (one Durable Object per
 * visitor) and applied to the videos they make next.
 */
import * as z from 'zod/mini';

/** Most brand colours kept: a primary, a secondary and an accent, as brand guides name them. */
export const MAX_BRAND_COLOURS = 3;
/** Fonts a brand kit may name: the families the renderer bundles (web/render/load-fonts.ts). */
export const BRAND_FONTS = ['Inter', 'Noto Sans SC'] as const;
/** Corners a logo may sit in. */
export const LOGO_CORNERS = ['top-left', 'top-right', 'bottom-left', 'bottom-right'] as const;

const hexColour = z.string().check(z.regex(/^#[0-9a-fA-F]{6}$/, 'expected a #rrggbb colour'));

/** Where the logo is: an image upload of one of the visitor's sessions. */
export const brandLogoSchema = z.strictObject({
  sessionId: z.uuid(),
  mediaId: z.uuid(),
});

export const brandKitSchema = z.strictObject({
  colors: z.pipe(
    z
      .array(hexColour)
      .check(z.maxLength(MAX_BRAND_COLOURS, `at most ${MAX_BRAND_COLOURS} brand colours`)),
    z.transform((colors) => colors.map((c) => c.toLowerCase())),
  ),
  font: z.nullable(z.enum(BRAND_FONTS)),
  logo: z.nullable(brandLogoSchema),
  logoCorner: z.enum(LOGO_CORNERS),
});

export type BrandKit = z.infer<typeof brandKitSchema>;
export type LogoCorner = (typeof LOGO_CORNERS)[number];

/** The kit of a visitor who never set one: nothing to apply. */
export const EMPTY_BRAND_KIT: BrandKit = {
  colors: [],
  font: null,
  logo: null,
  logoCorner: 'bottom-right',
};
