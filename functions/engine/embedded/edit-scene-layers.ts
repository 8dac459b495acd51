/**
 * @module edit-scene-layers
 * Chat edits of painted scenes: "make it night", "add rain", "more clouds", "no skyline", "add
 * mountains" (and 夜晚, 下雨, 多一些云, 去掉天际线, 加上山). {@link editSceneLayers} is the pure
 * rule on one scene; {@link sceneLayersHandler} applies it to every painted scene of a draft.
 */
import type { Draft, Track } from '../../../shared/draft-schema';
import type { SceneLayerKind, SceneLayers } from '../../../shared/scene-layers-schema';
import type { EditHandler, EditStep } from './edit-step';
import { orderLayers, skyTimeIn, skyWeatherIn, withCelestial } from './pick-scene-layers';
import { LAYER_NAME_WORDS, SKY_TIME_WORDS, SKY_WEATHER_WORDS } from './scene-words';

const REMOVE =
  /\b(?:no|remove|without|drop|delete|hide|lose|get rid of|take (?:away|out)|stop)\b|去掉|不要|删除|删掉|移除|去除|拿掉|停止|别/u;
const MORE_CLOUDS = /\bmore clouds\b|多一些云|多一点云|更多的?云|多云/u;
/** Clauses about colours belong to the look ("use the sunset palette"), not the scene. */
const LOOK_WORDS = /\b(?:palette|theme|colou?r scheme|colou?rs|look|style)\b|配色|主题|风格|色调/u;

/** The layer kinds a clause names. */
function layersNamed(clause: string): SceneLayerKind[] {
  return LAYER_NAME_WORDS.filter(([, words]) => words.test(clause)).map(([kind]) => kind);
}

/** True when the clause is about a painted scene (a time of day, weather, or a layer's name). */
export function isSceneClause(clause: string): boolean {
  if (LOOK_WORDS.test(clause)) return false;
  return (
    SKY_TIME_WORDS.some(([, words]) => words.test(clause)) ||
    SKY_WEATHER_WORDS.some(([, words]) => words.test(clause)) ||
    layersNamed(clause).length > 0
  );
}

/**
 * One scene after an edit clause.
 * @param scene the scene before (not changed)
 * @param clause one clause of a message, lower-cased ("make it night", "去掉天际线")
 * @returns the edited scene (equal in content to `scene` when it already was so), or null when
 *   the clause asks for nothing a scene can do (a time of day for a scene without a sky)
 */
export function editSceneLayers(scene: SceneLayers, clause: string): SceneLayers | null {
  const removing = REMOVE.test(clause);
  const named = layersNamed(clause);
  const weather = MORE_CLOUDS.test(clause) ? 'clouds' : skyWeatherIn(clause);
  // A weather word wins over a layer it contains ("no rain" is weather; "no stars" a layer).
  if (weather !== null && scene.sky) {
    return {
      ...scene,
      sky: { ...scene.sky, weather: removing && weather !== 'clear' ? 'clear' : weather },
    };
  }
  const time = skyTimeIn(clause);
  if (time !== null && named.length === 0) {
    if (!scene.sky) return null;
    return { ...scene, sky: { ...scene.sky, time }, layers: withCelestial(scene.layers, time) };
  }
  if (named.length === 0) return null;
  const layers = removing
    ? scene.layers.filter((kind) => !named.includes(kind))
    : orderLayers([...scene.layers, ...named]);
  return { ...scene, layers };
}

/** The draft with every painted scene edited by `clause`; null when no scene could be. */
function editScenes(draft: Draft, clause: string): Draft | null {
  let edited = false;
  const tracks = draft.tracks.map((track): Track => {
    if (track.kind !== 'video') return track;
    return {
      ...track,
      segments: track.segments.map((segment) => {
        if (segment.visual.type !== 'scene') return segment;
        const scene = editSceneLayers(segment.visual.scene, clause);
        if (scene === null) return segment;
        edited = true;
        return { ...segment, visual: { ...segment.visual, scene } };
      }),
    };
  });
  return edited ? { ...draft, tracks } : null;
}

/** See the module doc. Tried before the look, so "make it sunset" changes the sky. */
export const sceneLayersHandler: EditHandler = {
  name: 'scene-layers',
  matches: isSceneClause,
  apply(draft, clause): EditStep | null {
    const next = editScenes(draft, clause);
    return next === null ? null : { draft: next };
  },
};
