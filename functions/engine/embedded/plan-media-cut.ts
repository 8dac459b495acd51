/**
 * @module plan-media-cut
 * Plans a draft from the visitor's own uploads, as a {@link Brief} (`read-brief`) asks it:
 * "combine these clips into a 20-second promo video with text overlays and transitions, use my
 * music". Clips and photos become video
 * segments in upload order (clips trimmed around their middle, never longer than they are;
 * photos with a gentle zoom or pan and taking up the time the clips do not fill), a title and an
 * overlay per segment, crossfades between segments, and the first uploaded sound as music at the
 * asked volume (default 35%), looped or trimmed to the length and faded out at the end.
 * Deterministic: same brief and media → same draft.
 */
import type { Brief } from '../../../shared/brief-schema';
import { MAX_DRAFT_SEGMENTS } from '../../../shared/draft-schema';
import type {
  AudioSegment,
  Draft,
  TextSegment,
  Track,
  VideoSegment,
} from '../../../shared/draft-schema';
import type { MediaSummary } from '../../../shared/media-schema';
import { distributeMs } from './fit-timeline';
import { beatTimesMs, segmentBeatGrid, snapCutsToBeats } from '../../../shared/beat-grid';
import { CANVAS_PRESETS, DEFAULT_CANVAS } from './parse-canvas';
import { clampDurationMs } from './parse-duration';
import { paletteLookOrFirst } from './pick-look';
import { DEFAULT_MUSIC_VOLUME, MOOD_NAMES, MUSIC_FADE_OUT_MS, musicSegment } from './pick-music';
import { TRACK_IDS, TRANSITION_MS } from './plan-storyboard';
import { transitionFor } from './pick-transition';
import { makeTextSegment } from './text-layout';
import { quoteText } from '../../../shared/timeline-summary';

/** Level of the clips' own sound under the music: clear, but leaves headroom for the mix. */
export const CLIP_SOUND_VOLUME = 0.8;
/** Short fades on each clip's sound so cuts do not click. */
const CLIP_SOUND_FADE_MS = 150;

/** Default length when none is asked: every clip in full plus 3 s per photo, at most 60 s. */
const PHOTO_DEFAULT_MS = 3_000;
const DEFAULT_MAX_MS = 60_000;
/** A segment shorter than this cannot be read or felt; fewer segments are used instead. */
const MIN_SEGMENT_MS = 1_500;
/**
 * Most scenes in a video from uploads: each takes up to 3 segments (picture, overlay, clip
 * sound), plus the title and the music, within the draft's segment budget (draft-schema.ts):
 * 66, so a 10-minute promo from hundreds of uploads uses the first 66 (at least 9 s each).
 */
export const MAX_MEDIA_CUT_SCENES = Math.floor((MAX_DRAFT_SEGMENTS - 2) / 3);
/**
 * Longest label made from an upload's name, characters: with "Scene 66: " before it, or
 * " sound" after it, it stays within the draft's `MAX_NAME_CHARS` (100).
 */
export const MAX_MEDIA_LABEL_CHARS = 80;
/** How long the opening title stays: a short card that leaves the rest of the first clip clear. */
const TITLE_MS = 2_000;
/** Photos move gently in turn (Ken Burns), so a still never looks frozen. */
const PHOTO_MOTIONS = ['zoom-in', 'pan-right', 'zoom-out', 'pan-left'] as const;

/** "clip-waves.mp4" → "Waves"; "IMG_2041.JPG" → "IMG 2041"; at most {@link MAX_MEDIA_LABEL_CHARS} characters. */
export function mediaLabel(name: string): string {
  const stem = name
    .replace(/\.[A-Za-z0-9]{1,5}$/, '')
    .replace(/^(?:clip|photo|video|image|img|music|song)[-_ ]+/i, '');
  const words = stem.replace(/[-_.]+/g, ' ').trim() || name;
  return quoteText(words.charAt(0).toUpperCase() + words.slice(1), MAX_MEDIA_LABEL_CHARS);
}

/** The pictures to show; clips only and too short together: cycled again (each repeat another cut). */
function sequenceOf(visuals: readonly MediaSummary[], durationMs: number): MediaSummary[] {
  const maxSegments = Math.max(
    1,
    Math.min(MAX_MEDIA_CUT_SCENES, Math.floor(durationMs / MIN_SEGMENT_MS)),
  );
  const sequence = visuals.slice(0, maxSegments);
  const hasPhoto = sequence.some((item) => item.kind === 'image');
  let total = sequence.reduce((sum, item) => sum + (item.durationMs ?? 0), 0);
  for (let i = 0; !hasPhoto && total < durationMs && sequence.length < maxSegments; i++) {
    const next = visuals[i % visuals.length];
    if (!next) break;
    sequence.push(next);
    total += next.durationMs ?? 0;
  }
  return sequence;
}

/**
 * Segment lengths: equal shares, except that a clip never runs longer than itself; what it
 * cannot fill goes to the others (photos can stretch, clips up to their length).
 */
export function segmentLengths(items: readonly MediaSummary[], durationMs: number): number[] {
  const caps = items.map((item) =>
    item.kind === 'image'
      ? Number.POSITIVE_INFINITY
      : Math.max(MIN_SEGMENT_MS, item.durationMs ?? 0),
  );
  const lengths = new Array<number>(items.length).fill(0);
  let open = items.map((_, i) => i);
  let left = durationMs;
  while (open.length > 0) {
    const share = left / open.length;
    const capped = open.filter((i) => (caps[i] ?? 0) < share);
    if (capped.length === 0) {
      const shares = distributeMs(
        left,
        open.map(() => 1),
      );
      for (const [k, i] of open.entries()) lengths[i] = shares[k] ?? 0;
      return lengths;
    }
    for (const i of capped) {
      lengths[i] = Math.floor(caps[i] ?? 0);
      left -= lengths[i] ?? 0;
    }
    open = open.filter((i) => !capped.includes(i));
  }
  // Only clips, all shorter than their share: the last one absorbs the rest (its last frame holds).
  const last = lengths.length - 1;
  lengths[last] = (lengths[last] ?? 0) + left;
  return lengths;
}

/** The default length: the clips in full and a few seconds per photo, within the draft limits. */
function defaultDurationMs(visuals: readonly MediaSummary[]): number {
  const natural = visuals.reduce(
    (sum, item) =>
      sum + (item.kind === 'image' ? PHOTO_DEFAULT_MS : (item.durationMs ?? PHOTO_DEFAULT_MS)),
    0,
  );
  return clampDurationMs(Math.min(DEFAULT_MAX_MS, natural));
}

/**
 * Plans a draft from uploads.
 * @param brief `source: 'uploads'` (`read-brief`): the pictures in `mediaIds` order, at least one
 * @param media the session's ready uploads, oldest first (the first sound is the music)
 * @param lengthMs the video's length in ms, instead of the one the brief asks (or the default)
 * @returns a draft passing `draftSchema`: tracks `Your clips` (video), music, `Title`, `Overlays`
 * @throws TypeError when the brief names no clip or photo of `media`
 */
export function planMediaCut(
  brief: Brief,
  media: readonly MediaSummary[],
  lengthMs?: number,
): Draft {
  const visuals = brief.mediaIds.flatMap((id) => {
    const item = media.find((candidate) => candidate.id === id && candidate.kind !== 'audio');
    return item ? [item] : [];
  });
  const first = visuals[0];
  if (!first) throw new TypeError('planMediaCut needs at least one clip or photo');
  const each = brief.eachSceneMs ?? null;
  const durationMs = clampDurationMs(
    lengthMs ??
      (each !== null ? each * visuals.length : (brief.durationMs ?? defaultDurationMs(visuals))),
  );
  const canvas = { ...(brief.aspect ? CANVAS_PRESETS[brief.aspect] : DEFAULT_CANVAS) };
  const look = paletteLookOrFirst(brief.palette);
  const title = brief.title ?? mediaLabel(first.name);
  const sequence = sequenceOf(visuals, durationMs);
  const music = musicFor(brief, media, durationMs);
  const lengths = lengthsOnBeat(segmentLengths(sequence, durationMs), sequence, music.segment);

  const scenes: VideoSegment[] = [];
  const overlays: TextSegment[] = [];
  let startMs = 0;
  let photoIndex = 0;
  sequence.forEach((item, i) => {
    const length = lengths[i] ?? 0;
    if (length <= 0) return;
    const clipMs = item.durationMs ?? 0;
    const sourceStartMs =
      item.kind === 'video' ? Math.max(0, Math.floor((clipMs - length) / 2)) : 0;
    const label = mediaLabel(item.name);
    scenes.push({
      id: `scene-${i + 1}`,
      startMs,
      durationMs: length,
      label: `Scene ${i + 1}: ${label}`,
      visual: {
        type: 'media',
        mediaId: item.id,
        sourceStartMs,
        fit: 'cover',
        motion:
          item.kind === 'image'
            ? (PHOTO_MOTIONS[photoIndex++ % PHOTO_MOTIONS.length] ?? 'zoom-in')
            : 'none',
      },
      ...(i > 0
        ? {
            transitionIn: transitionFor(
              brief.mood,
              i + 1,
              sequence.length,
              Math.min(TRANSITION_MS, Math.floor(length / 2)),
            ),
          }
        : {}),
    });
    if (i > 0)
      overlays.push(
        makeTextSegment({
          id: `overlay-${i + 1}`,
          role: 'overlay',
          text: label,
          startMs,
          durationMs: length,
          canvas,
          look,
        }),
      );
    startMs += length;
  });

  const titleMs = Math.min(TITLE_MS, lengths[0] ?? TITLE_MS);
  const tracks: Track[] = [
    { id: TRACK_IDS.video, kind: 'video', name: 'Your clips', segments: scenes },
    { id: TRACK_IDS.music, kind: 'audio', name: music.name, segments: [music.segment] },
    {
      id: TRACK_IDS.title,
      kind: 'text',
      name: 'Title',
      segments: [
        makeTextSegment({
          id: 'title-1',
          role: 'title',
          text: title,
          startMs: 0,
          durationMs: titleMs,
          canvas,
          look,
        }),
      ],
    },
  ];
  if (overlays.length > 0)
    tracks.push({ id: TRACK_IDS.overlays, kind: 'text', name: 'Overlays', segments: overlays });
  const clipSound = brief.clipSound ? clipSoundSegments(scenes, media) : [];
  if (clipSound.length > 0)
    tracks.splice(2, 0, {
      id: CLIP_SOUND_TRACK_ID,
      kind: 'audio',
      name: 'Clip sound',
      segments: clipSound,
    });
  return { title, canvas, durationMs, look, tracks };
}

/** Id of the track holding the clips' own sound. */
export const CLIP_SOUND_TRACK_ID = 'audio-clips';

/** One audio segment per video segment whose clip has sound, in step with the picture. */
function clipSoundSegments(
  scenes: readonly VideoSegment[],
  media: readonly MediaSummary[],
): AudioSegment[] {
  return scenes.flatMap((scene): AudioSegment[] => {
    if (scene.visual.type !== 'media') return [];
    const { mediaId, sourceStartMs } = scene.visual;
    const item = media.find((candidate) => candidate.id === mediaId);
    if (item?.kind !== 'video' || !item.hasAudio) return [];
    const fade = Math.min(CLIP_SOUND_FADE_MS, Math.floor(scene.durationMs / 2));
    return [
      {
        id: `clip-sound-${scene.id}`,
        startMs: scene.startMs,
        durationMs: scene.durationMs,
        label: `${mediaLabel(item.name)} sound`,
        source: { type: 'media', mediaId, sourceStartMs },
        volume: CLIP_SOUND_VOLUME,
        fadeInMs: fade,
        fadeOutMs: fade,
      },
    ];
  });
}

/**
 * Segment lengths with the cuts between them moved onto the music's beats (shared/beat-grid.ts:
 * the generated music's tempo, or the beat detected in an uploaded sound); the lengths as they
 * were when the music's beat is unknown or a clip would have to run longer than itself.
 */
function lengthsOnBeat(
  lengths: readonly number[],
  items: readonly MediaSummary[],
  music: AudioSegment,
): number[] {
  const grid = segmentBeatGrid(music);
  if (!grid || lengths.length < 2) return [...lengths];
  const ends = lengths.map((_, i) => lengths.slice(0, i + 1).reduce((sum, ms) => sum + ms, 0));
  const totalMs = ends[ends.length - 1] ?? 0;
  const cuts = snapCutsToBeats(ends.slice(0, -1), beatTimesMs(grid, 0, totalMs), {
    startMs: 0,
    endMs: totalMs,
  });
  const snapped = [...cuts, totalMs].map((end, i) => end - (i > 0 ? (cuts[i - 1] ?? 0) : 0));
  const clipsFit = snapped.every(
    (ms, i) => items[i]?.kind !== 'video' || ms <= (items[i]?.durationMs ?? 0),
  );
  return clipsFit ? snapped : [...lengths];
}

/** The first uploaded sound as music (looped by the renderer, faded out), or generated music if none. */
function musicFor(
  brief: Brief,
  media: readonly MediaSummary[],
  durationMs: number,
): { name: string; segment: AudioSegment } {
  const volume = brief.musicVolume ?? DEFAULT_MUSIC_VOLUME;
  const sound = media.find((item) => item.kind === 'audio');
  if (!sound) {
    const mood = brief.mood;
    return { name: MOOD_NAMES[mood], segment: musicSegment(mood, durationMs, volume) };
  }
  const label = mediaLabel(sound.name);
  return {
    name: label,
    segment: {
      id: 'bgm-1',
      startMs: 0,
      durationMs,
      label: `${label} music`,
      source: {
        type: 'media',
        mediaId: sound.id,
        sourceStartMs: 0,
        ...(sound.beat ? { beat: sound.beat } : {}),
      },
      volume,
      fadeInMs: 0,
      fadeOutMs: Math.min(MUSIC_FADE_OUT_MS, Math.floor(durationMs / 2)),
    },
  };
}
