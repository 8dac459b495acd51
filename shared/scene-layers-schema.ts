/**
 * @module scene-layers-schema
 * A painted scene as data: a sky (time of day, weather) and a short list of layers drawn bottom
 * to top (sun, skyline, sea…), plus a seed. The director picks them from the prompt's words, chat
 * edits change them ("make it night", "add rain", "no skyline"), and the browser paints them
 * procedurally (web/render/paint/): the same scene, seed, time and canvas size always give the
 * same pixels, in the preview and in every chunk of an export.
 *
 * Bounded like the rest of the draft (draft-schema.ts): at most {@link MAX_SCENE_LAYERS} layers of
 * a few bytes each, so a scene adds well under 1 KB to a video segment.
 */
import * as z from 'zod/mini';

/**
 * Most layers in one scene: 8. A full landscape (sun, clouds-free sky, mountains, hills, forest,
 * sea, beach) uses 6; more would cost draw time without adding anything a viewer can tell apart.
 */
export const MAX_SCENE_LAYERS = 8;
/** Largest seed: 2^31 − 1, so seeds stay small non-negative integers in JSON. */
export const MAX_SCENE_SEED = 2_147_483_647;

/** Times of day a sky can show, in the order of a day. */
export const SKY_TIMES = ['dawn', 'day', 'golden-hour', 'sunset', 'dusk', 'night'] as const;
/** Weather over a sky: `clouds` adds more clouds; rain, snow and fog fall or drift in front of the scene. */
export const SKY_WEATHERS = ['clear', 'clouds', 'rain', 'snow', 'fog'] as const;

/**
 * Layer kinds, by family: celestial (`sun`, `moon`, `stars`), land and water (`skyline` … `snowfield`),
 * space (`space` is its black backdrop, `planets`, `nebula`), interiors kept simple (`desk`,
 * `stage`, `kitchen`) and abstract backdrops (`shapes` … `waves`).
 */
export const SCENE_LAYER_KINDS = [
  'sun',
  'moon',
  'stars',
  'skyline',
  'mountains',
  'hills',
  'sea',
  'beach',
  'forest',
  'desert',
  'snowfield',
  'space',
  'planets',
  'nebula',
  'desk',
  'stage',
  'kitchen',
  'shapes',
  'particles',
  'bokeh',
  'grid',
  'waves',
] as const;

export const skyTimeSchema = z.enum(SKY_TIMES);
export const skyWeatherSchema = z.enum(SKY_WEATHERS);
export const sceneLayerKindSchema = z.enum(SCENE_LAYER_KINDS);

const hexColor = z.string().check(z.regex(/^#[0-9a-fA-F]{6}$/, 'expected a #rrggbb colour'));

/** The sky behind every layer: its colours follow the time of day; weather may veil it. */
export const skySchema = z.object({
  time: skyTimeSchema,
  weather: skyWeatherSchema,
});

/** A painted scene: sky, layers bottom to top, seed of every procedural choice. */
export const sceneLayersSchema = z.object({
  /** The sky, or null for scenes that have none (space, interiors, abstract backdrops). */
  sky: z.nullable(skySchema),
  layers: z.array(sceneLayerKindSchema).check(
    z.maxLength(MAX_SCENE_LAYERS, {
      message: `a scene has more than ${MAX_SCENE_LAYERS} layers`,
    }),
  ),
  /**
   * Colours of the abstract and interior layers (the look's accent and background, usually);
   * landscapes take theirs from the sky.
   */
  colors: z.array(hexColor).check(z.minLength(1), z.maxLength(4)),
  seed: z.number().check(z.int(), z.minimum(0), z.maximum(MAX_SCENE_SEED)),
});

/**
 * What a brief asks the scenes to show, before the look is chosen: the scene without its
 * colours (the planner adds the look's), with the seed of the first scene (the next scenes take
 * the following seeds).
 */
export const scenerySchema = z
  .omit(sceneLayersSchema, { colors: true })
  .check(z.describe('The painted scenery of every scene: sky (or null), layers far to near, seed'));

/** Most layers one edit adds or removes. */
const MAX_EDITED_LAYERS = MAX_SCENE_LAYERS;

/** A change to the scenery of every painted scene (an edit op, see edit-op-schema.ts). */
export const sceneryChangeSchema = z.object({
  time: z
    .optional(skyTimeSchema)
    .check(z.describe('New time of day (the sun, moon and stars follow it)')),
  weather: z.optional(skyWeatherSchema).check(z.describe('New weather')),
  add: z
    .optional(z.array(sceneLayerKindSchema).check(z.maxLength(MAX_EDITED_LAYERS)))
    .check(z.describe('Layers to add (kept far to near)')),
  remove: z
    .optional(z.array(sceneLayerKindSchema).check(z.maxLength(MAX_EDITED_LAYERS)))
    .check(z.describe('Layers to take away')),
});

export type Scenery = z.infer<typeof scenerySchema>;
export type SceneryChange = z.infer<typeof sceneryChangeSchema>;
export type SkyTime = z.infer<typeof skyTimeSchema>;
export type SkyWeather = z.infer<typeof skyWeatherSchema>;
export type SceneLayerKind = z.infer<typeof sceneLayerKindSchema>;
export type Sky = z.infer<typeof skySchema>;
export type SceneLayers = z.infer<typeof sceneLayersSchema>;
