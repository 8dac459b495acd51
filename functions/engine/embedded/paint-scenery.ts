/**
 * @module paint-scenery
 * Turns a planned storyboard's plain gradient scenes into painted scenes (web/render/paint/)
 * showing the brief's scenery — sky, land, city, space, interior or abstract layers — in the
 * look's colours, each scene with its own seed so skylines and stars differ from scene to scene.
 * Reads no words: the scenery was read once into the brief (read-brief).
 */
import type { Draft, Look, Track, VideoSegment } from '../../../shared/draft-schema';
import { MAX_SCENE_SEED, type Scenery } from '../../../shared/scene-layers-schema';

/** Seeds of consecutive scenes differ by this prime, so each scene's skyline or stars differ. */
const SEED_STEP = 7_919;

/** The colours of a look that abstract and interior layers use: its accent, then its background. */
export function sceneColors(look: Look): string[] {
  return [look.accent, ...look.background].slice(0, 4);
}

/**
 * The draft with each generated (gradient) scene painted with `scenery`, keeping its
 * illustration and layout.
 * @param draft a planned draft (not changed)
 * @returns a new draft; scenes of uploads are kept as they are
 */
export function paintScenery(draft: Draft, scenery: Scenery): Draft {
  const colors = sceneColors(draft.look);
  let index = 0;
  const paint = (segment: VideoSegment): VideoSegment => {
    if (segment.visual.type !== 'generated') return segment;
    const seed = (scenery.seed + SEED_STEP * index) % MAX_SCENE_SEED;
    index += 1;
    const { motion, illustration, layout } = segment.visual;
    return {
      ...segment,
      visual: {
        type: 'scene',
        scene: { ...scenery, colors, seed },
        motion,
        ...(illustration ? { illustration } : {}),
        ...(layout ? { layout } : {}),
      },
    };
  };
  const tracks = draft.tracks.map(
    (track): Track =>
      track.kind === 'video' ? { ...track, segments: track.segments.map(paint) } : track,
  );
  return { ...draft, tracks };
}
