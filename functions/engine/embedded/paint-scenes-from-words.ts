/**
 * @module paint-scenes-from-words
 * Turns a planned storyboard's plain gradient scenes into painted scenes (layers of sky, land,
 * city, space, interior or abstract backdrop) that show what the words talk about: each scene's
 * own words when they name a subject, else the whole prompt's. A prompt that names nothing the
 * painter knows keeps its gradient scenes.
 */
import type { Draft, Look, Track, VideoSegment } from '../../../shared/draft-schema';
import { MAX_SCENE_SEED } from '../../../shared/scene-layers-schema';
import { hashText } from './pick-look';
import { pickSceneLayers } from './pick-scene-layers';

/** Seeds of consecutive scenes differ by this prime, so each scene's skyline or stars differ. */
const SEED_STEP = 7_919;

/** The colours of a look that abstract and interior layers use: its accent, then its background. */
export function sceneColors(look: Look): string[] {
  return [look.accent, ...look.background].slice(0, 4);
}

/**
 * The draft with each generated (gradient) scene painted from the words.
 * @param draft a planned draft (not changed)
 * @param prompt the visitor's words that planned it
 * @returns a new draft; scenes with uploads are kept as they are
 */
export function paintScenesFromWords(draft: Draft, prompt: string): Draft {
  const colors = sceneColors(draft.look);
  const baseSeed = hashText(prompt) % MAX_SCENE_SEED;
  let index = 0;
  const paint = (segment: VideoSegment): VideoSegment => {
    if (segment.visual.type !== 'generated') return segment;
    const seed = (baseSeed + SEED_STEP * index) % MAX_SCENE_SEED;
    index += 1;
    const scene =
      pickSceneLayers(segment.label, colors, seed) ?? pickSceneLayers(prompt, colors, seed);
    if (scene === null) return segment;
    return { ...segment, visual: { type: 'scene', scene, motion: segment.visual.motion } };
  };
  const tracks = draft.tracks.map(
    (track): Track =>
      track.kind === 'video' ? { ...track, segments: track.segments.map(paint) } : track,
  );
  return { ...draft, tracks };
}
