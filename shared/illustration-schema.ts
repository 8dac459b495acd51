/**
 * @module illustration-schema
 * A scene's illustration as the draft carries it: a colourful flat picture from Fluent Emoji Flat
 * (MIT, https://github.com/microsoft/fluentui-emoji) chosen by the director, stored as its filled
 * shapes (a colour and SVG path data each) in a {@link ILLUSTRATION_BOX}-unit square. Only the
 * pictures a draft uses reach the browser, and the renderer draws them as `Path2D` fills, which a
 * Web Worker can (it cannot decode an SVG image). Path data is checked to hold only path commands
 * and numbers, so a hostile draft cannot smuggle markup through it.
 */
import { z } from 'zod';

/** Side of the box the shapes are drawn in, units (Fluent Emoji's 32 × 32 viewBox). */
export const ILLUSTRATION_BOX = 32;
/** Most shapes in one illustration: the curated set's largest has under 40. */
export const MAX_ILLUSTRATION_SHAPES = 64;
/**
 * Most path data in one illustration, characters: the curated set keeps icons under 4,000
 * (scripts/build-illustration-set.ts); a little room for edits from the remote API.
 */
export const MAX_ILLUSTRATION_PATH_CHARS = 6_000;
/**
 * Most path data of all illustrations in a draft (a batch), characters: 64,000 keeps the largest
 * draft within its size budget (shared/draft-schema-size.test.ts); about 25 scenes of pictures.
 */
export const MAX_DRAFT_ILLUSTRATION_CHARS = 64_000;

/** One filled shape: colour and SVG path data (commands and numbers only). */
export const illustrationShapeSchema = z.object({
  fill: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'expected a #rrggbb colour'),
  d: z
    .string()
    .min(1)
    .max(MAX_ILLUSTRATION_PATH_CHARS)
    .regex(/^[MmLlHhVvCcSsQqTtAaZz0-9eE.,\s+-]+$/, 'expected SVG path data'),
  /** Fill by the even-odd rule (SVG `fill-rule="evenodd"`); absent: non-zero. */
  evenOdd: z.boolean().optional(),
});

/** A scene's illustration: the icon's name in the set (e.g. `rocket`) and its shapes. */
export const illustrationSchema = z
  .object({
    name: z.string().min(1).max(100),
    shapes: z.array(illustrationShapeSchema).min(1).max(MAX_ILLUSTRATION_SHAPES),
  })
  .refine((value) => illustrationChars(value) <= MAX_ILLUSTRATION_PATH_CHARS, {
    message: `an illustration has more than ${MAX_ILLUSTRATION_PATH_CHARS} characters of path data`,
  });

export type Illustration = z.infer<typeof illustrationSchema>;
export type IllustrationShape = z.infer<typeof illustrationShapeSchema>;

/** Path data characters of an illustration (what counts against the draft's budget). */
export function illustrationChars(illustration: {
  readonly shapes: readonly { readonly d: string }[];
}): number {
  return illustration.shapes.reduce((sum, shape) => sum + shape.d.length, 0);
}

/** One shape of the curated set: colour, path data, and 1 for the even-odd rule. */
export type IllustrationSetShape = [fill: string, d: string, evenOdd?: 1];
/** One icon of the curated set: name, English name words, English keywords, Chinese name, Chinese keywords, shapes. */
export type IllustrationEntry = [
  name: string,
  enName: string,
  enTags: string,
  zhName: string,
  zhTags: string,
  shapes: IllustrationSetShape[],
];
