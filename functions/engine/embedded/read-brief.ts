/**
 * @module read-brief
 * Reads a request for a new video into a {@link Brief}, once: from words (a storyboard: the
 * script's scenes, or an outline of the topic) or from the visitor's uploads ("combine these
 * clips into a 20-second promo, use my music at 20%"), or one video per upload (a batch). Each
 * of `parse-duration`, `parse-canvas` and `pick-look` runs once per brief, and `split-scenes`
 * once per message (its parts are handed in). The planners take the Brief and read no words.
 * Deterministic and pure.
 */
import type { Brief } from '../../../shared/brief-schema';
import type { MediaSummary } from '../../../shared/media-schema';
import { deriveTitle, topicOf } from './derive-title';
import { parseCanvasPreset } from './parse-canvas';
import { DEFAULT_DURATION_MS, clampDurationMs, parseDurationMs } from './parse-duration';
import { pickLook } from './pick-look';
import { pickMood } from './pick-music';
import { MAX_SCENES, MIN_SCENE_MS, titleDurationMs } from './plan-storyboard';
import { hasCjk } from './reading-length';
import type { ScriptParts } from './split-scenes';
import { groupScenes, splitSentences } from './split-scenes';

/** "music at 20%", "20% music", "background music 50 percent". */
const MUSIC_VOLUME =
  /(?:music|bgm|song|音乐)[^\d%\n]{0,20}(\d{1,3})\s*(?:%|percent)|(\d{1,3})\s*(?:%|percent)\s*(?:music|bgm|volume)/iu;
/** "mute the clips", "without the original sound", "no clip audio": the clips' own sound is left out. */
const MUTE_CLIPS =
  /\b(?:mute|silence)\b[^.\n]{0,30}\b(?:clips?|videos?|footage|original)\b|\b(?:without|no)\b[^.\n]{0,20}\b(?:original|clips?'?|videos?'?|own)\s+(?:sound|audio)\b|静音/iu;
/** "make each clip 5 seconds", "every photo 3 s": one length for every segment. */
const EACH_LENGTH =
  /\b(?:each|every)\s+(?:clip|photo|shot|segment|scene|picture|image|video)s?\b[^.\n\d]{0,20}?(\d+(?:\.\d+)?)\s*(?:s\b|secs?\b|seconds?\b)/iu;
/** "put the photo of space first", "start with the waves clip first": which upload opens the video. */
const FIRST =
  /\b(?:put|start with|open with|begin with)\s+(?:the\s+)?(?:photo|picture|image|clip|video|shot)?\s*(?:of\s+)?(?:the\s+)?([\p{L}\d][\p{L}\d -]{0,40}?)\s+first\b/iu;
/** "promo", "trailer": the kind of video, which names a video from uploads ("Our Promo"). */
const VIDEO_KIND = /\b(promo|trailer|teaser|reel|highlights|montage|explainer|ad)\b/i;
/** "narrate it", "with a voice-over", "配音": the visitor wants a voice (kept in the brief). */
const NARRATION = /\b(?:narrat(?:e|ed|ion|or)|voice-?overs?|voiced)\b|旁白|配音|解说/iu;
/**
 * "for each photo", "every picture", "每张照片": only the photos get a video. "clip" and "video"
 * are often said of any upload, so they do not leave the photos out.
 */
const EACH_PHOTO =
  /\b(?:each|every|per)\s+(?:uploaded\s+|single\s+)?(?:photos?|pictures?|pics?|images?|stills?)\b|每(?:一)?张|每(?:一)?(?:个|幅)?(?:照片|图片)/iu;

/** The per-segment length asked for ("each clip 5 seconds"), in ms, or null. */
export function eachLengthMs(text: string): number | null {
  const seconds = Number(EACH_LENGTH.exec(text)?.[1] ?? Number.NaN);
  return Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1000) : null;
}

/**
 * True for a change that re-cuts a video made from uploads: "make each clip 5 seconds",
 * "put the photo of space first". The engine then plans again from the original request plus it.
 */
export function isMediaCutEdit(text: string): boolean {
  return eachLengthMs(text) !== null || (/\bfirst\b/i.test(text) && FIRST.test(text));
}

/** The pictures in upload order, with the one named before "first" moved to the front. */
export function orderVisuals(text: string, visuals: readonly MediaSummary[]): MediaSummary[] {
  const words =
    FIRST.exec(text)?.[1]
      ?.toLowerCase()
      .split(/\s+/)
      .filter((word) => word.length > 2) ?? [];
  const named =
    words.length === 0
      ? -1
      : visuals.findIndex((item) => words.every((word) => item.name.toLowerCase().includes(word)));
  if (named <= 0) return [...visuals];
  return [visuals[named] as MediaSummary, ...visuals.filter((_, i) => i !== named)];
}

/** The music volume a text asks ("use my music at 20%" → 0.2), or null when it asks none. */
export function askedMusicVolume(text: string): number | null {
  const match = MUSIC_VOLUME.exec(text);
  const percent = Number(match?.[1] ?? match?.[2] ?? Number.NaN);
  return Number.isFinite(percent) && percent >= 0 && percent <= 100 ? percent / 100 : null;
}

/**
 * The uploads a batch request makes videos from, in upload order: the photos when it asks for a
 * video per photo and there are photos, else every clip and photo (sounds never).
 * @example batchSources('a short video for each photo', media) // the images only
 */
export function batchSources(text: string, media: readonly MediaSummary[]): MediaSummary[] {
  const visuals = media.filter((item) => item.kind !== 'audio');
  const photos = visuals.filter((item) => item.kind === 'image');
  return photos.length > 0 && EACH_PHOTO.test(text) ? photos : visuals;
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

/**
 * A storyboard brief: duration, frame, mood and look from the instruction; title and scenes
 * from the script (or an outline of the topic), as many scenes as fit the length.
 * @param prompt the whole message
 * @param parts `extractScript(prompt)`
 * @returns `durationMs` clamped to the draft limits, default 30 000 ms; `aspect` absent when none is named
 */
export function readStoryboardBrief(prompt: string, parts: ScriptParts): Brief {
  const { instruction, script } = parts;
  const settings = instruction || prompt;
  const durationMs = clampDurationMs(parseDurationMs(settings) ?? DEFAULT_DURATION_MS);
  const aspect = parseCanvasPreset(settings);
  const title = deriveTitle(instruction, script);
  const bodyMs = durationMs - titleDurationMs(durationMs);
  const maxScenes = Math.max(1, Math.min(MAX_SCENES, Math.floor(bodyMs / MIN_SCENE_MS)));
  const sentences = script ? splitSentences(script) : [];
  const cjk = hasCjk(prompt);
  const fromScript = sentences.length > 0;
  const topic = topicOf(instruction);
  return {
    source: 'words',
    language: cjk ? 'zh' : 'en',
    title,
    ...(topic ? { topic } : {}),
    scenes: groupScenes(fromScript ? sentences : outlineScenes(topic || title, cjk), maxScenes),
    fromScript,
    durationMs,
    ...(aspect !== null ? { aspect } : {}),
    palette: pickLook(prompt).paletteName,
    mood: pickMood(instruction, script),
    clipSound: true,
    mediaIds: [],
    narration: NARRATION.test(prompt),
  };
}

/**
 * A brief for a video from uploads: the pictures in upload order (the one named "first"
 * first), the length asked (or per segment), frame, look, music volume and mood, the clips'
 * sound kept or muted, and a title when the request names a kind of video ("Our Promo").
 * @param text the request (for a re-cut: the request that made the video, a newline, the change)
 * @param media the session's ready uploads, oldest first
 */
export function readUploadsBrief(text: string, media: readonly MediaSummary[]): Brief {
  const visuals = orderVisuals(
    text,
    media.filter((item) => item.kind !== 'audio'),
  );
  const askedMs = parseDurationMs(text);
  const eachSceneMs = eachLengthMs(text);
  const aspect = parseCanvasPreset(text);
  const kind = VIDEO_KIND.exec(text)?.[1];
  const musicVolume = askedMusicVolume(text);
  return {
    source: 'uploads',
    language: hasCjk(text) ? 'zh' : 'en',
    ...(kind ? { title: `Our ${kind.charAt(0).toUpperCase()}${kind.slice(1).toLowerCase()}` } : {}),
    scenes: [],
    fromScript: false,
    ...(askedMs !== null ? { durationMs: clampDurationMs(askedMs) } : {}),
    ...(eachSceneMs !== null ? { eachSceneMs } : {}),
    ...(aspect !== null ? { aspect } : {}),
    palette: pickLook(text).paletteName,
    mood: pickMood(text, ''),
    ...(musicVolume !== null ? { musicVolume } : {}),
    clipSound: !MUTE_CLIPS.test(text),
    mediaIds: visuals.map((item) => item.id),
    narration: NARRATION.test(text),
  };
}

/**
 * A brief for one video per upload: as {@link readUploadsBrief}, the uploads being
 * {@link batchSources} (the photos only for "a video for each photo").
 */
export function readBatchBrief(text: string, media: readonly MediaSummary[]): Brief {
  const mediaIds = batchSources(text, media).map((item) => item.id);
  return { ...readUploadsBrief(text, media), mediaIds };
}
