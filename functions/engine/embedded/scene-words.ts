/**
 * @module scene-words
 * The words (English and Simplified Chinese) that name what a painted scene shows: subjects that
 * bring layers ("city skyline", "海滩"), times of day ("sunset", "夜晚"), weather ("rain", "下雪")
 * and the name of each layer, for picking a scene from a prompt (pick-scene-layers.ts) and for
 * chat edits of it (edit-scene-layers.ts). English words match whole words of lower-cased text.
 */
import type { SceneLayerKind, SkyTime, SkyWeather } from '../../../shared/scene-layers-schema';

/** A subject of the prompt and the layers that show it. */
export interface SceneSubject {
  name: string;
  words: RegExp;
  layers: readonly SceneLayerKind[];
  /** Subjects outdoors get a sky; interiors, space and abstract ones do not. */
  outdoors: boolean;
}

/**
 * Subjects, most specific first: the first subjects that match give the layers (see
 * pick-scene-layers.ts). Music alone is not a subject ("calm background music" is about the sound).
 */
export const SCENE_SUBJECTS: readonly SceneSubject[] = [
  {
    name: 'space',
    words:
      /\b(?:space|rockets?|planets?|galax(?:y|ies)|astronauts?|universe|cosmos|cosmic|orbit|spaceships?|mars|nasa)\b|太空|火箭|星球|行星|宇宙|银河|宇航|飞船|火星/u,
    layers: ['space', 'stars', 'nebula', 'planets'],
    outdoors: false,
  },
  {
    name: 'beach',
    words: /\b(?:beach(?:es)?|shores?|sand|tropical|islands?|seaside)\b|海滩|沙滩|海边|海岛|热带/u,
    layers: ['sea', 'beach'],
    outdoors: true,
  },
  {
    name: 'sea',
    words:
      /\b(?:oceans?|seas?|surf(?:ing)?|coast(?:al)?|marine|sail(?:ing)?|harbou?r|waves)\b|海洋|大海|海浪|冲浪|航海|港口/u,
    layers: ['sea'],
    outdoors: true,
  },
  {
    name: 'city',
    words:
      /\b(?:city|cities|skylines?|downtown|urban|skyscrapers?|metropolis|streets?|town)\b|城市|天际线|都市|摩天|街道|市中心/u,
    layers: ['skyline'],
    outdoors: true,
  },
  {
    name: 'mountains',
    words:
      /\b(?:mountains?|hik(?:e|es|ing)|alps|peaks?|climb(?:ing)?|summit)\b|高山|山峰|登山|徒步|雪山/u,
    layers: ['mountains', 'hills'],
    outdoors: true,
  },
  {
    name: 'forest',
    words: /\b(?:forests?|woods|trees?|camping|jungle|pines?)\b|森林|树林|露营|丛林/u,
    layers: ['hills', 'forest'],
    outdoors: true,
  },
  {
    name: 'countryside',
    words:
      /\b(?:hills?|countryside|farms?|meadows?|nature|gardens?|fields?|spring|picnic)\b|乡村|草地|田野|自然|花园|春天/u,
    layers: ['hills'],
    outdoors: true,
  },
  {
    name: 'desert',
    words: /\b(?:deserts?|dunes?|sahara|camels?|safari)\b|沙漠|沙丘|骆驼/u,
    layers: ['desert'],
    outdoors: true,
  },
  {
    name: 'winter',
    words:
      /\b(?:winter|ski(?:ing)?|christmas|snowy|snow|ice|frozen)\b|冬天|冬季|滑雪|圣诞|雪地|冰雪/u,
    layers: ['mountains', 'snowfield'],
    outdoors: true,
  },
  {
    name: 'cooking',
    words:
      /\b(?:cook(?:s|ing)?|kitchens?|recipes?|food|chefs?|bak(?:e|ing)|meals?|dinner|lunch|breakfast|cuisine)\b|烹饪|厨房|做饭|菜谱|食谱|美食|烘焙|厨师|料理/u,
    layers: ['kitchen'],
    outdoors: false,
  },
  {
    name: 'fitness',
    words:
      /\b(?:fitness|workouts?|gym|exercis(?:e|es|ing)|training|sports?|yoga|running|athletes?|energetic|cardio)\b|健身|锻炼|运动|瑜伽|跑步|训练/u,
    layers: ['stage', 'particles'],
    outdoors: false,
  },
  {
    name: 'show',
    words:
      /\b(?:concerts?|gigs?|stage|festivals?|party|parties|conferences?|keynote|performances?|theat(?:er|re)|show)\b|演唱会|音乐会|舞台|发布会|派对|演出|剧场/u,
    layers: ['stage', 'bokeh'],
    outdoors: false,
  },
  {
    name: 'office',
    words:
      /\b(?:office|desk|laptop|computer|remote work|productivity|workspace|study|studying|homework)\b|办公|电脑|笔记本|工作台|学习/u,
    layers: ['desk'],
    outdoors: false,
  },
  {
    name: 'software',
    words:
      /\b(?:software|apps?|saas|products?|startups?|tech|technology|code|coding|developers?|platform|digital|ai|data|dashboard|cloud)\b|软件|应用|产品|科技|编程|代码|开发者|平台|数字|人工智能|数据/u,
    layers: ['grid', 'shapes'],
    outdoors: false,
  },
  {
    name: 'celebration',
    words:
      /\b(?:celebrat\w*|birthday|wedding|holiday|lights|magic\w*|dream\w*)\b|庆祝|生日|婚礼|节日|梦幻/u,
    layers: ['bokeh', 'particles'],
    outdoors: false,
  },
  {
    name: 'business',
    words:
      /\b(?:business|finance|growth|marketing|strategy|company|brand|sales|team)\b|商务|金融|增长|营销|战略|公司|品牌|团队/u,
    layers: ['waves', 'bokeh'],
    outdoors: false,
  },
];

/** Times of day, checked in this order (so "golden hour" wins over "hour", "sunset" over "sun"). */
export const SKY_TIME_WORDS: ReadonlyArray<readonly [SkyTime, RegExp]> = [
  ['golden-hour', /\bgolden[ -]hour\b|黄金时刻|金色时刻/u],
  ['sunset', /\b(?:sunsets?|sundown|sunset-lit)\b|日落|夕阳|落日|晚霞/u],
  ['dawn', /\b(?:dawn|sunrise|daybreak|early morning|morning)\b|日出|黎明|清晨|早晨|拂晓/u],
  ['dusk', /\b(?:dusk|twilight|evening)\b|黄昏|傍晚|暮色/u],
  [
    'night',
    /\b(?:night|nights|nighttime|night-time|midnight|moonlit|moonlight|starry|at night)\b|夜晚|夜里|夜景|晚上|深夜|夜空|星空|月光|夜/u,
  ],
  [
    'day',
    /\b(?:day|daytime|daylight|noon|midday|afternoon|sunny|bright)\b|白天|中午|午后|晴天|阳光/u,
  ],
];

/** Weather, checked in this order. */
export const SKY_WEATHER_WORDS: ReadonlyArray<readonly [SkyWeather, RegExp]> = [
  ['rain', /\b(?:rain|rainy|raining|rainfall|storm|stormy|showers?|drizzle)\b|下雨|雨天|雨|暴风/u],
  ['snow', /\b(?:snow|snowy|snowing|snowfall|snowflakes?|blizzard)\b|下雪|雪花|飘雪|大雪/u],
  ['fog', /\b(?:fog|foggy|mist|misty|haze|hazy)\b|雾|薄雾|朦胧/u],
  ['clouds', /\b(?:clouds?|cloudy|overcast|grey sky|gray sky)\b|云|多云|阴天/u],
  ['clear', /\b(?:clear|clear sky|cloudless|no clouds)\b|晴朗|万里无云|晴/u],
];

/** The name of each layer as a visitor says it in an edit ("no skyline", "加上山"). */
export const LAYER_NAME_WORDS: ReadonlyArray<readonly [SceneLayerKind, RegExp]> = [
  ['skyline', /\b(?:skylines?|city|cities|buildings?|skyscrapers?)\b|天际线|城市|高楼|大楼/u],
  ['mountains', /\bmountains?\b|高山|山峰|山脉|大山|雪山|山(?![丘])/u],
  ['hills', /\bhills?\b|山丘|丘陵|草地/u],
  ['beach', /\b(?:beach|sand)\b|海滩|沙滩/u],
  ['sea', /\b(?:sea|ocean|water)\b|大海|海洋|海(?![滩边岛])/u],
  ['forest', /\b(?:forest|trees?|woods)\b|森林|树林|树/u],
  ['desert', /\b(?:desert|dunes?)\b|沙漠|沙丘/u],
  ['snowfield', /\b(?:snow ?field|snowy ground)\b|雪地/u],
  ['sun', /\bsun\b|太阳/u],
  ['moon', /\bmoon\b|月亮/u],
  ['stars', /\bstars?\b|星星|星空/u],
  ['planets', /\bplanets?\b|行星|星球/u],
  ['nebula', /\bnebula(?:e|s)?\b|星云/u],
  ['grid', /\bgrid\b|网格/u],
  ['shapes', /\bshapes?\b|图形|几何/u],
  ['particles', /\bparticles?\b|粒子/u],
  ['bokeh', /\b(?:bokeh|lights?)\b|光斑|灯光/u],
  ['desk', /\b(?:desk|laptop)\b|书桌|桌子|电脑/u],
  ['stage', /\b(?:stage|spotlights?)\b|舞台|聚光灯/u],
  ['kitchen', /\bkitchen\b|厨房/u],
];
