/**
 * @module pick-scene-layers
 * Words in, a painted scenery out: which layers (sky, sun, skyline, sea, kitchen…) show what the
 * prompt talks about, in English and in Chinese. "sunset over a city skyline" gives a sunset sky
 * with the sun and a skyline; "海洋和海滩" gives the sea and a beach; "a software product" an
 * abstract grid with shapes. Pure and deterministic: the same words give the same scene.
 */
import {
  MAX_SCENE_LAYERS,
  MAX_SCENE_SEED,
  type SceneLayerKind,
  type Scenery,
  type SkyTime,
  type SkyWeather,
} from '../../../shared/scene-layers-schema';
import { SCENE_SUBJECTS, SKY_TIME_WORDS, SKY_WEATHER_WORDS } from './scene-words';

/**
 * Layers in the order they are painted, far to near: a scene's layers are always sorted so, so
 * "add a sun" puts the sun behind the skyline, not in front of it.
 */
export const LAYER_ORDER: readonly SceneLayerKind[] = [
  'space',
  'nebula',
  'stars',
  'moon',
  'sun',
  'planets',
  'mountains',
  'desert',
  'snowfield',
  'hills',
  'forest',
  'skyline',
  'sea',
  'beach',
  'desk',
  'stage',
  'kitchen',
  'grid',
  'waves',
  'bokeh',
  'shapes',
  'particles',
];

/** Celestial layers, replaced when the time of day changes. */
const CELESTIAL: ReadonlySet<SceneLayerKind> = new Set(['sun', 'moon', 'stars']);

/** What a sky shows at each time: the sun by day, stars at dusk, moon and stars at night. */
export function celestialFor(time: SkyTime): SceneLayerKind[] {
  if (time === 'night') return ['moon', 'stars'];
  if (time === 'dusk') return ['stars'];
  return ['sun'];
}

/** `layers` without repeats, in {@link LAYER_ORDER}, at most {@link MAX_SCENE_LAYERS}. */
export function orderLayers(layers: readonly SceneLayerKind[]): SceneLayerKind[] {
  const wanted = new Set(layers);
  return LAYER_ORDER.filter((kind) => wanted.has(kind)).slice(0, MAX_SCENE_LAYERS);
}

/** `layers` with the celestial ones replaced by those of `time`. */
export function withCelestial(layers: readonly SceneLayerKind[], time: SkyTime): SceneLayerKind[] {
  return orderLayers([...layers.filter((kind) => !CELESTIAL.has(kind)), ...celestialFor(time)]);
}

/** The first time of day the text names, or null. */
export function skyTimeIn(text: string): SkyTime | null {
  return SKY_TIME_WORDS.find(([, words]) => words.test(text))?.[0] ?? null;
}

/** The first weather the text names, or null. */
export function skyWeatherIn(text: string): SkyWeather | null {
  return SKY_WEATHER_WORDS.find(([, words]) => words.test(text))?.[0] ?? null;
}

/**
 * The scenery a prompt's words call for (the planner adds the look's colours).
 * @param text the prompt (any case; English and/or Chinese)
 * @param seed 0..2^31−1, e.g. a hash of the prompt (clamped)
 * @returns the scenery, or null when the words name no subject, time of day or weather (the
 *   planner then keeps its plain gradient scenes)
 * @example pickScenery('a sunset over a city skyline', 1)
 *   // { sky: { time: 'sunset', weather: 'clear' }, layers: ['sun', 'skyline'], seed: 1 }
 */
export function pickScenery(text: string, seed: number): Scenery | null {
  const lower = text.toLowerCase();
  const subjects = SCENE_SUBJECTS.filter((subject) => subject.words.test(lower));
  const time = skyTimeIn(lower);
  const weather = skyWeatherIn(lower);
  const first = subjects[0];
  if (!first && time === null && weather === null) return null;
  const clamped = Math.min(MAX_SCENE_SEED, Math.max(0, Math.floor(seed)));
  if (first && !first.outdoors)
    return { sky: null, layers: orderLayers(first.layers), seed: clamped };
  // Outdoors: every outdoor subject named adds its layers, under a sky.
  const sky = { time: time ?? 'day', weather: weather ?? 'clear' };
  const layers = subjects.filter((subject) => subject.outdoors).flatMap((s) => s.layers);
  return { sky, layers: withCelestial(layers, sky.time), seed: clamped };
}
