/**
 * @module map-shotstack-edit
 * A Shotstack edit (https://shotstack.io/docs/api/#tocs_edit) turned into our draft where the two
 * overlap, checked first with Shotstack's own zod schema (`@shotstack/schemas/zod`, MIT). Text
 * clips (`title`, `text`, `rich-text`, `html`) become scenes and text overlays, `soundtrack`
 * becomes generated music, `output` the frame, clip times the segments' times, `transition.in`
 * our transitions. Anything else is refused, naming the field: remote files (we keep media in R2
 * and fetch nothing), merge fields, fonts, filters, offsets, … The table is docs/shotstack.md.
 * Pure and deterministic.
 */
import { editSchema } from '@shotstack/schemas/zod';
import { draftSchema } from '../../../shared/draft-schema';
import type {
  Canvas,
  Draft,
  MusicMood,
  TextSegment,
  Track,
  Transition,
  VideoSegment,
} from '../../../shared/draft-schema';
import type { z } from 'zod';
import { CANVAS_PRESETS } from '../embedded/parse-canvas';
import { paletteLookOrFirst } from '../embedded/pick-look';
import { musicSegment } from '../embedded/pick-music';
import { TEXT_MAX_WIDTH, clampFontPx, fontSizeFor, makeTextSegment } from '../embedded/text-layout';

/** Why an edit was refused: a code, the field's path inside the body (`shotstack.…`) and plain words. */
export interface ShotstackRefusal {
  code: 'shotstack_invalid' | 'shotstack_unsupported' | 'remote_media_refused';
  path: string;
  message: string;
}

export type ShotstackMapResult = { ok: true; draft: Draft } | ({ ok: false } & ShotstackRefusal);

/** Frame rates we render: Shotstack's whole-number ones (23.976, 29.97, 59.94 are refused). */
const WHOLE_FPS: ReadonlySet<number> = new Set([12, 15, 24, 25, 30, 48, 50, 60]);
/** Shotstack's `soundtrack.src` for our generated music: `reelwright:music/<mood>`. */
const MUSIC_SRC = /^reelwright:music\/(calm|upbeat|lofi)$/;
/** Shotstack's named title sizes, as a factor of our default size for the text's role. */
const TITLE_SIZE_FACTOR: Readonly<Record<string, number>> = {
  'xx-small': 0.5,
  'x-small': 0.65,
  small: 0.8,
  medium: 1,
  large: 1.25,
  'x-large': 1.5,
  'xx-large': 1.8,
};
/** Crossfade lengths for Shotstack's `fade`, `fadeSlow`, `fadeFast` (their docs: 1 s, 2 s, 0.5 s; ours stay short). */
const TRANSITION_MS = { normal: 500, Slow: 1_000, Fast: 250 } as const;
const HEX = /^#[0-9a-fA-F]{6}$/;
const TEXT_ASSETS = new Set(['title', 'text', 'rich-text', 'html']);
const MEDIA_ASSETS = new Set(['video', 'image', 'audio', 'luma', 'image-to-video']);

class Refused extends Error {
  constructor(readonly refusal: ShotstackRefusal) {
    super(refusal.message);
  }
}

type Obj = Record<string, unknown>;
type TextPosition = TextSegment['position'];

function unsupported(path: string, why: string): Refused {
  return new Refused({ code: 'shotstack_unsupported', path, message: `${path}: ${why}` });
}

/** Refuses the first key of `obj` that is not in `allowed`. */
function onlyKeys(obj: Obj, allowed: readonly string[], path: string): void {
  const extra = Object.keys(obj).find((key) => obj[key] !== undefined && !allowed.includes(key));
  if (extra !== undefined)
    throw unsupported(
      `${path}.${extra}`,
      'this field is not supported by Reelwright (docs/shotstack.md)',
    );
}

function obj(value: unknown): Obj {
  return typeof value === 'object' && value !== null ? (value as Obj) : {};
}

function seconds(value: unknown, path: string): number {
  if (typeof value !== 'number')
    throw unsupported(path, `"${String(value)}" is not supported: give a number of seconds`);
  return Math.round(value * 1_000);
}

function hexColour(value: unknown, path: string): string {
  if (typeof value !== 'string' || !HEX.test(value))
    throw unsupported(path, 'colours must be #rrggbb');
  return value.toLowerCase();
}

/** The frame from `output`: our three sizes (always 1080p), by aspect ratio or size. */
function canvasOf(output: Obj): Canvas {
  onlyKeys(output, ['format', 'resolution', 'aspectRatio', 'size', 'fps'], 'shotstack.output');
  if (output.format !== 'mp4')
    throw unsupported(
      'shotstack.output.format',
      `only "mp4" is rendered, not "${String(output.format)}"`,
    );
  const size = obj(output.size);
  const ratio =
    typeof size.width === 'number' && typeof size.height === 'number'
      ? size.width / size.height
      : null;
  const aspect = output.aspectRatio ?? (ratio === null ? '16:9' : null);
  const preset =
    aspect === '16:9' || (ratio !== null && Math.abs(ratio - 16 / 9) < 0.01)
      ? CANVAS_PRESETS.landscape
      : aspect === '9:16' || (ratio !== null && Math.abs(ratio - 9 / 16) < 0.01)
        ? CANVAS_PRESETS.vertical
        : aspect === '1:1' || ratio === 1
          ? CANVAS_PRESETS.square
          : null;
  if (preset === null)
    throw unsupported(
      output.aspectRatio === undefined ? 'shotstack.output.size' : 'shotstack.output.aspectRatio',
      'only 16:9, 9:16 and 1:1 are rendered (as 1920x1080, 1080x1920, 1080x1080)',
    );
  const fps = output.fps ?? preset.fps;
  if (typeof fps !== 'number' || !WHOLE_FPS.has(fps))
    throw unsupported(
      'shotstack.output.fps',
      `${String(fps)} fps is not rendered; use 24, 25, 30, 50 or 60`,
    );
  return { width: preset.width, height: preset.height, fps };
}

/** The words of a text asset, and what it sets of the style. */
function readText(
  asset: Obj,
  path: string,
): {
  text: string;
  color?: string;
  sizeFactor?: number;
  fontPx?: number;
  background?: string;
  place?: string;
} {
  switch (asset.type) {
    case 'title':
      onlyKeys(asset, ['type', 'text', 'color', 'size', 'background', 'position'], path);
      return {
        text: String(asset.text),
        ...(asset.color === undefined ? {} : { color: hexColour(asset.color, `${path}.color`) }),
        ...(asset.size === undefined
          ? {}
          : { sizeFactor: TITLE_SIZE_FACTOR[String(asset.size)] ?? 1 }),
        ...(asset.background === undefined
          ? {}
          : { background: hexColour(asset.background, `${path}.background`) }),
        ...(asset.position === undefined ? {} : { place: String(asset.position) }),
      };
    case 'text': {
      onlyKeys(asset, ['type', 'text', 'font'], path);
      const font = obj(asset.font);
      onlyKeys(font, ['color', 'size'], `${path}.font`);
      return {
        text: String(asset.text),
        ...(font.color === undefined ? {} : { color: hexColour(font.color, `${path}.font.color`) }),
        ...(typeof font.size === 'number' ? { fontPx: clampFontPx(font.size) } : {}),
      };
    }
    case 'rich-text':
      onlyKeys(asset, ['type', 'text'], path);
      return { text: String(asset.text) };
    default:
      onlyKeys(asset, ['type', 'html'], path);
      return { text: htmlText(String(asset.html)) };
  }
}

/** The visible text of an `html` asset: tags dropped, `<br>` and block ends as line breaks, entities decoded. */
export function htmlText(html: string): string {
  const entities: Record<string, string> = {
    amp: '&',
    lt: '<',
    gt: '>',
    quot: '"',
    '#39': "'",
    nbsp: ' ',
  };
  return html
    .replace(/<br\s*\/?>|<\/(?:p|div|h[1-6]|li)>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_m, name: string) => entities[name] ?? '')
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}

/** Where a Shotstack `position` puts text (fractions of the frame). */
function placeOf(place: string | undefined, fallback: TextPosition): TextPosition {
  if (place === undefined) return fallback;
  const y = place.startsWith('top') ? 0.16 : place.startsWith('bottom') ? 0.82 : 0.5;
  if (place.endsWith('Left') || place === 'left')
    return { x: 0.08, y, maxWidth: TEXT_MAX_WIDTH, align: 'left' };
  if (place.endsWith('Right') || place === 'right')
    return { x: 0.92, y, maxWidth: TEXT_MAX_WIDTH, align: 'right' };
  return { x: 0.5, y, maxWidth: TEXT_MAX_WIDTH, align: 'center' };
}

/** Our transition for a scene clip's `transition.in` (see docs/shotstack.md). */
function sceneTransition(name: string, path: string): Transition | undefined {
  if (name === 'none') return { kind: 'cut', durationMs: 0 };
  const speed = name.endsWith('Slow') ? 'Slow' : name.endsWith('Fast') ? 'Fast' : 'normal';
  const durationMs = TRANSITION_MS[speed];
  if (name.startsWith('fade')) return { kind: 'crossfade', durationMs };
  if (name.startsWith('wipe') || name.startsWith('reveal')) return { kind: 'wipe', durationMs };
  if (name.startsWith('slide')) return { kind: 'slide', durationMs };
  if (name.startsWith('carousel')) return { kind: 'whip', durationMs };
  throw unsupported(path, `the transition "${name}" is not supported`);
}

/** Our text animation for an overlay clip's `transition.in`. */
function textAnimation(name: string): TextSegment['animation'] {
  if (name === 'none') return 'none';
  if (name.startsWith('slide') || name.startsWith('carousel')) return 'kinetic';
  if (name.startsWith('wipe') || name.startsWith('reveal')) return 'typewriter';
  return 'fade';
}

const MOTION_BY_EFFECT: Readonly<Record<string, VideoSegment['visual']['motion']>> = {
  zoomIn: 'zoom-in',
  zoomOut: 'zoom-out',
  slideLeft: 'pan-left',
  slideRight: 'pan-right',
};

interface Placed {
  track: number;
  clip: number;
  path: string;
  startMs: number;
  /** null: `length: "end"` (until the video ends). */
  durationMs: number | null;
  clipObj: Obj;
}

/** Every clip with its times (`start: "auto"` follows the previous clip of its track). */
function placeClips(tracks: readonly unknown[]): Placed[] {
  const placed: Placed[] = [];
  tracks.forEach((track, t) => {
    let endMs = 0;
    const clips = obj(track).clips;
    (Array.isArray(clips) ? clips : []).forEach((value, c) => {
      const clipObj = obj(value);
      const path = `shotstack.timeline.tracks.${t}.clips.${c}`;
      onlyKeys(clipObj, ['asset', 'start', 'length', 'transition', 'effect', 'position'], path);
      const asset = obj(clipObj.asset);
      const type = String(asset.type);
      if (MEDIA_ASSETS.has(type))
        throw new Refused({
          code: 'remote_media_refused',
          path: `${path}.asset`,
          message: `${path}.asset: a ${type} asset is a remote file, and Reelwright fetches none (media is uploaded to the app, kept in R2); use text clips and reelwright:music/<calm|upbeat|lofi> soundtracks`,
        });
      if (!TEXT_ASSETS.has(type))
        throw unsupported(
          `${path}.asset.type`,
          `"${type}" assets are not supported; use title, text, rich-text or html`,
        );
      const startMs = clipObj.start === 'auto' ? endMs : seconds(clipObj.start, `${path}.start`);
      const durationMs =
        clipObj.length === 'end' ? null : seconds(clipObj.length, `${path}.length`);
      if (durationMs !== null && durationMs <= 0)
        throw unsupported(`${path}.length`, 'a clip must last more than 0 s');
      endMs = startMs + (durationMs ?? 0);
      placed.push({ track: t, clip: c, path, startMs, durationMs, clipObj });
    });
  });
  return placed;
}

/** The music of `soundtrack` (only our generated moods). */
function soundtrackOf(value: Obj, durationMs: number): Track {
  onlyKeys(value, ['src', 'volume', 'effect'], 'shotstack.timeline.soundtrack');
  const mood = MUSIC_SRC.exec(String(value.src))?.[1] as MusicMood | undefined;
  if (mood === undefined)
    throw new Refused({
      code: 'remote_media_refused',
      path: 'shotstack.timeline.soundtrack.src',
      message:
        'shotstack.timeline.soundtrack.src: Reelwright fetches no remote files; use reelwright:music/calm, reelwright:music/upbeat or reelwright:music/lofi (music made in the browser)',
    });
  const volume = value.volume === undefined ? undefined : Number(value.volume);
  if (volume !== undefined && !(volume >= 0 && volume <= 1))
    throw unsupported('shotstack.timeline.soundtrack.volume', 'a volume goes from 0 to 1');
  const segment = musicSegment(mood, durationMs, volume);
  const effect = String(value.effect ?? 'none');
  return {
    id: 'audio-bgm',
    kind: 'audio',
    name: 'Soundtrack',
    segments: [
      {
        ...segment,
        fadeInMs: effect.includes('fadeIn') || effect === 'fadeInFadeOut' ? segment.fadeInMs : 0,
        fadeOutMs: effect.includes('fadeOut') || effect === 'fadeInFadeOut' ? segment.fadeOutMs : 0,
      },
    ],
  };
}

/**
 * The scenes in time order, each gap filled with a plain scene (the video track covers the whole
 * video, as the director's does).
 * @throws {Refused} when two scenes overlap
 */
function fillScenes(
  scenes: readonly VideoSegment[],
  durationMs: number,
  paths: ReadonlyMap<string, string>,
): VideoSegment[] {
  const filled: VideoSegment[] = [];
  let atMs = 0;
  const gap = (startMs: number, endMs: number): VideoSegment => ({
    id: `scene-gap-${filled.length}`,
    startMs,
    durationMs: endMs - startMs,
    label: 'Background',
    visual: { type: 'generated', icon: null, motion: 'none' },
  });
  for (const scene of [...scenes].sort((a, b) => a.startMs - b.startMs)) {
    if (scene.startMs < atMs)
      throw unsupported(
        `${paths.get(scene.id) ?? 'shotstack.timeline.tracks'}.start`,
        'clips of the last track are scenes and may not overlap',
      );
    if (scene.startMs > atMs) filled.push(gap(atMs, scene.startMs));
    filled.push(scene);
    atMs = scene.startMs + scene.durationMs;
  }
  if (atMs < durationMs) filled.push(gap(atMs, durationMs));
  return filled;
}

function mapChecked(edit: Obj): Draft {
  onlyKeys(edit, ['timeline', 'output'], 'shotstack');
  const timeline = obj(edit.timeline);
  onlyKeys(timeline, ['tracks', 'background', 'soundtrack', 'cache'], 'shotstack.timeline');
  const canvas = canvasOf(obj(edit.output));
  const base = paletteLookOrFirst('');
  const look =
    timeline.background === undefined
      ? base
      : { ...base, background: [hexColour(timeline.background, 'shotstack.timeline.background')] };
  const tracks = Array.isArray(timeline.tracks) ? timeline.tracks : [];
  const clips = placeClips(tracks);
  const durationMs = Math.max(0, ...clips.map((c) => c.startMs + (c.durationMs ?? 0)));
  if (durationMs === 0)
    throw unsupported(
      'shotstack.timeline.tracks',
      'no clip has a length in seconds, so the video has none',
    );
  const sceneTrack = tracks.length - 1; // Shotstack draws the last track at the bottom: our scenes.
  const scenes: VideoSegment[] = [];
  const scenePaths = new Map<string, string>();
  const textTracks: Track[] = [];
  for (let t = tracks.length - 1; t >= 0; t -= 1) {
    const segments: TextSegment[] = [];
    for (const c of clips.filter((clip) => clip.track === t)) {
      const length = c.durationMs ?? durationMs - c.startMs;
      if (length <= 0) throw unsupported(`${c.path}.start`, 'the clip starts after the video ends');
      const read = readText(obj(c.clipObj.asset), `${c.path}.asset`);
      const id = `ss-${t}-${c.clip}`;
      const transition = obj(c.clipObj.transition);
      onlyKeys(transition, ['in'], `${c.path}.transition`);
      const inName = transition.in === undefined ? undefined : String(transition.in);
      const role =
        t === sceneTrack
          ? obj(c.clipObj.asset).type === 'title'
            ? 'title'
            : 'caption'
          : 'overlay';
      if (t === sceneTrack) {
        const effect = c.clipObj.effect === undefined ? 'none' : String(c.clipObj.effect);
        const motion =
          effect === 'none' ? 'none' : MOTION_BY_EFFECT[effect.replace(/(Slow|Fast)$/, '')];
        if (motion === undefined)
          throw unsupported(`${c.path}.effect`, `the effect "${effect}" is not supported`);
        const transitionIn =
          inName === undefined ? undefined : sceneTransition(inName, `${c.path}.transition.in`);
        scenePaths.set(`scene-${c.clip}`, c.path);
        scenes.push({
          id: `scene-${c.clip}`,
          startMs: c.startMs,
          durationMs: length,
          label: `Scene ${scenes.length + 1}`,
          visual: { type: 'generated', icon: null, motion },
          ...(transitionIn === undefined ? {} : { transitionIn }),
        });
      } else if (c.clipObj.effect !== undefined) {
        throw unsupported(`${c.path}.effect`, 'effects move scenes (clips of the last track) only');
      }
      const segment = makeTextSegment({
        id,
        role,
        text: read.text,
        startMs: c.startMs,
        durationMs: length,
        canvas,
        look,
        ...(read.color === undefined ? {} : { color: read.color }),
      });
      const place =
        read.place ?? (c.clipObj.position === undefined ? undefined : String(c.clipObj.position));
      segments.push({
        ...segment,
        style: {
          ...segment.style,
          fontSizePx:
            read.fontPx ?? clampFontPx(fontSizeFor(role, canvas) * (read.sizeFactor ?? 1)),
          backgroundColor: read.background ?? null,
        },
        position: placeOf(place, segment.position),
        ...(t !== sceneTrack && inName !== undefined ? { animation: textAnimation(inName) } : {}),
      });
    }
    if (segments.length > 0)
      textTracks.push({ id: `text-track-${t}`, kind: 'text', name: `Track ${t + 1}`, segments });
  }
  const soundtrack =
    timeline.soundtrack === undefined ? [] : [soundtrackOf(obj(timeline.soundtrack), durationMs)];
  const firstText = textTracks.flatMap((track) => (track.kind === 'text' ? track.segments : []))[0];
  const title = (firstText?.text.split('\n')[0] ?? 'Shotstack edit').slice(0, 200);
  return {
    title,
    canvas,
    durationMs,
    look,
    tracks: [
      {
        id: 'video-scenes',
        kind: 'video',
        name: 'Scenes',
        segments: fillScenes(scenes, durationMs, scenePaths),
      },
      ...soundtrack,
      ...textTracks,
    ],
  };
}

/** zod's issues in one line, each with its path under `prefix`: `shotstack.output.format: …`. */
function issuesText(error: z.core.$ZodError, prefix: string): string {
  return error.issues
    .map((issue) => `${[prefix, ...issue.path.map(String)].join('.')}: ${issue.message}`)
    .join('; ');
}

/**
 * `edit` (the body's `shotstack` value) as our draft, or why not.
 * @returns `shotstack_invalid` when Shotstack's schema refuses it; `remote_media_refused` for a
 *   file by URL; `shotstack_unsupported` for a field we do not render; each with the field's path.
 */
export function mapShotstackEdit(edit: unknown): ShotstackMapResult {
  const parsed = editSchema.safeParse(edit);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = ['shotstack', ...(issue?.path ?? []).map(String)].join('.');
    return {
      ok: false,
      code: 'shotstack_invalid',
      path,
      message: `Not a valid Shotstack edit: ${issuesText(parsed.error, 'shotstack')}`,
    };
  }
  try {
    const draft = mapChecked(obj(parsed.data));
    const checked = draftSchema.safeParse(draft);
    if (!checked.success)
      return {
        ok: false,
        code: 'shotstack_unsupported',
        path: 'shotstack',
        message: `The edit does not fit a Reelwright video: ${issuesText(checked.error, 'draft')}`,
      };
    return { ok: true, draft: checked.data };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, ...error.refusal };
    throw error;
  }
}
