/**
 * @module draft-schema
 * The draft (timeline): the single source of truth for what a video is, shared by the edge
 * (director, engines, storage) and the browser (timeline view, preview, export renderer).
 *
 * Units: every time is an integer number of milliseconds (`startMs`, `durationMs`), every
 * length on the canvas is in pixels, positions are fractions (0..1) of the canvas, volumes are
 * gains (0..1). Colours are CSS hex strings (`#rrggbb`).
 */
import { z } from 'zod';

/** Longest video we plan or render: 10 minutes (keeps a browser export within memory). */
export const MAX_DRAFT_DURATION_MS = 600_000;
/** Shortest video: one second; anything shorter cannot carry a readable scene. */
export const MIN_DRAFT_DURATION_MS = 1_000;

const ms = z.number().int().nonnegative();
const positiveMs = z.number().int().positive();
const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'expected a #rrggbb colour');
const fraction = z.number().min(0).max(1);

/** Output frame: 1920x1080 (16:9), 1080x1920 (9:16) or 1080x1080 (1:1) at 30 fps by default. */
export const canvasSchema = z.object({
  width: z.number().int().min(16).max(3840),
  height: z.number().int().min(16).max(3840),
  fps: z.number().int().min(1).max(60),
});

/** How one segment enters over the previous one on the same track. */
export const transitionSchema = z.object({
  kind: z.enum(['cut', 'crossfade', 'slide', 'wipe']),
  durationMs: ms,
});

/** The video's look: palette and typography, picked once per draft by the director. */
export const lookSchema = z.object({
  paletteName: z.string().min(1),
  /** Background gradient stops, top-left to bottom-right. */
  background: z.array(hexColor).min(1).max(4),
  text: hexColor,
  accent: hexColor,
  /** CSS font family list, e.g. `"Inter", "Noto Sans SC", sans-serif`. */
  fontFamily: z.string().min(1),
});

/** A picture generated from the look, not from a file: gradient, an icon, gentle motion. */
export const generatedVisualSchema = z.object({
  type: z.literal('generated'),
  /** Lucide icon name in kebab-case (e.g. `rocket`), or null for none. */
  icon: z.string().nullable(),
  motion: z.enum(['none', 'zoom-in', 'zoom-out', 'pan-left', 'pan-right']),
  /** Gradient stops overriding the look's background for this scene. */
  background: z.array(hexColor).min(1).max(4).optional(),
});

/** A picture from an uploaded file (video or image), referenced by its upload id. */
export const mediaVisualSchema = z.object({
  type: z.literal('media'),
  mediaId: z.string().min(1),
  /** Where in the source the segment starts. */
  sourceStartMs: ms.default(0),
  fit: z.enum(['cover', 'contain']).default('cover'),
  motion: z.enum(['none', 'zoom-in', 'zoom-out', 'pan-left', 'pan-right']).default('none'),
});

const segmentBase = {
  id: z.string().min(1),
  startMs: ms,
  durationMs: positiveMs,
};

/** A segment on a video track: one scene's picture. */
export const videoSegmentSchema = z.object({
  ...segmentBase,
  /** What a person reads in the timeline: "Scene 2: faster onboarding". */
  label: z.string(),
  visual: z.discriminatedUnion('type', [generatedVisualSchema, mediaVisualSchema]),
  transitionIn: transitionSchema.optional(),
});

/** Music generated in the browser from a mood (no file needed). */
export const generatedMusicSchema = z.object({
  type: z.literal('generated-music'),
  mood: z.enum(['calm', 'upbeat', 'lofi']),
  /** Beats per minute. */
  tempoBpm: z.number().int().min(40).max(200),
});

export const mediaAudioSchema = z.object({
  type: z.literal('media'),
  mediaId: z.string().min(1),
  sourceStartMs: ms.default(0),
});

/** A segment on an audio track: background music or an uploaded sound. */
export const audioSegmentSchema = z.object({
  ...segmentBase,
  label: z.string(),
  source: z.discriminatedUnion('type', [generatedMusicSchema, mediaAudioSchema]),
  /** Gain 0..1; 0.35 is the default background-music level. */
  volume: fraction,
  fadeInMs: ms,
  fadeOutMs: ms,
});

/** Text style; sizes in px at the canvas resolution. */
export const textStyleSchema = z.object({
  fontFamily: z.string().min(1),
  fontWeight: z.number().int().min(100).max(900),
  fontSizePx: z.number().int().min(8).max(400),
  color: hexColor,
  /** Optional box behind the text for legibility. */
  backgroundColor: hexColor.nullable(),
});

/** Anchor of a text block: `x`,`y` are fractions of the canvas; `maxWidth` a fraction of width. */
export const textPositionSchema = z.object({
  x: fraction,
  y: fraction,
  maxWidth: z.number().gt(0).max(1),
  align: z.enum(['left', 'center', 'right']),
});

/** A segment on a text track: a title, a caption, or an overlay the visitor asked for. */
export const textSegmentSchema = z.object({
  ...segmentBase,
  role: z.enum(['title', 'caption', 'overlay']),
  /** The text as drawn; `\n` forces a line break, other breaks are made by wrapping. */
  text: z.string().min(1).max(500),
  style: textStyleSchema,
  position: textPositionSchema,
  animation: z.enum(['none', 'fade', 'kinetic']),
});

export const videoTrackSchema = z.object({
  id: z.string().min(1),
  kind: z.literal('video'),
  /** Shown in the summary line: "Video: <name>". */
  name: z.string(),
  segments: z.array(videoSegmentSchema),
});
export const audioTrackSchema = z.object({
  id: z.string().min(1),
  kind: z.literal('audio'),
  name: z.string(),
  segments: z.array(audioSegmentSchema),
});
export const textTrackSchema = z.object({
  id: z.string().min(1),
  kind: z.literal('text'),
  name: z.string(),
  segments: z.array(textSegmentSchema),
});

export const trackSchema = z.discriminatedUnion('kind', [videoTrackSchema, audioTrackSchema, textTrackSchema]);

/**
 * The whole draft. `durationMs` is the video's length; no segment may end after it
 * (checked by {@link draftSchema}'s refinement).
 */
export const draftSchema = z
  .object({
    title: z.string().max(200),
    canvas: canvasSchema,
    durationMs: z.number().int().min(MIN_DRAFT_DURATION_MS).max(MAX_DRAFT_DURATION_MS),
    look: lookSchema,
    tracks: z.array(trackSchema).max(32),
  })
  .superRefine((draft, ctx) => {
    for (const track of draft.tracks) {
      for (const segment of track.segments) {
        if (segment.startMs + segment.durationMs > draft.durationMs) {
          ctx.addIssue({
            code: 'custom',
            message: `segment ${segment.id} ends after the draft (${segment.startMs + segment.durationMs} > ${draft.durationMs} ms)`,
            path: ['tracks'],
          });
        }
      }
    }
  });

export type Canvas = z.infer<typeof canvasSchema>;
export type Transition = z.infer<typeof transitionSchema>;
export type Look = z.infer<typeof lookSchema>;
export type VideoSegment = z.infer<typeof videoSegmentSchema>;
export type AudioSegment = z.infer<typeof audioSegmentSchema>;
export type TextSegment = z.infer<typeof textSegmentSchema>;
export type TextStyle = z.infer<typeof textStyleSchema>;
export type VideoTrack = z.infer<typeof videoTrackSchema>;
export type AudioTrack = z.infer<typeof audioTrackSchema>;
export type TextTrack = z.infer<typeof textTrackSchema>;
export type Track = z.infer<typeof trackSchema>;
export type Draft = z.infer<typeof draftSchema>;
export type MusicMood = z.infer<typeof generatedMusicSchema>['mood'];
