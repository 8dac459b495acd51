import { describe, expect, it } from 'vitest';
import { type SceneLayers, type Scenery, scenerySchema } from '../../../shared/scene-layers-schema';
import { pickScenery } from './pick-scene-layers';

function pick(text: string): Scenery | null {
  return pickScenery(text, 5);
}

/** Six prompt families, each in English and Chinese: the sky and the layers that show it. */
const FAMILIES: ReadonlyArray<{
  prompts: readonly [string, string];
  sky: SceneLayers['sky'];
  layers: SceneLayers['layers'];
}> = [
  {
    prompts: [
      'generate a 15-second clip of a sunset over a city skyline with calm background music',
      '生成一段15秒的城市天际线日落视频，配上舒缓的背景音乐',
    ],
    sky: { time: 'sunset', weather: 'clear' },
    layers: ['sun', 'skyline'],
  },
  {
    prompts: ['a relaxing video about the ocean and the beach', '一段关于海洋和海滩的放松视频'],
    sky: { time: 'day', weather: 'clear' },
    layers: ['sun', 'sea', 'beach'],
  },
  {
    prompts: ['a 20 second video about space and rockets', '一段关于太空和火箭的20秒视频'],
    sky: null,
    layers: ['space', 'nebula', 'stars', 'planets'],
  },
  {
    prompts: ['make a promo for our new software product', '为我们的新软件产品做一个宣传视频'],
    sky: null,
    layers: ['grid', 'shapes'],
  },
  {
    prompts: ['a short video about cooking pasta at home', '一段关于在家烹饪意大利面的短视频'],
    sky: null,
    layers: ['kitchen'],
  },
  {
    prompts: ['an energetic fitness video for our gym', '为我们的健身房做一个充满活力的健身视频'],
    sky: null,
    layers: ['stage', 'particles'],
  },
];

describe('pickScenery: words to a painted scenery', () => {
  for (const family of FAMILIES) {
    for (const prompt of family.prompts) {
      it(`"${prompt}" → ${family.sky ? `${family.sky.time} sky, ` : ''}${family.layers.join(' + ')}`, () => {
        const scene = pick(prompt);
        expect(scene?.sky).toEqual(family.sky);
        expect(scene?.layers).toEqual(family.layers);
        expect(scenerySchema.parse(scene)).toEqual(scene);
      });
    }
  }

  it('reads time of day and weather: a rainy night in the city has the moon and stars over it', () => {
    expect(pick('a rainy night in the city')).toMatchObject({
      sky: { time: 'night', weather: 'rain' },
      layers: ['stars', 'moon', 'skyline'],
    });
    expect(pick('下雪的清晨，雪山')).toMatchObject({
      sky: { time: 'dawn', weather: 'snow' },
      layers: ['sun', 'mountains', 'hills'],
    });
    expect(pick('hiking through a foggy forest')?.sky).toEqual({ time: 'day', weather: 'fog' });
  });

  it('is the same for the same words and seed, and says null when no words fit', () => {
    expect(pick('ocean and beach')).toEqual(pick('ocean and beach'));
    expect(pickScenery('ocean', 9)?.seed).toBe(9);
    expect(pick('why onboarding matters')).toBeNull();
    expect(pick('谢谢')).toBeNull();
  });

  it('does not take "background music" for a stage', () => {
    expect(pick('calm background music over a desert at golden hour')).toMatchObject({
      sky: { time: 'golden-hour', weather: 'clear' },
      layers: ['sun', 'desert'],
    });
  });
});
