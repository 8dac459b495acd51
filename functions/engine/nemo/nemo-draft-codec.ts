/**
 * @module nemo-draft-codec
 * Maps our draft ({@link Draft}) to and from the remote short-key draft (docs/remote-api.md):
 * `t` tracks, `tt` track type (0 video, 1 audio, 7 text), `sg` segments, `d` duration in ms,
 * `m` metadata. The contract names no more keys, so this codec fixes the rest and documents it:
 *
 * ```
 * { d: 10000, m: { title, w, h, fps, rw? }, t: [
 *   { tt: 0, id, n: "city timelapse", sg: [ { id, s: 0, d: 10000, m: { label, src?, rw? } } ] },
 *   { tt: 1, id, n: "Lo-fi",          sg: [ { id, s: 0, d: 10000, m: { label, volume: 0.35, src?, rw? } } ] },
 *   { tt: 7, id, n: "Titles",         sg: [ { id, s: 0, d: 3000,  m: { text: "Urban Dreams", role?, rw? } } ] } ] }
 * ```
 * `s` is a segment's start in ms. `m.rw` carries our own fields (look, style, position…) so a
 * draft we send comes back whole; a draft the backend made without them is filled with
 * defaults. Decoding never throws: an unusable upstream draft decodes to null, and one over the
 * draft's size budget (shared/draft-schema.ts) to null with the reason, so the engine can say so;
 * labels, names and ids longer than the draft allows are cut to fit.
 */
import { z } from 'zod';
import {
  MAX_DRAFT_DURATION_MS,
  MAX_DRAFT_SEGMENTS,
  MAX_ID_CHARS,
  MAX_NAME_CHARS,
  MAX_SEGMENT_TEXT_CHARS,
  MAX_TITLE_CHARS,
  MIN_DRAFT_DURATION_MS,
  audioSegmentSchema,
  draftSchema,
  draftTooLargeMessage,
  lookSchema,
  textSegmentSchema,
  videoSegmentSchema,
} from '../../../shared/draft-schema';
import type {
  AudioSegment,
  Draft,
  Look,
  TextSegment,
  Track,
  VideoSegment,
} from '../../../shared/draft-schema';

/** Short-key track types (docs/remote-api.md#short-key-drafts). */
export const TRACK_TYPE = { video: 0, audio: 1, text: 7 } as const;

/** Canvas when the upstream draft names none (docs/design-decisions.md#draft-defaults). */
export const DEFAULT_CANVAS = { width: 1920, height: 1080, fps: 30 } as const;
/** Music level when the upstream gives none (docs/design-decisions.md#draft-defaults). */
export const DEFAULT_VOLUME = 0.35;

/** The look of drafts the backend made (it has no palette of its own). */
export const UPSTREAM_LOOK: Look = {
  paletteName: 'Studio',
  background: ['#1f2937', '#111827'],
  text: '#ffffff',
  accent: '#f59e0b',
  fontFamily: '"Inter", "Noto Sans SC", sans-serif',
};

const meta = z.record(z.string(), z.unknown());
const shortSegmentSchema = z.object({
  id: z.union([z.string(), z.number()]).optional(),
  s: z.number().nonnegative().optional(),
  d: z.number().positive(),
  m: meta.optional(),
});
const shortTrackSchema = z.object({
  tt: z.number().int(),
  id: z.union([z.string(), z.number()]).optional(),
  n: z.string().optional(),
  sg: z.array(shortSegmentSchema).default([]),
  m: meta.optional(),
});
/** The short-key draft as the API stores it (unknown keys are dropped). */
export const shortDraftSchema = z.object({
  d: z.number().positive().optional(),
  m: meta.optional(),
  t: z.array(shortTrackSchema).default([]),
});
export type ShortDraft = z.infer<typeof shortDraftSchema>;
type ShortSegment = z.infer<typeof shortSegmentSchema>;
type ShortTrack = z.infer<typeof shortTrackSchema>;

const rootRwSchema = z.object({ look: lookSchema });

/**
 * Encodes our draft in short keys (lossless: {@link decodeDraft} gives it back equal).
 * @example encodeDraft(draft).t[0]?.tt // 0 for a video track
 */
export function encodeDraft(draft: Draft): ShortDraft {
  return {
    d: draft.durationMs,
    m: {
      title: draft.title,
      w: draft.canvas.width,
      h: draft.canvas.height,
      fps: draft.canvas.fps,
      rw: { look: draft.look },
    },
    t: draft.tracks.map((track) => ({
      tt: TRACK_TYPE[track.kind],
      id: track.id,
      n: track.name,
      sg: track.segments.map((segment) => encodeSegment(segment)),
    })),
  };
}

function encodeSegment(segment: VideoSegment | AudioSegment | TextSegment): ShortSegment {
  const { id, startMs, durationMs, ...rest } = segment;
  const m: Record<string, unknown> = { rw: rest };
  if ('label' in segment) m.label = segment.label;
  if ('text' in segment) {
    m.text = segment.text;
    m.role = segment.role;
  }
  if ('volume' in segment) m.volume = segment.volume;
  if ('visual' in segment && segment.visual.type === 'media') m.src = segment.visual.mediaId;
  if ('source' in segment && segment.source.type === 'media') m.src = segment.source.mediaId;
  return { id, s: startMs, d: durationMs, m };
}

/** What {@link decodeDraft} made of an upstream draft: the draft, or null and, when it was too large, why. */
export interface DecodedDraft {
  draft: Draft | null;
  /** Set when the draft is over the size budget ("it has 260 segments, and at most 200 fit"). */
  tooLarge: string | null;
}

/**
 * Decodes a short-key draft (as read from the API's state) into our schema.
 * @param value the `draft` field of the state answer (untrusted).
 * @returns the draft; or null when there is none or it cannot be made valid, with `tooLarge`
 *   saying why when it is over the size budget (never thrown).
 */
export function decodeDraft(value: unknown): DecodedDraft {
  const parsed = shortDraftSchema.safeParse(value);
  if (!parsed.success) return { draft: null, tooLarge: null };
  const short = parsed.data;
  const segmentCount = short.t.reduce((sum, track) => sum + track.sg.length, 0);
  if (segmentCount > MAX_DRAFT_SEGMENTS) {
    return {
      draft: null,
      tooLarge: `it has ${segmentCount} segments, and at most ${MAX_DRAFT_SEGMENTS} fit`,
    };
  }
  const m = short.m ?? {};
  const rootRw = rootRwSchema.safeParse(m.rw);
  const look = rootRw.success ? rootRw.data.look : UPSTREAM_LOOK;
  const canvas = {
    width: intOr(m.w, DEFAULT_CANVAS.width),
    height: intOr(m.h, DEFAULT_CANVAS.height),
    fps: intOr(m.fps, DEFAULT_CANVAS.fps),
  };
  const tracks: Track[] = [];
  short.t.forEach((track, index) => {
    const decoded = decodeTrack(track, index, look, canvas.height);
    if (decoded !== null) tracks.push(decoded);
  });
  const lastEnd = Math.max(
    0,
    ...tracks.flatMap((track) => track.segments.map((s) => s.startMs + s.durationMs)),
  );
  const durationMs = Math.min(
    MAX_DRAFT_DURATION_MS,
    Math.max(MIN_DRAFT_DURATION_MS, Math.round(short.d ?? 0), lastEnd),
  );
  const draft = draftSchema.safeParse({
    title: typeof m.title === 'string' ? m.title.slice(0, MAX_TITLE_CHARS) : '',
    canvas,
    durationMs,
    look,
    tracks,
  });
  return draft.success
    ? { draft: draft.data, tooLarge: null }
    : { draft: null, tooLarge: draftTooLargeMessage(draft.error) };
}

function decodeTrack(
  track: ShortTrack,
  index: number,
  look: Look,
  canvasHeight: number,
): Track | null {
  const id = track.id === undefined ? `t${index + 1}` : String(track.id).slice(0, MAX_ID_CHARS);
  const name = (fallback: string): string => (track.n ?? fallback).slice(0, MAX_NAME_CHARS);
  const segments = track.sg.map((segment, i) => ({
    segment,
    base: {
      id:
        segment.id === undefined
          ? `${id}-s${i + 1}`.slice(-MAX_ID_CHARS)
          : String(segment.id).slice(0, MAX_ID_CHARS),
      startMs: Math.round(segment.s ?? 0),
      durationMs: Math.max(1, Math.round(segment.d)),
    },
    m: segment.m ?? {},
  }));
  switch (track.tt) {
    case TRACK_TYPE.video:
      return {
        id,
        kind: 'video',
        name: name('Video'),
        segments: segments.map(
          ({ base, m }) =>
            withRw(videoSegmentSchema, base, m) ?? {
              ...base,
              label: textOr(m.label, 'Clip'),
              visual:
                typeof m.src === 'string' && m.src !== ''
                  ? {
                      type: 'media',
                      mediaId: m.src,
                      sourceStartMs: 0,
                      fit: 'cover',
                      motion: 'none',
                    }
                  : { type: 'generated', icon: null, motion: 'none' },
            },
        ),
      };
    case TRACK_TYPE.audio:
      return {
        id,
        kind: 'audio',
        name: name('Music'),
        segments: segments.map(
          ({ base, m }) =>
            withRw(audioSegmentSchema, base, m) ?? {
              ...base,
              label: textOr(m.label, track.n ?? 'Music'),
              source:
                typeof m.src === 'string' && m.src !== ''
                  ? { type: 'media', mediaId: m.src, sourceStartMs: 0 }
                  : {
                      type: 'generated-music',
                      mood: /lo-?fi/i.test(`${track.n ?? ''} ${textOr(m.label, '')}`)
                        ? 'lofi'
                        : 'calm',
                      tempoBpm: 80,
                    },
              volume: volumeOf(m.volume),
              fadeInMs: 0,
              fadeOutMs: 0,
            },
        ),
      };
    case TRACK_TYPE.text:
      return {
        id,
        kind: 'text',
        name: name('Text'),
        segments: segments.flatMap(({ base, m }) => {
          const whole = withRw(textSegmentSchema, base, m);
          if (whole !== null) return [whole];
          const text = textOr(m.text, '', MAX_SEGMENT_TEXT_CHARS);
          if (text === '') return [];
          const role =
            m.role === 'title' || m.role === 'caption' || m.role === 'overlay'
              ? m.role
              : base.startMs === 0
                ? 'title'
                : 'caption';
          return [defaultTextSegment(base, text, role, look, canvasHeight)];
        }),
      };
    default:
      return null;
  }
}

function defaultTextSegment(
  base: { id: string; startMs: number; durationMs: number },
  text: string,
  role: TextSegment['role'],
  look: Look,
  canvasHeight: number,
): TextSegment {
  const title = role === 'title';
  return {
    ...base,
    role,
    text,
    style: {
      fontFamily: look.fontFamily,
      fontWeight: title ? 800 : 600,
      // Title about 8 % and captions about 4.5 % of the canvas height (readable on a phone).
      fontSizePx: Math.max(8, Math.min(400, Math.round(canvasHeight * (title ? 0.08 : 0.045)))),
      color: look.text,
      backgroundColor: title ? null : '#000000',
    },
    position: {
      x: 0.5,
      y: title ? 0.45 : role === 'caption' ? 0.85 : 0.2,
      maxWidth: 0.85,
      align: 'center',
    },
    animation: 'fade',
  };
}

/** Our segment back from `m.rw` when it is there and valid with the short-key timing. */
function withRw<T>(
  schema: z.core.$ZodType<T>,
  base: { id: string; startMs: number; durationMs: number },
  m: Record<string, unknown>,
): T | null {
  const rw = meta.safeParse(m.rw);
  if (!rw.success) return null;
  const merged: Record<string, unknown> = { ...rw.data, ...base };
  // Fields the backend may have edited in the generic keys win over the stored copy.
  if (typeof m.text === 'string' && m.text !== '') merged.text = m.text;
  if (typeof m.label === 'string') merged.label = m.label;
  if (typeof m.volume === 'number') merged.volume = volumeOf(m.volume);
  const parsed = z.safeParse(schema, merged);
  return parsed.success ? parsed.data : null;
}

function intOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.round(value) : fallback;
}

/** `value` when it is a non-blank string, else `fallback`; at most `MAX_NAME_CHARS` (labels) unless `maxChars` says otherwise. */
function textOr(value: unknown, fallback: string, maxChars = MAX_NAME_CHARS): string {
  return (typeof value === 'string' && value.trim() !== '' ? value : fallback).slice(0, maxChars);
}

/** A gain 0..1 from 0..1 or a percentage (35 → 0.35). */
function volumeOf(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return DEFAULT_VOLUME;
  return Math.min(1, value > 1 ? value / 100 : value);
}
