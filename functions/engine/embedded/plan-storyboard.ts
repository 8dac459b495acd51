/**
 * @module plan-storyboard
 * The embedded director's planner: a storyboard {@link Brief} in (read from the message once,
 * by `read-brief`), a complete draft out —
 * a title scene, one scene per script beat timed by reading length and fitted exactly to the
 * asked duration, captions, icons, illustrations and layouts from each scene's words, motion,
 * transitions, a look and background music; the cuts between scenes then move onto the music's
 * beats (shared/beat-grid.ts).
 * Deterministic: the same prompt always gives the same draft (no randomness, no clock).
 */
import { MAX_NAME_CHARS } from '../../../shared/draft-schema';
import type { Brief } from '../../../shared/brief-schema';
import { MAX_BRIEF_SCENES } from '../../../shared/brief-schema';
import type { Draft, TextSegment, Track, VideoSegment } from '../../../shared/draft-schema';
import { quoteText } from '../../../shared/timeline-summary';
import { condenseCaption, sceneLabel } from './condense-text';
import { FALLBACK_CJK_TITLE, FALLBACK_TITLE } from './derive-title';
import { distributeMs } from './fit-timeline';
import { CANVAS_PRESETS, DEFAULT_CANVAS } from './parse-canvas';
import { DEFAULT_DURATION_MS } from './parse-duration';
import { paintScenery } from './paint-scenery';
import { pickIcon } from './pick-icon';
import { pickIllustration } from './pick-illustration';
import { layoutText, pickLayout, placeCaption } from './pick-layout';
import {
  MAX_DRAFT_ILLUSTRATION_CHARS,
  type Illustration,
  illustrationChars,
} from '../../../shared/illustration-schema';
import { paletteLookOrFirst } from './pick-look';
import { MOOD_NAMES, musicSegment } from './pick-music';
import { snapScenesToBeats } from '../../../shared/beat-grid';
import { transitionFor } from './pick-transition';
import { readingUnits } from './reading-length';
import { makeTextSegment } from './text-layout';

type Motion = Extract<VideoSegment['visual'], { type: 'generated' }>['motion'];

/** The title scene takes 10% of the video… */
export const TITLE_SHARE = 0.1;
/** …but at least 2 s, the time to read a 6-word title… */
export const TITLE_MIN_MS = 2_000;
/** …and at most 5 s: a title held longer feels like a stall. */
export const TITLE_MAX_MS = 5_000;
/** A title never takes more than a third of a very short video. */
const TITLE_MAX_SHARE = 1 / 3;
/** Shortest planned scene: 2 s, enough to read a short caption (~5 words at 150 words/min). */
export const MIN_SCENE_MS = 2_000;
/** Most scenes in one video (a brief's limit): 40 keeps the timeline readable and a 10-minute video at ≥ 15 s per scene. */
export const MAX_SCENES = MAX_BRIEF_SCENES;
/** Crossfade between scenes: 500 ms, long enough to read as a dissolve, short enough not to blur captions. */
export const TRANSITION_MS = 500;
/** Camera moves per scene, in turn, so neighbouring scenes never move alike. */
export const MOTION_CYCLE: readonly Motion[] = ['zoom-in', 'zoom-out', 'pan-right', 'pan-left'];

/** Ids the director gives its tracks (stable, so diffs match them across versions). */
export const TRACK_IDS = {
  video: 'video-scenes',
  music: 'audio-bgm',
  title: 'text-title',
  captions: 'text-captions',
  overlays: 'text-overlays',
} as const;

/**
 * Title scene length for a video.
 * @returns integer ms: 10% of `durationMs` within 2–5 s, never over a third of the video
 */
export function titleDurationMs(durationMs: number): number {
  const wanted = Math.min(
    TITLE_MAX_MS,
    Math.max(TITLE_MIN_MS, Math.round(durationMs * TITLE_SHARE)),
  );
  return Math.min(wanted, Math.floor(durationMs * TITLE_MAX_SHARE));
}

function rotate<T>(items: readonly T[], by: number): T[] {
  if (items.length === 0) return [];
  const shift = by % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}

/**
 * Plans a whole draft from a storyboard brief (`read-brief`).
 * @param brief `source: 'words'`; its scenes are laid out in order after a title scene
 * @returns a draft that passes `draftSchema`: tracks `Storyboard` (video), `<Mood>` (BGM),
 *   `Title` and `Captions` (text); segments end exactly at `durationMs` (default 30 s)
 * @example planStoryboard({...brief, aspect: 'vertical'}).canvas // {width:1080,height:1920,fps:30}
 */
export function planStoryboard(brief: Brief): Draft {
  const durationMs = brief.durationMs ?? DEFAULT_DURATION_MS;
  const canvas = { ...(brief.aspect ? CANVAS_PRESETS[brief.aspect] : DEFAULT_CANVAS) };
  const look = paletteLookOrFirst(brief.palette);
  const title = brief.title ?? (brief.language === 'zh' ? FALLBACK_CJK_TITLE : FALLBACK_TITLE);
  const titleMs = titleDurationMs(durationMs);
  const bodyMs = durationMs - titleMs;
  const texts = brief.scenes;
  const sceneMs = distributeMs(
    bodyMs,
    texts.map((text) => readingUnits(text)),
    MIN_SCENE_MS,
  );

  const scenes: VideoSegment[] = [];
  const captions: TextSegment[] = [];
  const subject = brief.topic ?? title;
  let illustrationBudget = MAX_DRAFT_ILLUSTRATION_CHARS;
  /** The scene's illustration while the draft's budget lasts (a scene past it keeps its icon). */
  const illustrate = (text: string, avoid: string | null): Illustration | undefined => {
    const found = pickIllustration(text, subject, avoid);
    if (!found || illustrationChars(found) > illustrationBudget) return undefined;
    illustrationBudget -= illustrationChars(found);
    return found;
  };
  let illustration = illustrate(title, null);
  let icon = pickIcon(title, 0);
  scenes.push({
    id: 'scene-1',
    startMs: 0,
    durationMs: titleMs,
    label: quoteText(`Scene 1: ${title}`, MAX_NAME_CHARS),
    visual: {
      type: 'generated',
      icon,
      motion: MOTION_CYCLE[0] ?? 'zoom-in',
      background: [...look.background],
      ...(illustration ? { illustration } : {}),
      layout: 'title',
    },
  });
  let startMs = titleMs;
  texts.forEach((text, i) => {
    const number = i + 2;
    const length = sceneMs[i] ?? 0;
    illustration = illustrate(text, illustration?.name ?? null);
    const layout = pickLayout({
      text,
      index: i,
      count: texts.length,
      illustrated: illustration !== undefined,
    });
    const caption = layout === 'bullets' ? layoutText(layout, text) : condenseCaption(text);
    icon = pickIcon(text, i + 1, icon);
    scenes.push({
      id: `scene-${number}`,
      startMs,
      durationMs: length,
      label: sceneLabel(number, caption),
      visual: {
        type: 'generated',
        icon,
        motion: MOTION_CYCLE[(i + 1) % MOTION_CYCLE.length] ?? 'zoom-in',
        background: rotate(look.background, i + 1),
        ...(illustration ? { illustration } : {}),
        layout,
      },
      transitionIn: transitionFor(brief.mood, number, texts.length + 1, TRANSITION_MS),
    });
    captions.push(
      placeCaption(
        layout,
        makeTextSegment({
          id: `caption-${number}`,
          role: 'caption',
          text: caption,
          startMs,
          durationMs: length,
          canvas,
          look,
        }),
        canvas,
      ),
    );
    startMs += length;
  });

  const titleSegment = makeTextSegment({
    id: 'title-1',
    role: 'title',
    text: title,
    startMs: 0,
    durationMs: titleMs,
    canvas,
    look,
  });
  const tracks: Track[] = [
    { id: TRACK_IDS.video, kind: 'video', name: 'Storyboard', segments: scenes },
    {
      id: TRACK_IDS.music,
      kind: 'audio',
      name: MOOD_NAMES[brief.mood],
      segments: [musicSegment(brief.mood, durationMs)],
    },
    { id: TRACK_IDS.title, kind: 'text', name: 'Title', segments: [titleSegment] },
  ];
  if (captions.length > 0)
    tracks.push({ id: TRACK_IDS.captions, kind: 'text', name: 'Captions', segments: captions });
  const draft = snapScenesToBeats({ title, canvas: { ...canvas }, durationMs, look, tracks });
  return brief.scenery ? paintScenery(draft, brief.scenery) : draft;
}
