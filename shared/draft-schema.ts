/**
 * @module draft-schema
 * The draft (timeline): the single source of truth for what a video is, shared by the edge
 * (director, engines, storage) and the browser (timeline view, preview, export renderer).
 *
 * Units: every time is an integer number of milliseconds (`startMs`, `durationMs`), every
 * length on the canvas is in pixels, positions are fractions (0..1) of the canvas, volumes are
 * gains (0..1). Colours are CSS hex strings (`#rrggbb`).
 *
 * Size: a draft is stored whole as one SQLite value (each draft version, each render job, each
 * `draft` event), and Durable Object SQLite refuses a string over {@link SQLITE_MAX_VALUE_BYTES}.
 * So every list and string is bounded: tracks, segments in all ({@link MAX_DRAFT_SEGMENTS}), text
 * in all ({@link MAX_DRAFT_TEXT_CHARS}), and the length of each id, name and text. With every
 * bound at its worst (and every character escaped as `\u0000` in JSON) a draft is about 0.4 MB
 * (shared/draft-schema-size.test.ts measures it). A batch (batch-schema.ts) has the same budget.
 */
import * as z from 'zod/mini';
import { sceneLayersSchema } from './scene-layers-schema';
import {
  MAX_DRAFT_ILLUSTRATION_CHARS,
  illustrationChars,
  illustrationSchema,
} from './illustration-schema';
import { speechSourceSchema } from './narration-schema';
import { detectedBeatSchema } from './media-schema';
import { LOGO_CORNERS } from './brand-kit-schema';

/** Longest video we plan or render: 10 minutes (keeps a browser export within memory). */
export const MAX_DRAFT_DURATION_MS = 600_000;
/** Shortest video: one second; anything shorter cannot carry a readable scene. */
export const MIN_DRAFT_DURATION_MS = 1_000;

/**
 * Durable Object SQLite's largest string, BLOB or row, bytes: 2 MB (Cloudflare docs,
 * developers.cloudflare.com/durable-objects/platform/limits/, "Maximum string, BLOB or table row size").
 */
export const SQLITE_MAX_VALUE_BYTES = 2_000_000;
/** Most tracks in one draft: 32; the director makes at most 5, the rest is room for the remote API's. */
export const MAX_DRAFT_TRACKS = 32;
/**
 * Most segments in one draft, all tracks together (and in one batch, all items together): 200.
 * The director's largest plan, a 10-minute video from 66 uploads, has 3 per scene (picture,
 * overlay, clip sound) plus a title and music; a 40-scene storyboard has about 83.
 */
export const MAX_DRAFT_SEGMENTS = 200;
/** Longest text of one text segment, characters: a long caption; more does not fit on screen. */
export const MAX_SEGMENT_TEXT_CHARS = 500;
/**
 * Most text in one draft (one batch), characters, all text segments together: 10,000 (about
 * 1,600 words). The director's 40 captions of at most 70 characters use under 3,000.
 */
export const MAX_DRAFT_TEXT_CHARS = 10_000;
/** Longest id of a track, a segment or an upload, characters: ours are UUIDs (36) or short slugs. */
export const MAX_ID_CHARS = 64;
/** Longest label, track name, palette, icon or font family list, characters: one line in the timeline. */
export const MAX_NAME_CHARS = 100;
/** Longest draft title, characters. */
export const MAX_TITLE_CHARS = 200;

/** `params` of a custom issue that means "the draft (or batch) is too large" (see {@link draftTooLargeMessage}). */
export const TOO_LARGE = { tooLarge: true } as const;
/** An id (of a track, a segment or an upload). */
export const draftIdSchema = z
  .string()
  .check(
    z.minLength(1),
    z.maxLength(MAX_ID_CHARS, { message: `an id is longer than ${MAX_ID_CHARS} characters` }),
  );
/** A label, track name, palette, icon or font family list. */
export const draftNameSchema = z.string().check(
  z.maxLength(MAX_NAME_CHARS, {
    message: `a name or label is longer than ${MAX_NAME_CHARS} characters`,
  }),
);
const ms = z.number().check(z.int(), z.nonnegative());
const positiveMs = z.number().check(z.int(), z.positive());
const hexColor = z.string().check(z.regex(/^#[0-9a-fA-F]{6}$/, 'expected a #rrggbb colour'));
const fraction = z.number().check(z.minimum(0), z.maximum(1));

/** Output frame: 1920x1080 (16:9), 1080x1920 (9:16) or 1080x1080 (1:1) at 30 fps by default. */
export const canvasSchema = z.object({
  width: z.number().check(z.int(), z.minimum(16), z.maximum(3840)),
  height: z.number().check(z.int(), z.minimum(16), z.maximum(3840)),
  fps: z.number().check(z.int(), z.minimum(1), z.maximum(60)),
});

/** The transitions the frame function draws (web/render/draw-transition.ts). */
export const TRANSITION_KINDS = [
  'cut',
  'crossfade',
  'slide',
  'wipe',
  'zoom',
  'whip',
  'dip',
] as const;

/**
 * How one segment enters over the previous one on the same track. `color` is what a `dip`
 * passes through (black when absent); other kinds ignore it.
 */
export const transitionSchema = z.object({
  kind: z.enum(TRANSITION_KINDS),
  durationMs: ms,
  color: z.optional(hexColor),
});

/** The video's look: palette and typography, picked once per draft by the director. */
export const lookSchema = z.object({
  paletteName: draftNameSchema.check(z.minLength(1)),
  /** Background gradient stops, top-left to bottom-right. */
  background: z.array(hexColor).check(z.minLength(1), z.maxLength(4)),
  text: hexColor,
  accent: hexColor,
  /** CSS font family list, e.g. `"Inter", "Noto Sans SC", sans-serif`. */
  fontFamily: draftNameSchema.check(z.minLength(1)),
});

/**
 * How a scene arranges its words and its illustration, picked from the text's shape
 * (functions/engine/embedded/pick-layout.ts): `title` card, `headline` with body, `bullets`
 * revealed one by one, a `big-number`, a `quote`, `split` (illustration beside the text), and an
 * `end-card` with a call to action. Absent: `headline`.
 */
export const sceneLayoutSchema = z.enum([
  'title',
  'headline',
  'bullets',
  'big-number',
  'quote',
  'split',
  'end-card',
]);

/** What opens each item of a caption in the `bullets` layout; the renderer reveals such items one by one. */
export const BULLET_MARK = '• ';

/**
 * The visitor's logo over every scene, from their brand kit (brand-kit-schema.ts): an image
 * upload of one of their sessions (not necessarily this one), drawn small in a corner. A logo the
 * renderer cannot download (deleted, or not the visitor's) is left out, never fatal.
 */
export const draftLogoSchema = z.object({
  sessionId: z.uuid(),
  mediaId: z.uuid(),
  corner: z.enum(LOGO_CORNERS),
});

/** A picture generated from the look, not from a file: gradient, an icon, gentle motion. */
export const generatedVisualSchema = z.object({
  type: z.literal('generated'),
  /** Lucide icon name in kebab-case (e.g. `rocket`), or null for none; not drawn under an illustration. */
  icon: z.nullable(draftNameSchema),
  motion: z.enum(['none', 'zoom-in', 'zoom-out', 'pan-left', 'pan-right']),
  /** Gradient stops overriding the look's background for this scene. */
  background: z.optional(z.array(hexColor).check(z.minLength(1), z.maxLength(4))),
  /** The scene's hero picture (illustration-schema.ts). */
  illustration: z.optional(illustrationSchema),
  layout: z.optional(sceneLayoutSchema),
});

/**
 * A painted scene (sky, landscape, space, interior or abstract layers, see scene-layers-schema.ts)
 * with parallax camera motion: what the director draws when the words name a subject.
 */
export const sceneVisualSchema = z.object({
  type: z.literal('scene'),
  scene: sceneLayersSchema,
  motion: z.enum(['none', 'zoom-in', 'zoom-out', 'pan-left', 'pan-right']),
  /** The scene's hero picture, drawn over the painted layers. */
  illustration: z.optional(illustrationSchema),
  layout: z.optional(sceneLayoutSchema),
});

/** A picture from an uploaded file (video or image), referenced by its upload id. */
export const mediaVisualSchema = z.object({
  type: z.literal('media'),
  mediaId: draftIdSchema,
  /** Where in the source the segment starts. */
  sourceStartMs: z._default(ms, 0),
  fit: z._default(z.enum(['cover', 'contain']), 'cover'),
  motion: z._default(z.enum(['none', 'zoom-in', 'zoom-out', 'pan-left', 'pan-right']), 'none'),
});

const segmentBase = {
  id: draftIdSchema,
  startMs: ms,
  durationMs: positiveMs,
};

/** A segment on a video track: one scene's picture. */
export const videoSegmentSchema = z.object({
  ...segmentBase,
  /** What a person reads in the timeline: "Scene 2: faster onboarding". */
  label: draftNameSchema,
  visual: z.discriminatedUnion('type', [
    generatedVisualSchema,
    sceneVisualSchema,
    mediaVisualSchema,
  ]),
  transitionIn: z.optional(transitionSchema),
});

/** Music generated in the browser from a mood (no file needed). */
export const generatedMusicSchema = z.object({
  type: z.literal('generated-music'),
  mood: z.enum(['calm', 'upbeat', 'lofi']),
  /** Beats per minute. */
  tempoBpm: z.number().check(z.int(), z.minimum(40), z.maximum(200)),
});

export const mediaAudioSchema = z.object({
  type: z.literal('media'),
  mediaId: draftIdSchema,
  sourceStartMs: z._default(ms, 0),
  /** Its beat, when detected: scene cuts are snapped to it (shared/beat-grid.ts). */
  beat: z.optional(detectedBeatSchema),
});

/** A segment on an audio track: background music, an uploaded sound, or narration (narration-schema.ts). */
export const audioSegmentSchema = z.object({
  ...segmentBase,
  label: draftNameSchema,
  source: z.discriminatedUnion('type', [
    generatedMusicSchema,
    mediaAudioSchema,
    speechSourceSchema,
  ]),
  /** Gain 0..1; 0.35 is the default background-music level. */
  volume: fraction,
  fadeInMs: ms,
  fadeOutMs: ms,
});

/** Text style; sizes in px at the canvas resolution. */
export const textStyleSchema = z.object({
  fontFamily: draftNameSchema.check(z.minLength(1)),
  fontWeight: z.number().check(z.int(), z.minimum(100), z.maximum(900)),
  fontSizePx: z.number().check(z.int(), z.minimum(8), z.maximum(400)),
  color: hexColor,
  /** Optional box behind the text for legibility. */
  backgroundColor: z.nullable(hexColor),
});

/** Anchor of a text block: `x`,`y` are fractions of the canvas; `maxWidth` a fraction of width. */
export const textPositionSchema = z.object({
  x: fraction,
  y: fraction,
  maxWidth: z.number().check(z.gt(0), z.maximum(1)),
  align: z.enum(['left', 'center', 'right']),
});

/** A segment on a text track: a title, a caption, or an overlay the visitor asked for. */
/**
 * How a text enters (web/render/draw-text.ts): `fade`, `kinetic` (word-by-word rise),
 * `typewriter` (typed in), `highlight` (a marker sweeps behind it), `pop` (springs in).
 */
export const TEXT_ANIMATIONS = [
  'none',
  'fade',
  'kinetic',
  'typewriter',
  'highlight',
  'pop',
] as const;

export const textSegmentSchema = z.object({
  ...segmentBase,
  role: z.enum(['title', 'caption', 'overlay']),
  /** The text as drawn; `\n` forces a line break, other breaks are made by wrapping. */
  text: z.string().check(
    z.minLength(1),
    z.maxLength(MAX_SEGMENT_TEXT_CHARS, {
      message: `a text is longer than ${MAX_SEGMENT_TEXT_CHARS} characters`,
    }),
  ),
  style: textStyleSchema,
  position: textPositionSchema,
  animation: z.enum(TEXT_ANIMATIONS),
});

const TOO_MANY_SEGMENTS = { message: `a track has more than ${MAX_DRAFT_SEGMENTS} segments` };

export const videoTrackSchema = z.object({
  id: draftIdSchema,
  kind: z.literal('video'),
  /** Shown in the summary line: "Video: <name>". */
  name: draftNameSchema,
  segments: z.array(videoSegmentSchema).check(z.maxLength(MAX_DRAFT_SEGMENTS, TOO_MANY_SEGMENTS)),
});
export const audioTrackSchema = z.object({
  id: draftIdSchema,
  kind: z.literal('audio'),
  name: draftNameSchema,
  segments: z.array(audioSegmentSchema).check(z.maxLength(MAX_DRAFT_SEGMENTS, TOO_MANY_SEGMENTS)),
});
export const textTrackSchema = z.object({
  id: draftIdSchema,
  kind: z.literal('text'),
  name: draftNameSchema,
  segments: z.array(textSegmentSchema).check(z.maxLength(MAX_DRAFT_SEGMENTS, TOO_MANY_SEGMENTS)),
});

export const trackSchema = z.discriminatedUnion('kind', [
  videoTrackSchema,
  audioTrackSchema,
  textTrackSchema,
]);

/**
 * The whole draft. `durationMs` is the video's length; no segment may end after it
 * (checked by {@link draftSchema}'s refinement).
 */
export const draftSchema = z
  .object({
    title: z.string().check(
      z.maxLength(MAX_TITLE_CHARS, {
        message: `the title is longer than ${MAX_TITLE_CHARS} characters`,
      }),
    ),
    canvas: canvasSchema,
    durationMs: z
      .number()
      .check(z.int(), z.minimum(MIN_DRAFT_DURATION_MS), z.maximum(MAX_DRAFT_DURATION_MS)),
    look: lookSchema,
    logo: z.optional(draftLogoSchema),
    tracks: z.array(trackSchema).check(
      z.maxLength(MAX_DRAFT_TRACKS, {
        message: `the video has more than ${MAX_DRAFT_TRACKS} tracks`,
      }),
    ),
  })
  .check(
    z.superRefine((draft, ctx) => {
      checkDraftBudget([draft], ctx);
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
    }),
  );

export type Canvas = z.infer<typeof canvasSchema>;
export type Transition = z.infer<typeof transitionSchema>;
export type Look = z.infer<typeof lookSchema>;
export type DraftLogo = z.infer<typeof draftLogoSchema>;
export type VideoSegment = z.infer<typeof videoSegmentSchema>;
export type SceneVisual = z.infer<typeof sceneVisualSchema>;
export type SceneLayout = z.infer<typeof sceneLayoutSchema>;
export type AudioSegment = z.infer<typeof audioSegmentSchema>;
export type TextSegment = z.infer<typeof textSegmentSchema>;
export type TextStyle = z.infer<typeof textStyleSchema>;
export type VideoTrack = z.infer<typeof videoTrackSchema>;
export type AudioTrack = z.infer<typeof audioTrackSchema>;
export type TextTrack = z.infer<typeof textTrackSchema>;
export type Track = z.infer<typeof trackSchema>;
export type Draft = z.infer<typeof draftSchema>;
export type MusicMood = z.infer<typeof generatedMusicSchema>['mood'];

/**
 * Adds a "too large" issue to `ctx` when `drafts` together have more than
 * {@link MAX_DRAFT_SEGMENTS} segments, {@link MAX_DRAFT_TEXT_CHARS} characters of text, shown
 * or spoken, or {@link MAX_DRAFT_ILLUSTRATION_CHARS} of illustrations' shapes (one draft, or
 * every item of a batch).
 */
export function checkDraftBudget(
  drafts: ReadonlyArray<Pick<Draft, 'tracks'>>,
  ctx: z.core.$RefinementCtx,
): void {
  let segments = 0;
  let textChars = 0;
  let illustrationData = 0;
  for (const draft of drafts) {
    for (const track of draft.tracks) {
      segments += track.segments.length;
      if (track.kind === 'video')
        for (const { visual } of track.segments)
          if (visual.type !== 'media' && visual.illustration)
            illustrationData += illustrationChars(visual.illustration);
      if (track.kind === 'text')
        for (const segment of track.segments) textChars += segment.text.length;
      if (track.kind === 'audio')
        for (const segment of track.segments)
          if (segment.source.type === 'speech') textChars += segment.source.text.length;
    }
  }
  if (segments > MAX_DRAFT_SEGMENTS) {
    ctx.addIssue({
      code: 'custom',
      message: `it has ${segments} segments, and at most ${MAX_DRAFT_SEGMENTS} fit`,
      params: TOO_LARGE,
      path: ['tracks'],
    });
  }
  if (illustrationData > MAX_DRAFT_ILLUSTRATION_CHARS) {
    ctx.addIssue({
      code: 'custom',
      message: `its illustrations have ${illustrationData} characters of shapes, and at most ${MAX_DRAFT_ILLUSTRATION_CHARS} fit`,
      params: TOO_LARGE,
      path: ['tracks'],
    });
  }
  if (textChars > MAX_DRAFT_TEXT_CHARS) {
    ctx.addIssue({
      code: 'custom',
      message: `its texts have ${textChars} characters, and at most ${MAX_DRAFT_TEXT_CHARS} fit`,
      params: TOO_LARGE,
      path: ['tracks'],
    });
  }
}

/**
 * The plain reason a draft or batch was refused for its size ("it has 260 segments, and at most
 * 200 fit"), or null when `error` is about something else.
 */
export function draftTooLargeMessage(error: z.core.$ZodError): string | null {
  const issue = error.issues.find((candidate) =>
    candidate.code === 'too_big'
      ? candidate.origin === 'string' || candidate.origin === 'array'
      : candidate.code === 'custom' && candidate.params?.tooLarge === true,
  );
  return issue?.message ?? null;
}
