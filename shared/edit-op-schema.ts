/**
 * @module edit-op-schema
 * The edits a director can make to a draft, one zod schema per kind, in a union discriminated
 * on `op`. The embedded (rules) director reads them from a chat message (`parse-message`) and
 * applies them with `applyEditOps`; a language-model director will get the same schemas as its
 * tools, so every field has bounds and a description. Covers every edit the rules director
 * makes, scene text, moving and removing scenes, pace and text placement among them.
 */
import { z } from 'zod';
import { captionStyleSchema } from './narration-schema';
import {
  MAX_DRAFT_DURATION_MS,
  MAX_DRAFT_SEGMENTS,
  MAX_NAME_CHARS,
  MAX_SEGMENT_TEXT_CHARS,
  MIN_DRAFT_DURATION_MS,
  TEXT_ANIMATIONS,
  transitionSchema,
} from './draft-schema';
import { sceneryChangeSchema } from './scene-layers-schema';
import { BRAND_FONTS, LOGO_CORNERS, MAX_BRAND_COLOURS, brandKitSchema } from './brand-kit-schema';

/** Longest palette name accepted (the palettes' names are one word). */
export const MAX_PALETTE_NAME_CHARS = 40;
/** Longest quoted text an edit refers to ("remove text 'Sale'"): a segment's text limit. */
const MAX_TARGET_TEXT_CHARS = MAX_SEGMENT_TEXT_CHARS;

const hexColour = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/)
  .describe('A CSS colour as #rrggbb, e.g. "#ff0000" for red');
const gain = z.number().min(0).max(1).describe('Loudness as a gain from 0 (silent) to 1 (full)');
const step = z
  .enum(['louder', 'quieter'])
  .describe('Move the level up or down by one step (15 points of gain)');
const scale = z
  .number()
  .min(0.25)
  .max(4)
  .describe('Multiply the font size by this factor (1.25 bigger, 0.8 smaller)');
const timeMs = z
  .number()
  .int()
  .min(0)
  .max(MAX_DRAFT_DURATION_MS)
  .describe('A time on the timeline, integer ms from the start');
/** The visitor's words an op was read from, quoted back when it cannot be applied. */
const said = z
  .string()
  .max(MAX_SEGMENT_TEXT_CHARS)
  .optional()
  .describe('The words of the request this edit was read from (as typed)');

/** Aspect presets a video can be exported in. */
export const aspectSchema = z
  .enum(['landscape', 'vertical', 'square'])
  .describe('Frame shape: landscape 1920x1080 (16:9), vertical 1080x1920 (9:16), square 1080x1080');
export type Aspect = z.infer<typeof aspectSchema>;

export const musicMoodSchema = z
  .enum(['calm', 'upbeat', 'lofi'])
  .describe('Mood of the generated background music');

export const textRoleSchema = z
  .enum(['title', 'caption', 'overlay'])
  .describe('Which texts: the title card, the scene captions, or the added overlays');

export const setDurationOpSchema = z
  .object({
    op: z.literal('set-duration'),
    durationMs: z
      .number()
      .int()
      .min(MIN_DRAFT_DURATION_MS)
      .max(MAX_DRAFT_DURATION_MS)
      .optional()
      .describe('The new length of the whole video, integer ms; scenes are refitted'),
    change: z
      .enum(['shorter', 'longer'])
      .optional()
      .describe('Instead of a length: two thirds as long, or half as long again'),
    said,
  })
  .describe('Change the length of the video (give durationMs or change)');

export const setAspectOpSchema = z
  .object({ op: z.literal('set-aspect'), aspect: aspectSchema, said })
  .describe('Reframe the video to another shape; texts and pictures are re-laid');

export const setTitleOpSchema = z
  .object({
    op: z.literal('set-title'),
    text: z
      .string()
      .min(1)
      .max(MAX_SEGMENT_TEXT_CHARS)
      .optional()
      .describe('New title text (also the video name); a title card is added if none'),
    color: hexColour.optional(),
    scale: scale.optional(),
    said,
  })
  .describe('Change the title: its text, colour or size');

export const setTextStyleOpSchema = z
  .object({
    op: z.literal('set-text-style'),
    role: textRoleSchema,
    color: hexColour.optional(),
    scale: scale.optional(),
    said,
  })
  .describe('Recolour or resize every text of one role');

export const addOverlayOpSchema = z
  .object({
    op: z.literal('add-overlay'),
    text: z.string().min(1).max(MAX_SEGMENT_TEXT_CHARS).describe('The words to show'),
    startMs: timeMs
      .optional()
      .describe('When it appears, ms; default the start (or end - 3 s with atEnd)'),
    endMs: timeMs.optional().describe('When it goes, ms; default start + lengthMs'),
    lengthMs: z
      .number()
      .int()
      .min(0)
      .max(MAX_DRAFT_DURATION_MS)
      .optional()
      .describe('How long it stays, ms; default 3 s when a start is given, else the whole video'),
    atEnd: z.boolean().optional().describe('Show it for the last 3 s of the video'),
    color: hexColour.optional(),
    place: z
      .enum(['bottom', 'center'])
      .optional()
      .describe('Where on the frame; default the overlay band near the top'),
    said,
  })
  .describe('Add a text overlay over the video');

export const removeTextOpSchema = z
  .object({
    op: z.literal('remove-text'),
    target: z
      .union([
        z
          .object({ text: z.string().min(1).max(MAX_TARGET_TEXT_CHARS) })
          .describe('Every text containing these words (any case)'),
        z
          .enum(['captions', 'title', 'overlays', 'overlay'])
          .describe('All captions, the title, all overlays, or the last overlay added'),
      ])
      .describe('Which texts to remove'),
    said,
  })
  .describe('Remove texts from the video');

export const setMusicOpSchema = z
  .object({
    op: z.literal('set-music'),
    on: z
      .boolean()
      .optional()
      .describe('true: add music if there is none; false: remove the background music'),
    mood: musicMoodSchema.optional(),
    volume: gain.optional(),
    step: step.optional(),
    said,
  })
  .describe('Background music: on/off, mood, volume (never touches the clips’ own sound)');

export const setClipSoundOpSchema = z
  .object({
    op: z.literal('set-clip-sound'),
    on: z
      .boolean()
      .optional()
      .describe('false mutes the uploaded clips’ own sound, true unmutes it'),
    volume: gain.optional(),
    step: step.optional(),
    said,
  })
  .describe('The uploaded clips’ own sound (never touches the music)');

export const setTransitionOpSchema = z
  .object({
    op: z.literal('set-transition'),
    kind: transitionSchema.shape.kind,
    color: transitionSchema.shape.color.check(
      z.describe('The colour a dip passes through (#rrggbb)'),
    ),
    said,
  })
  .describe(
    'How every scene after the first enters: cut, crossfade, slide, wipe, zoom, whip (pan) or dip (to a colour, black by default)',
  );

export const setLookOpSchema = z
  .object({
    op: z.literal('set-look'),
    palette: z
      .string()
      .min(1)
      .max(MAX_PALETTE_NAME_CHARS)
      .optional()
      .describe('A palette by name (e.g. "Ocean"); without it, the next palette'),
    said,
  })
  .describe('Recolour the video with another palette; colours the visitor chose stay');

export const setSceneryOpSchema = z
  .object({ op: z.literal('set-scenery'), ...sceneryChangeSchema.shape, said })
  .describe('Change what every painted scene shows: time of day, weather, layers added or removed');
/**
 * A scene of the video: its 1-based place on the picture track (the title card is scene 1 when
 * there is one), the first or the last, or the scene whose label contains some words (an
 * upload's name: "beach" for beach.jpg).
 */
export const sceneRefSchema = z
  .union([
    z
      .number()
      .int()
      .min(1)
      .max(MAX_DRAFT_SEGMENTS)
      .describe('1-based scene number in play order (scene 1 is the first the viewer sees)'),
    z.enum(['first', 'last']).describe('The first or the last scene'),
    z
      .object({
        label: z
          .string()
          .min(1)
          .max(MAX_NAME_CHARS)
          .describe('Words of the scene label, any case, e.g. an upload name "beach"'),
      })
      .describe('The first scene whose label contains these words'),
  ])
  .describe('Which scene');
export type SceneRef = z.infer<typeof sceneRefSchema>;

export const setSceneTextOpSchema = z
  .object({
    op: z.literal('set-scene-text'),
    scene: sceneRefSchema,
    text: z
      .string()
      .min(1)
      .max(MAX_SEGMENT_TEXT_CHARS)
      .describe('The words the scene shows (its caption; the title on the title card)'),
    said,
  })
  .describe('Replace the text one scene shows');

export const moveSceneOpSchema = z
  .object({
    op: z.literal('move-scene'),
    from: sceneRefSchema.describe('The scene to move'),
    to: sceneRefSchema.describe('Where it goes: the place of this scene (number, first or last)'),
    swap: z
      .boolean()
      .optional()
      .describe('true: the two scenes trade places; else the scene is taken out and put there'),
    said,
  })
  .describe('Reorder scenes; their texts move with them and the timing is re-laid end to end');

export const removeSceneOpSchema = z
  .object({ op: z.literal('remove-scene'), scene: sceneRefSchema, said })
  .describe('Remove a scene and its texts; the video gets shorter by its length');

export const setPaceOpSchema = z
  .object({
    op: z.literal('set-pace'),
    pace: z
      .enum(['faster', 'slower'])
      .describe(
        'faster: scenes a fifth shorter, quicker transitions, music tempo up; slower: the reverse',
      ),
    said,
  })
  .describe('Change how fast the video moves from scene to scene');

export const setPositionOpSchema = z
  .object({
    op: z.literal('set-position'),
    role: textRoleSchema,
    place: z.enum(['top', 'middle', 'bottom']).describe('Where on the frame, top to bottom'),
    said,
  })
  .describe('Move every text of one role to the top, middle or bottom of the frame');
export const setNarrationOpSchema = z
  .object({
    op: z.literal('set-narration'),
    on: z
      .boolean()
      .optional()
      .describe(
        'true: narrate the video (a voice-over reads each scene); false: remove the voice-over',
      ),
    gender: z.enum(['female', 'male']).optional().describe('The voice: female or male'),
    accent: z
      .enum(['us', 'gb', 'zh'])
      .optional()
      .describe('The voice’s language: US or British English, or Mandarin'),
    pace: z.enum(['slower', 'faster']).optional().describe('Speak slower or faster'),
    captions: z
      .object(captionStyleSchema.shape)
      .pick({ mode: true, lines: true, position: true, highlight: true })
      .partial()
      .extend({ sizeScale: scale.optional() })
      .optional()
      .describe(
        'The word-by-word captions: karaoke, pop-in or off; one or two lines; position; the spoken word’s highlight colour; size (sizeScale multiplies it)',
      ),
    said,
  })
  .describe('The voice-over (narration-schema.ts) and its word captions');

export const setTextAnimationOpSchema = z
  .object({ op: z.literal('set-text-animation'), animation: z.enum(TEXT_ANIMATIONS), said })
  .describe(
    'How titles and captions enter: fade, kinetic (word by word), typewriter, highlight (sweep), pop, none',
  );

export const setBrandOpSchema = z
  .object({
    op: z.literal('set-brand'),
    colors: z
      .array(hexColour)
      .min(1)
      .max(MAX_BRAND_COLOURS)
      .optional()
      .describe('Brand colours, primary first: saved in the brand kit and applied to the video'),
    font: z.enum(BRAND_FONTS).optional().describe('The brand font (saved in the kit, applied)'),
    logo: z
      .union([z.enum(LOGO_CORNERS), z.literal('none')])
      .optional()
      .describe('The brand logo: into this corner (saved in the kit), or none on this video'),
    useKit: z.boolean().optional().describe('true: apply the whole saved brand kit to the video'),
    kit: z
      .optional(brandKitSchema)
      .describe('The visitor’s saved brand kit; filled in by the engine, never from words'),
    said,
  })
  .describe('The visitor’s brand kit: colours, font, logo corner (docs/http-api.md#brand-kit)');

export const undoOpSchema = z
  .object({ op: z.literal('undo'), said })
  .describe('Go back to the previous version');

/** One edit (see the module doc). */
export const editOpSchema = z.discriminatedUnion('op', [
  setDurationOpSchema,
  setAspectOpSchema,
  setTitleOpSchema,
  setTextStyleOpSchema,
  addOverlayOpSchema,
  removeTextOpSchema,
  setMusicOpSchema,
  setClipSoundOpSchema,
  setTransitionOpSchema,
  setLookOpSchema,
  setSceneryOpSchema,
  setSceneTextOpSchema,
  moveSceneOpSchema,
  removeSceneOpSchema,
  setPaceOpSchema,
  setPositionOpSchema,
  setNarrationOpSchema,
  setTextAnimationOpSchema,
  setBrandOpSchema,
  undoOpSchema,
]);

export type EditOp = z.infer<typeof editOpSchema>;
/** The op of one kind: `EditOpOf<'set-music'>`. */
export type EditOpOf<K extends EditOp['op']> = Extract<EditOp, { op: K }>;
