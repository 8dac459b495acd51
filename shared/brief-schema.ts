/**
 * @module brief-schema
 * What a visitor asks for when they ask for a new video, read once from their message: the
 * subject and script, the length and frame, the look and music, the uploads to use. The
 * embedded director's planners take a `Brief` (never the message text); a language-model
 * director will fill the same schema as a tool call, so every field has bounds and a description.
 */
import { z } from 'zod';
import {
  MAX_DRAFT_DURATION_MS,
  MAX_ID_CHARS,
  MAX_SEGMENT_TEXT_CHARS,
  MAX_TITLE_CHARS,
  MIN_DRAFT_DURATION_MS,
} from './draft-schema';
import { MAX_PALETTE_NAME_CHARS, aspectSchema, musicMoodSchema } from './edit-op-schema';
import { scenerySchema } from './scene-layers-schema';

/** Most scenes a brief lists: 40 keeps a timeline readable and a 10-minute video at ≥ 15 s per scene. */
export const MAX_BRIEF_SCENES = 40;
/** Most uploads a brief names: a session's upload limit is far below this. */
const MAX_BRIEF_MEDIA = 1_000;

const durationMs = z.number().int().min(MIN_DRAFT_DURATION_MS).max(MAX_DRAFT_DURATION_MS);

/** One new video (or, with `batch`, one per upload). */
export const briefSchema = z
  .object({
    source: z
      .enum(['words', 'uploads'])
      .describe('words: a storyboard of generated scenes; uploads: a cut of the visitor’s media'),
    language: z.enum(['en', 'zh']).describe('Language of the request and of the words on screen'),
    title: z
      .string()
      .min(1)
      .max(MAX_TITLE_CHARS)
      .optional()
      .describe('Title of the video; from uploads without one, the first upload’s name'),
    topic: z
      .string()
      .max(MAX_TITLE_CHARS)
      .optional()
      .describe('What the video is about, when the request names it ("dog grooming")'),
    scenes: z
      .array(z.string().min(1).max(MAX_SEGMENT_TEXT_CHARS))
      .max(MAX_BRIEF_SCENES)
      .describe('The text of each scene after the title, in order (empty for uploads)'),
    fromScript: z
      .boolean()
      .describe('true when the scenes are the visitor’s script, false when outlined from a topic'),
    durationMs: durationMs
      .optional()
      .describe('Length of the whole video, integer ms; default 30 s (uploads: their own length)'),
    eachSceneMs: z
      .number()
      .int()
      .min(1)
      .max(MAX_DRAFT_DURATION_MS)
      .optional()
      .describe('Length of every upload’s scene, integer ms ("each clip 5 seconds")'),
    aspect: aspectSchema.optional().describe('Frame shape; default landscape 1920x1080'),
    palette: z
      .string()
      .min(1)
      .max(MAX_PALETTE_NAME_CHARS)
      .describe('Colour palette by name (e.g. "Ocean"), chosen from the mood of the request'),
    mood: musicMoodSchema,
    musicVolume: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe('Background music level as a gain 0..1; default 0.35'),
    clipSound: z
      .boolean()
      .describe('Keep the uploaded clips’ own sound under the music (false: muted)'),
    mediaIds: z
      .array(z.string().min(1).max(MAX_ID_CHARS))
      .max(MAX_BRIEF_MEDIA)
      .describe('The uploads to show, in the order they appear (empty for a storyboard)'),
    scenery: z
      .optional(scenerySchema)
      .describe('What the scenes paint (sunset sky over a skyline…); without it, gradient scenes'),
    narration: z
      .boolean()
      .describe('The visitor asked for a voice-over (kept for a narrating director; unused yet)'),
  })
  .describe('A new video to plan');

export type Brief = z.infer<typeof briefSchema>;
