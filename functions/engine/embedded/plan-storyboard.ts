/**
 * @module plan-storyboard
 * The embedded director's planner: a prompt (instruction + script) in, a complete draft out —
 * a title scene, one scene per script beat timed by reading length and fitted exactly to the
 * asked duration, captions, icons, motion, transitions, a look and background music.
 * Deterministic: the same prompt always gives the same draft (no randomness, no clock).
 */
import { MAX_NAME_CHARS } from '../../../shared/draft-schema';
import type { Draft, Look, TextSegment, Track, VideoSegment } from '../../../shared/draft-schema';
import { quoteText } from '../../../shared/timeline-summary';
import { condenseCaption, sceneLabel } from './condense-text';
import { deriveTitle, topicOf } from './derive-title';
import { distributeMs } from './fit-timeline';
import { DEFAULT_CANVAS, parseCanvas } from './parse-canvas';
import { DEFAULT_DURATION_MS, clampDurationMs, parseDurationMs } from './parse-duration';
import { pickIcon } from './pick-icon';
import { pickLook } from './pick-look';
import { paintScenesFromWords } from './paint-scenes-from-words';
import { MOOD_NAMES, musicSegment, pickMood } from './pick-music';
import { hasCjk, readingUnits } from './reading-length';
import { extractScript, groupScenes, splitSentences } from './split-scenes';
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
/** Most scenes in one video: 40 keeps the timeline readable and a 10-minute video at ≥ 15 s per scene. */
export const MAX_SCENES = 40;
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

/** Scenes for a prompt that names a topic but gives no script. */
function outlineScenes(topic: string, cjk: boolean): string[] {
  return cjk
    ? [`认识${topic}。`, `${topic}为什么重要。`, '它有什么不同。', `今天就来了解${topic}。`]
    : [
        `Meet ${topic}.`,
        `Why ${topic} matters.`,
        'What makes it different.',
        `Discover ${topic} today.`,
      ];
}

function rotate<T>(items: readonly T[], by: number): T[] {
  if (items.length === 0) return [];
  const shift = by % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}

/** What a prompt asks for, before any timing. */
export interface StoryboardBrief {
  title: string;
  durationMs: number;
  canvas: Draft['canvas'];
  look: Look;
  mood: ReturnType<typeof pickMood>;
  /** Script beats in order (the title scene not included). */
  sceneTexts: string[];
  /** True when the scenes came from a script, false when outlined from a topic. */
  fromScript: boolean;
}

/**
 * Reads a prompt: duration, canvas, mood and look from the instruction; title and scenes from the script.
 * @returns the brief; `durationMs` clamped to the draft limits, default 30 000 ms; canvas default 1920x1080@30
 */
export function readBrief(prompt: string): StoryboardBrief {
  const { instruction, script } = extractScript(prompt);
  const settings = instruction || prompt;
  const durationMs = clampDurationMs(parseDurationMs(settings) ?? DEFAULT_DURATION_MS);
  const canvas = parseCanvas(settings) ?? { ...DEFAULT_CANVAS };
  const title = deriveTitle(instruction, script);
  const bodyMs = durationMs - titleDurationMs(durationMs);
  const maxScenes = Math.max(1, Math.min(MAX_SCENES, Math.floor(bodyMs / MIN_SCENE_MS)));
  const sentences = script ? splitSentences(script) : [];
  const cjk = hasCjk(prompt);
  const fromScript = sentences.length > 0;
  const topic = topicOf(instruction) || title;
  const sceneTexts = groupScenes(fromScript ? sentences : outlineScenes(topic, cjk), maxScenes);
  return {
    title,
    durationMs,
    canvas,
    look: pickLook(prompt),
    mood: pickMood(instruction, script),
    sceneTexts,
    fromScript,
  };
}

/**
 * Plans a whole draft from a prompt.
 * @param prompt e.g. `generate a 30-second explainer video from this script: …`
 * @returns a draft that passes `draftSchema`: tracks `Storyboard` (video), `<Mood>` (BGM),
 *   `Title` and `Captions` (text); segments end exactly at `durationMs`
 * @example planStoryboard('make a vertical 15 second promo for Bean There').canvas // {width:1080,height:1920,fps:30}
 */
export function planStoryboard(prompt: string): Draft {
  return paintScenesFromWords(buildDraft(readBrief(prompt)), prompt);
}

/** Lays a brief out on the timeline (see {@link planStoryboard}). */
export function buildDraft(brief: StoryboardBrief): Draft {
  const { durationMs, canvas, look, title } = brief;
  const titleMs = titleDurationMs(durationMs);
  const bodyMs = durationMs - titleMs;
  const texts = brief.sceneTexts;
  const sceneMs = distributeMs(
    bodyMs,
    texts.map((text) => readingUnits(text)),
    MIN_SCENE_MS,
  );

  const scenes: VideoSegment[] = [];
  const captions: TextSegment[] = [];
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
    },
  });
  let startMs = titleMs;
  texts.forEach((text, i) => {
    const number = i + 2;
    const length = sceneMs[i] ?? 0;
    const caption = condenseCaption(text);
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
      },
      transitionIn: { kind: 'crossfade', durationMs: TRANSITION_MS },
    });
    captions.push(
      makeTextSegment({
        id: `caption-${number}`,
        role: 'caption',
        text: caption,
        startMs,
        durationMs: length,
        canvas,
        look,
      }),
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
  return { title, canvas: { ...canvas }, durationMs, look, tracks };
}
