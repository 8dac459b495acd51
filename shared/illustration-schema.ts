/**
 * @module illustration-schema
 * A scene's illustration as the draft carries it: a colourful flat picture from Fluent Emoji Flat
 * (MIT, https://github.com/microsoft/fluentui-emoji) chosen by the director, stored as its filled
 * shapes (a colour and SVG path data each) in a {@link ILLUSTRATION_BOX}-unit square. Only the
 * pictures a draft uses reach the browser, and the renderer draws them as `Path2D` fills, which a
 * Web Worker can (it cannot decode an SVG image). Path data is checked to hold only path commands
 * and numbers, so a hostile draft cannot smuggle markup through it.
 */
import * as z from 'zod/mini';

/** Side of the box the shapes are drawn in, units (Fluent Emoji's 32 × 32 viewBox). */
export const ILLUSTRATION_BOX = 32;
/** Most shapes in one illustration: the curated set's largest has under 40. */
export const MAX_ILLUSTRATION_SHAPES = 64;
/**
 * Most characters of one illustration (see {@link illustrationChars}): the curated set keeps
 * icons under 4,000 of path data (scripts/build-illustration-set.ts) and 40 shapes; some room.
 */
export const MAX_ILLUSTRATION_PATH_CHARS = 6_000;
/**
 * Most characters of all illustrations in a draft (a batch), see {@link illustrationChars}:
 * 64,000 keeps the largest draft within its size budget (shared/draft-schema-size.test.ts);
 * about 20 scenes of pictures.
 */
export const MAX_DRAFT_ILLUSTRATION_CHARS = 64_000;

/**
 * What one shape costs against the budgets beyond its path data, characters: its colour and the
 * JSON around it (`{"fill":"#rrggbb","d":""},` is 27; a margin for `"evenOdd":true`).
 */
export const SHAPE_OVERHEAD_CHARS = 48;

/** One filled shape: colour and SVG path data (commands and numbers only). */
export const illustrationShapeSchema = z.object({
  fill: z.string().check(z.regex(/^#[0-9a-fA-F]{6}$/, 'expected a #rrggbb colour')),
  d: z
    .string()
    .check(
      z.minLength(1),
      z.maxLength(MAX_ILLUSTRATION_PATH_CHARS),
      z.regex(/^[MmLlHhVvCcSsQqTtAaZz0-9eE.,\s+-]+$/, 'expected SVG path data'),
    ),
  /** Fill by the even-odd rule (SVG `fill-rule="evenodd"`); absent: non-zero. */
  evenOdd: z.optional(z.boolean()),
});

/** A scene's illustration: the icon's name in the set (e.g. `rocket`) and its shapes. */
export const illustrationSchema = z
  .object({
    /** The icon's name in kebab-case (e.g. `beach-with-umbrella`). */
    name: z
      .string()
      .check(
        z.minLength(1),
        z.maxLength(100),
        z.regex(/^[a-z0-9-]+$/, 'expected an icon name in kebab-case'),
      ),
    shapes: z
      .array(illustrationShapeSchema)
      .check(z.minLength(1), z.maxLength(MAX_ILLUSTRATION_SHAPES)),
  })
  .check(
    z.refine((value) => illustrationChars(value) <= MAX_ILLUSTRATION_PATH_CHARS, {
      message: `an illustration has more than ${MAX_ILLUSTRATION_PATH_CHARS} characters of shapes`,
    }),
  );

export type Illustration = z.infer<typeof illustrationSchema>;
export type IllustrationShape = z.infer<typeof illustrationShapeSchema>;

/**
 * What an illustration counts against the budgets, characters: its name, and each shape's path
 * data plus {@link SHAPE_OVERHEAD_CHARS} (so many tiny shapes cannot pass a budget of path data).
 */
export function illustrationChars(illustration: {
  readonly name: string;
  readonly shapes: readonly { readonly d: string }[];
}): number {
  return illustration.shapes.reduce(
    (sum, shape) => sum + shape.d.length + SHAPE_OVERHEAD_CHARS,
    illustration.name.length,
  );
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
