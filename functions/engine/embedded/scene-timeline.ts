/**
 * @module scene-timeline
 * The scene edits applied to a draft: a scene's text, moving (or swapping) scenes and removing
 * one. A scene is a segment of the first video track; what lies wholly within its time (its
 * caption, a clip's own sound) belongs to it and goes where it goes. Timing stays whole: scenes
 * are re-laid end to end, what spans several scenes (music, overlays) keeps its time or closes
 * over a removed scene, and every segment still ends within the video.
 */
import type {
  AudioSegment,
  Draft,
  TextSegment,
  Track,
  VideoSegment,
} from '../../../shared/draft-schema';
import {
  MAX_NAME_CHARS,
  MAX_TITLE_CHARS,
  MIN_DRAFT_DURATION_MS,
} from '../../../shared/draft-schema';
import type { SceneRef } from '../../../shared/edit-op-schema';
import { directorWords } from './director-words';
import type { OpApplier } from './edit-step';
import { addToTextTrack, mapTextSegments } from './edit-step';
import { TRACK_IDS } from './plan-storyboard';
import { makeTextSegment } from './text-layout';

type Segment = VideoSegment | AudioSegment | TextSegment;
type Span = { startMs: number; endMs: number };

/** The scenes: the first video track's segments in play order (empty when there is none). */
export function scenesOf(draft: Draft): VideoSegment[] {
  const track = draft.tracks.find((t) => t.kind === 'video');
  return track?.kind === 'video' ? [...track.segments].sort((a, b) => a.startMs - b.startMs) : [];
}

/**
 * The 0-based index of the scene a reference names, or null when there is no such scene.
 * A label is matched case-insensitively against the part after "Scene N: ".
 */
export function sceneIndex(scenes: readonly VideoSegment[], ref: SceneRef): number | null {
  if (scenes.length === 0) return null;
  if (ref === 'first') return 0;
  if (ref === 'last') return scenes.length - 1;
  if (typeof ref === 'number') return ref <= scenes.length ? ref - 1 : null;
  const wanted = ref.label.toLowerCase();
  const index = scenes.findIndex((s) =>
    s.label
      .replace(/^Scene \d+:\s*/u, '')
      .toLowerCase()
      .includes(wanted),
  );
  return index < 0 ? null : index;
}

function spanOf(segment: Segment): Span {
  return { startMs: segment.startMs, endMs: segment.startMs + segment.durationMs };
}

function within(segment: Segment, span: Span): boolean {
  const own = spanOf(segment);
  return own.startMs >= span.startMs && own.endMs <= span.endMs;
}

/** "Scene 3: Beach" → "Scene 1: Beach" for its new place; other labels stay. */
function renumber(label: string, sceneNumber: number): string {
  return label.replace(/^Scene \d+:/u, `Scene ${sceneNumber}:`);
}

/** Each track's segments sorted by start (after a move). */
function sortTracks(tracks: Track[]): Track[] {
  return tracks.map(
    (track) =>
      ({ ...track, segments: [...track.segments].sort((a, b) => a.startMs - b.startMs) }) as Track,
  );
}

/**
 * The draft with its scenes in a new order: `order[k]` is the old index of the scene played
 * k-th. Scenes are laid end to end from the first scene's start; what lies within a scene moves
 * by the same amount; the first scene has no entrance transition and the one that was first
 * gets the others' transition.
 */
export function reorderScenes(draft: Draft, order: readonly number[]): Draft {
  const scenes = scenesOf(draft);
  const spans = scenes.map(spanOf);
  const shift = new Map<number, number>();
  let at = spans[0]?.startMs ?? 0;
  const entrance = scenes.find((s) => s.transitionIn)?.transitionIn;
  const moved = new Map<string, VideoSegment>();
  order.forEach((oldIndex, newIndex) => {
    const scene = scenes[oldIndex];
    if (!scene) return;
    shift.set(oldIndex, at - scene.startMs);
    const { transitionIn: _old, ...rest } = scene;
    const transitionIn =
      newIndex === 0
        ? undefined
        : (scene.transitionIn ??
          (entrance && {
            ...entrance,
            durationMs: Math.min(entrance.durationMs, Math.floor(scene.durationMs / 2)),
          }));
    moved.set(scene.id, {
      ...rest,
      startMs: at,
      label: renumber(scene.label, newIndex + 1),
      ...(transitionIn ? { transitionIn } : {}),
    });
    at += scene.durationMs;
  });
  const sceneTrackId = draft.tracks.find((t) => t.kind === 'video')?.id;
  const follow = <S extends Segment>(segment: S): S => {
    const owner = spans.findIndex((span) => within(segment, span));
    const by = owner < 0 ? 0 : (shift.get(owner) ?? 0);
    return by === 0 ? segment : { ...segment, startMs: segment.startMs + by };
  };
  const tracks = draft.tracks.map((track): Track => {
    if (track.id === sceneTrackId && track.kind === 'video')
      return { ...track, segments: track.segments.map((s) => moved.get(s.id) ?? s) };
    if (track.kind === 'video') return { ...track, segments: track.segments.map(follow) };
    if (track.kind === 'audio') return { ...track, segments: track.segments.map(follow) };
    return { ...track, segments: track.segments.map(follow) };
  });
  return { ...draft, tracks: sortTracks(tracks) };
}

/** A time after cutting `[cut.startMs, cut.endMs)` out of the timeline. */
function closeOver(timeMs: number, cut: Span): number {
  if (timeMs <= cut.startMs) return timeMs;
  if (timeMs >= cut.endMs) return timeMs - (cut.endMs - cut.startMs);
  return cut.startMs;
}

/**
 * The draft without scene `index` and what lies within it; later segments move up by its
 * length, segments across it close over it, fades and transitions are capped at half their
 * segment. The video gets shorter by the scene's length.
 */
export function cutScene(draft: Draft, index: number): Draft {
  const scenes = scenesOf(draft);
  const scene = scenes[index];
  if (!scene) return draft;
  const cut = spanOf(scene);
  const durationMs = draft.durationMs - (cut.endMs - cut.startMs);
  const firstLeft = scenes.find((s) => s.id !== scene.id)?.id;
  const fit = <S extends Segment>(segment: S): S | null => {
    if (segment.id === scene.id || within(segment, cut)) return null;
    const own = spanOf(segment);
    const startMs = closeOver(own.startMs, cut);
    const length = closeOver(own.endMs, cut) - startMs;
    return length > 0 ? { ...segment, startMs, durationMs: length } : null;
  };
  const kept = <S>(items: (S | null)[]): S[] => items.filter((s): s is S => s !== null);
  const tracks = draft.tracks.map((track): Track => {
    switch (track.kind) {
      case 'video':
        return {
          ...track,
          segments: kept(track.segments.map(fit)).map((s, i) => {
            const { transitionIn, ...rest } = s;
            const sceneNumber = scenes.findIndex((x) => x.id === s.id);
            const label = sceneNumber > index ? renumber(s.label, sceneNumber) : s.label;
            if (!transitionIn || s.id === firstLeft || i === 0) return { ...rest, label };
            return {
              ...rest,
              label,
              transitionIn: {
                ...transitionIn,
                durationMs: Math.min(transitionIn.durationMs, Math.floor(s.durationMs / 2)),
              },
            };
          }),
        };
      case 'audio':
        return {
          ...track,
          segments: kept(track.segments.map(fit)).map((s) => ({
            ...s,
            fadeInMs: Math.min(s.fadeInMs, Math.floor(s.durationMs / 2)),
            fadeOutMs: Math.min(s.fadeOutMs, Math.floor(s.durationMs / 2)),
          })),
        };
      default:
        return { ...track, segments: kept(track.segments.map(fit)) };
    }
  });
  return {
    ...draft,
    durationMs,
    tracks: tracks.filter((t) => t.kind === 'video' || t.segments.length > 0),
  };
}

/** Moves (or swaps) scenes; a note when the scene is already there; null for a scene not found. */
export const applyMoveScene: OpApplier<'move-scene'> = (draft, op, cjk) => {
  const scenes = scenesOf(draft);
  const from = sceneIndex(scenes, op.from);
  const to = sceneIndex(scenes, op.to);
  if (from === null || to === null) return null;
  if (from === to) return { draft, note: directorWords(cjk).sceneAlreadyThere(to + 1) };
  const order = scenes.map((_s, i) => i);
  if (op.swap) {
    order[from] = to;
    order[to] = from;
  } else {
    order.splice(from, 1);
    order.splice(to, 0, from);
  }
  return { draft: reorderScenes(draft, order) };
};

/** Removes a scene; a note when it is the last one left or the video would be under 1 s. */
export const applyRemoveScene: OpApplier<'remove-scene'> = (draft, op, cjk) => {
  const scenes = scenesOf(draft);
  const index = sceneIndex(scenes, op.scene);
  if (index === null) return null;
  const scene = scenes[index];
  if (!scene || scenes.length < 2 || draft.durationMs - scene.durationMs < MIN_DRAFT_DURATION_MS)
    return { draft, note: directorWords(cjk).lastScene };
  return { draft: cutScene(draft, index) };
};

/**
 * Sets the words a scene shows: its captions, else its title (the title card), else a new
 * caption for the scene's time. The scene's label follows the text.
 */
export const applySceneText: OpApplier<'set-scene-text'> = (draft, op) => {
  const scenes = scenesOf(draft);
  const index = sceneIndex(scenes, op.scene);
  const scene = index === null ? undefined : scenes[index];
  if (index === null || !scene) return null;
  const span = spanOf(scene);
  const texts = draft.tracks.flatMap((t) =>
    t.kind === 'text' ? t.segments.filter((s) => within(s, span) && s.role !== 'overlay') : [],
  );
  const role = texts.some((s) => s.role === 'caption') ? 'caption' : texts[0]?.role;
  let next: Draft;
  if (role !== undefined) {
    next = mapTextSegments(draft, (s) =>
      s.role === role && within(s, span) ? { ...s, text: op.text } : s,
    );
    if (role === 'title') next = { ...next, title: op.text.slice(0, MAX_TITLE_CHARS) };
  } else {
    const segment = makeTextSegment({
      id: `caption-${scene.id}`,
      role: 'caption',
      text: op.text,
      startMs: scene.startMs,
      durationMs: scene.durationMs,
      canvas: draft.canvas,
      look: draft.look,
    });
    next = addToTextTrack(draft, TRACK_IDS.captions, 'Captions', segment);
  }
  const label = `Scene ${index + 1}: ${op.text}`.slice(0, MAX_NAME_CHARS);
  const tracks = next.tracks.map(
    (track): Track =>
      track.kind === 'video'
        ? {
            ...track,
            segments: track.segments.map((s) => (s.id === scene.id ? { ...s, label } : s)),
          }
        : track,
  );
  return { draft: { ...next, tracks } };
};
