/**
 * @module plan-narration
 * The director's voiceover: one spoken segment per scene, its text read at one rate that lets
 * every scene's words fit the scene, with scenes timed to the speech when a video is planned.
 * The asked duration always holds: the pace adapts within {@link SLOWEST_SHARE}–
 * {@link FASTEST_SHARE} of the preferred rate; when even the fastest natural pace cannot read
 * the script in time, the plan says so (`fits: false`, with the duration that would read well).
 * Speech times are estimates (shared/speech-words.ts, measured on eSpeak NG); the browser fits
 * the synthesised speech into each segment's slot. Pure.
 */
import type { AudioSegment, Draft, Track } from '../../../shared/draft-schema';
import { MAX_NAME_CHARS, MAX_DRAFT_DURATION_MS } from '../../../shared/draft-schema';
import {
  type CaptionStyle,
  DEFAULT_CAPTION_STYLE,
  MAX_NARRATION_WPM,
  MAX_SPEECH_TEXT_CHARS,
  MIN_NARRATION_WPM,
  type NarrationVoice,
  type SpeechSource,
} from '../../../shared/narration-schema';
import { NARRATION_TRACK_ID, isNarrationTrack } from '../../../shared/narration-track';
import { estimateSpeechMs } from '../../../shared/speech-words';
import { retimeSegments } from '../../../shared/retime-segments';
import { quoteText } from '../../../shared/timeline-summary';
import { distributeMs } from '../embedded/fit-timeline';
import { MIN_SCENE_MS, TRACK_IDS } from '../embedded/plan-storyboard';
import type { NarrationWish } from './narration-wish';

/** The voice starts this long into its scene, ms: after the crossfade has begun, not under the cut. */
export const NARRATION_LEAD_MS = 250;
/** …and ends at least this long before the next scene, ms: a breath between scenes. */
export const NARRATION_TAIL_MS = 350;
/** Natural narration pace, eSpeak words per minute: ~4.5 syllables a second (measured), an unhurried explainer voice. */
export const NATURAL_WPM = 160;
/** "slower" / "faster" change the preferred rate by this factor (a step a listener notices). */
export const PACE_STEP = 0.85;
/** The pace adapts down to 90% of the preferred rate to fill a scene (slower drags)… */
export const SLOWEST_SHARE = 0.9;
/** …and up to 125% to fit one (faster gets hard to follow). */
export const FASTEST_SHARE = 1.25;
/** A suggested longer duration is rounded up to this, ms: people ask in 5-second steps. */
const SUGGEST_STEP_MS = 5_000;
/** eSpeak rate the estimates are scaled from. */
const REFERENCE_WPM = 175;

/** How the narration should sound and show. */
export interface NarrationSettings {
  voice: NarrationVoice;
  /** The rate asked for, before the pace adapts to the scenes. */
  preferredWpm: number;
  captions: CaptionStyle;
}

/** A narrated draft and whether its words can be read in its time. */
export interface NarrationPlan {
  draft: Draft;
  /** False when the scenes are too short even at {@link FASTEST_SHARE} of the preferred rate. */
  fits: boolean;
  /** The duration at which the script reads at the preferred rate, ms (rounded up to 5 s). */
  naturalMs: number;
}

/** The narration's first spoken segment, or null. */
export function speechOf(draft: Draft): SpeechSource | null {
  for (const track of draft.tracks)
    if (track.kind === 'audio' && isNarrationTrack(track))
      for (const segment of track.segments)
        if (segment.source.type === 'speech') return segment.source;
  return null;
}

/** The voice a wish asks for, starting from `current` (or the script's language). */
export function pickVoice(
  wish: NarrationWish,
  current: NarrationVoice | null,
  cjkScript: boolean,
): NarrationVoice {
  const [language, accent, gender] = (current ?? (cjkScript ? 'zh-female' : 'en-us-female')).split(
    '-',
  ) as [string, string, string | undefined];
  const was = {
    accent: language === 'zh' ? 'zh' : accent,
    gender: language === 'zh' ? accent : (gender ?? 'female'),
  };
  const nextAccent = wish.accent ?? was.accent;
  const nextGender = wish.gender ?? was.gender;
  return (
    nextAccent === 'zh' ? `zh-${nextGender}` : `en-${nextAccent}-${nextGender}`
  ) as NarrationVoice;
}

/** The preferred rate after a wish's pace, from `currentWpm` (the natural pace when none). */
export function preferredWpm(wish: NarrationWish, currentWpm: number = NATURAL_WPM): number {
  const factor = wish.pace === 'slower' ? PACE_STEP : wish.pace === 'faster' ? 1 / PACE_STEP : 1;
  return Math.round(Math.min(MAX_NARRATION_WPM, Math.max(MIN_NARRATION_WPM, currentWpm * factor)));
}

/** The scenes of the draft's first video track. */
function scenesOf(draft: Draft): Array<{ startMs: number; durationMs: number }> {
  return draft.tracks.find((track) => track.kind === 'video')?.segments ?? [];
}

/** Speech room of a scene, ms: its length less lead and tail (at least a third of it). */
function roomMs(scene: { durationMs: number }): number {
  return Math.max(
    Math.round(scene.durationMs / 3),
    scene.durationMs - NARRATION_LEAD_MS - NARRATION_TAIL_MS,
  );
}

/**
 * Retimes the scenes after the first (the title) so each lasts in proportion to the time its
 * text takes to say, the video's length unchanged; texts and sounds that spanned a scene
 * exactly move with it.
 * @param sceneTexts one text per scene of the first video track, title first
 */
export function timeScenesToSpeech(
  draft: Draft,
  sceneTexts: readonly string[],
  voice: NarrationVoice,
): Draft {
  const scenes = scenesOf(draft);
  const first = scenes[0];
  if (!first || scenes.length < 2) return draft;
  const bodyStart = first.startMs + first.durationMs;
  const weights = scenes
    .slice(1)
    .map(
      (_, i) =>
        estimateSpeechMs(sceneTexts[i + 1] ?? '', REFERENCE_WPM, voice) +
        NARRATION_LEAD_MS +
        NARRATION_TAIL_MS,
    );
  const lengths = distributeMs(draft.durationMs - bodyStart, weights, MIN_SCENE_MS);
  const moved = new Map<string, { startMs: number; durationMs: number }>();
  let startMs = bodyStart;
  scenes.slice(1).forEach((scene, i) => {
    const durationMs = lengths[i] ?? scene.durationMs;
    moved.set(`${scene.startMs}:${scene.durationMs}`, { startMs, durationMs });
    startMs += durationMs;
  });
  return retimeSegments(draft, (segment) => {
    const to = moved.get(`${segment.startMs}:${segment.durationMs}`);
    return to ? { ...segment, ...to } : segment;
  });
}

/**
 * Narrates a draft: one segment per scene with text, at the rate that fits the tightest scene.
 * The condensed scene captions give way to the word captions (unless those are off).
 * @param sceneTexts one text per scene of the first video track ('' for a silent scene)
 * @returns the narrated draft, whether it fits, and the natural duration
 */
export function narrateScenes(
  draft: Draft,
  sceneTexts: readonly string[],
  settings: NarrationSettings,
): NarrationPlan {
  const scenes = scenesOf(draft);
  const spoken = scenes.flatMap((scene, i) => {
    const text = (sceneTexts[i] ?? '').trim().slice(0, MAX_SPEECH_TEXT_CHARS);
    return text === '' ? [] : [{ scene, text, index: i }];
  });
  const neededWpm = Math.max(
    0,
    ...spoken.map(
      ({ scene, text }) =>
        (estimateSpeechMs(text, REFERENCE_WPM, settings.voice) * REFERENCE_WPM) / roomMs(scene),
    ),
  );
  const fastest = Math.min(MAX_NARRATION_WPM, settings.preferredWpm * FASTEST_SHARE);
  const rateWpm = Math.round(
    Math.max(
      MIN_NARRATION_WPM,
      Math.min(fastest, Math.max(neededWpm, settings.preferredWpm * SLOWEST_SHARE)),
    ),
  );
  const naturalMs = Math.min(
    MAX_DRAFT_DURATION_MS,
    Math.ceil(
      (draft.durationMs * Math.max(1, neededWpm / settings.preferredWpm)) / SUGGEST_STEP_MS,
    ) * SUGGEST_STEP_MS,
  );
  const segments: AudioSegment[] = spoken.map(({ scene, text, index }) => ({
    id: `voice-${index + 1}`,
    startMs: scene.startMs + NARRATION_LEAD_MS,
    durationMs: roomMs(scene),
    label: quoteText(`Voice: ${text}`, MAX_NAME_CHARS),
    volume: 1,
    fadeInMs: 0,
    fadeOutMs: 0,
    source: { type: 'speech', text, voice: settings.voice, rateWpm, captions: settings.captions },
  }));
  const others = draft.tracks.filter(
    (track) =>
      !isNarrationTrack(track) &&
      !(settings.captions.mode !== 'off' && track.id === TRACK_IDS.captions),
  );
  const tracks: Track[] =
    segments.length > 0
      ? [...others, { id: NARRATION_TRACK_ID, kind: 'audio', name: 'Narration', segments }]
      : others;
  return { draft: { ...draft, tracks }, fits: neededWpm <= fastest, naturalMs };
}

/** The draft without its narration. */
export function withoutNarration(draft: Draft): Draft {
  return { ...draft, tracks: draft.tracks.filter((track) => !isNarrationTrack(track)) };
}

/** The narration's text for each scene of the first video track ('' where none starts). */
export function narratedTexts(draft: Draft): string[] {
  const speech = draft.tracks.flatMap((track) =>
    track.kind === 'audio' && isNarrationTrack(track) ? track.segments : [],
  );
  return scenesOf(draft).map((scene) =>
    speech
      .filter((s) => s.startMs >= scene.startMs && s.startMs < scene.startMs + scene.durationMs)
      .map((s) => (s.source.type === 'speech' ? s.source.text : ''))
      .join(' '),
  );
}

/** The settings a draft's narration was made with (its rate taken as the preference). */
export function settingsOf(source: SpeechSource): NarrationSettings {
  return { voice: source.voice, preferredWpm: source.rateWpm, captions: source.captions };
}

/** Default settings for a script (Mandarin for a Chinese one). */
export function defaultSettings(cjkScript: boolean): NarrationSettings {
  return {
    voice: cjkScript ? 'zh-female' : 'en-us-female',
    preferredWpm: NATURAL_WPM,
    captions: { ...DEFAULT_CAPTION_STYLE },
  };
}
