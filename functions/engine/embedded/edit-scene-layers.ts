/**
 * @module edit-scene-layers
 * Chat edits of painted scenes: "make it night", "add rain", "more clouds", "no skyline", "add
 * mountains" (and 夜晚, 下雨, 多一些云, 去掉天际线, 加上山). {@link sceneryHandler} reads a
 * `set-scenery` op from a clause; {@link changeScene} is the pure rule on one scene, and
 * {@link applySceneryOp} applies it to every painted scene of a draft.
 */
import type { Draft, Track } from '../../../shared/draft-schema';
import type { EditOpOf } from '../../../shared/edit-op-schema';
import type {
  SceneLayerKind,
  SceneLayers,
  SceneryChange,
} from '../../../shared/scene-layers-schema';
import type { EditHandler, OpApplier } from './edit-step';
import { orderLayers, skyTimeIn, skyWeatherIn, withCelestial } from './pick-scene-layers';
import { LAYER_NAME_WORDS, SKY_TIME_WORDS, SKY_WEATHER_WORDS } from './scene-words';

const REMOVE =
  /\b(?:no|remove|without|drop|delete|hide|lose|get rid of|take (?:away|out)|stop)\b|去掉|不要|删除|删掉|移除|去除|拿掉|停止|别/u;
const ADD = /\b(?:add|put|show|include|bring (?:in|back))\b|加上|添加|增加|加|来点|放/u;
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
 * The change to the scenery a clause asks for.
 * @param clause one clause of a message, lower-cased ("make it night", "去掉天际线")
 * @returns the change, or null when the clause names no time, weather or layer
 */
export function readSceneryChange(clause: string): SceneryChange | null {
  const removing = REMOVE.test(clause);
  const named = layersNamed(clause);
  const weather = MORE_CLOUDS.test(clause) ? 'clouds' : skyWeatherIn(clause);
  // A weather word wins over a layer it contains ("no rain" is weather; "no stars" a layer).
  if (weather !== null) return { weather: removing && weather !== 'clear' ? 'clear' : weather };
  const time = skyTimeIn(clause);
  if (time !== null && named.length === 0) return { time };
  if (named.length === 0) return null;
  if (removing) return { remove: named };
  // Naming a layer is not asking for it ("fly to the moon"): adding needs a verb.
  return ADD.test(clause) ? { add: named } : null;
}

/**
 * One scene after a change.
 * @returns the changed scene (equal in content when it already was so), or null when the change
 *   cannot apply (a time of day or weather for a scene without a sky)
 */
export function changeScene(scene: SceneLayers, change: SceneryChange): SceneLayers | null {
  let next = scene;
  if (change.time !== undefined || change.weather !== undefined) {
    if (!next.sky) return null;
    const time = change.time ?? next.sky.time;
    next = {
      ...next,
      sky: { time, weather: change.weather ?? next.sky.weather },
      layers: change.time !== undefined ? withCelestial(next.layers, time) : next.layers,
    };
  }
  const removed = new Set(change.remove ?? []);
  return {
    ...next,
    layers: orderLayers([
      ...next.layers.filter((kind) => !removed.has(kind)),
      ...(change.add ?? []),
    ]),
  };
}

/** See the module doc. Tried after the others, so "change the title to Launch Day" stays a title edit. */
export const sceneryHandler: EditHandler<EditOpOf<'set-scenery'>> = {
  name: 'scenery',
  matches: isSceneClause,
  read(clause) {
    const change = readSceneryChange(clause);
    return change === null ? null : { op: 'set-scenery', ...change };
  },
};

/** Every painted scene changed; null when the draft has none the change can apply to. */
export const applySceneryOp: OpApplier<'set-scenery'> = (draft: Draft, op) => {
  const { op: _kind, said: _said, ...change } = op;
  let changed = false;
  const tracks = draft.tracks.map((track): Track => {
    if (track.kind !== 'video') return track;
    return {
      ...track,
      segments: track.segments.map((segment) => {
        if (segment.visual.type !== 'scene') return segment;
        const scene = changeScene(segment.visual.scene, change);
        if (scene === null) return segment;
        changed = true;
        return { ...segment, visual: { ...segment.visual, scene } };
      }),
    };
  });
  return changed ? { draft: { ...draft, tracks } } : null;
};
