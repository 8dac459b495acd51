import { describe, expect, it } from 'vitest';
import { CHANGE_WORDS_ZH } from '../../../shared/change-words';
import { diffDrafts } from '../../../shared/draft-diff';
import type { SceneLayers } from '../../../shared/scene-layers-schema';
import { applyEdit, planStoryboard } from '../../../test/support/director-from-text';
import { changeScene, isSceneClause, readSceneryChange } from './edit-scene-layers';

/** A clause read into a change and applied to one scene (null when either step refuses). */
function editSceneLayers(scene: SceneLayers, clause: string): SceneLayers | null {
  const change = readSceneryChange(clause);
  return change === null ? null : changeScene(scene, change);
}

const SUNSET_CITY: SceneLayers = {
  sky: { time: 'sunset', weather: 'clear' },
  layers: ['sun', 'skyline'],
  colors: ['#38bdf8'],
  seed: 3,
};

/** Edits in English and Chinese and what they make of a sunset over a city. */
const EDITS: ReadonlyArray<{
  clauses: readonly [string, string];
  sky: SceneLayers['sky'];
  layers: SceneLayers['layers'];
}> = [
  {
    clauses: ['make it night', '改成夜晚'],
    sky: { time: 'night', weather: 'clear' },
    layers: ['stars', 'moon', 'skyline'],
  },
  {
    clauses: ['add rain', '下雨'],
    sky: { time: 'sunset', weather: 'rain' },
    layers: ['sun', 'skyline'],
  },
  {
    clauses: ['more clouds', '多一些云'],
    sky: { time: 'sunset', weather: 'clouds' },
    layers: ['sun', 'skyline'],
  },
  {
    clauses: ['no skyline', '去掉天际线'],
    sky: { time: 'sunset', weather: 'clear' },
    layers: ['sun'],
  },
  {
    clauses: ['add mountains', '加上山'],
    sky: { time: 'sunset', weather: 'clear' },
    layers: ['sun', 'mountains', 'skyline'],
  },
  {
    clauses: ['add the sea', '加上大海'],
    sky: { time: 'sunset', weather: 'clear' },
    layers: ['sun', 'skyline', 'sea'],
  },
  {
    clauses: ['make it snow', '下雪'],
    sky: { time: 'sunset', weather: 'snow' },
    layers: ['sun', 'skyline'],
  },
  {
    clauses: ['make it sunrise', '改成日出'],
    sky: { time: 'dawn', weather: 'clear' },
    layers: ['sun', 'skyline'],
  },
];

describe('readSceneryChange + changeScene: chat edits of a painted scene', () => {
  for (const edit of EDITS) {
    for (const clause of edit.clauses) {
      it(`"${clause}"`, () => {
        const scene = editSceneLayers(SUNSET_CITY, clause);
        expect(scene?.sky).toEqual(edit.sky);
        expect(scene?.layers).toEqual(edit.layers);
        expect(scene?.seed).toBe(SUNSET_CITY.seed);
      });
    }
  }

  it('stops the rain with "no rain" and leaves a sky-less scene alone for a time of day', () => {
    const rainy = { ...SUNSET_CITY, sky: { time: 'night' as const, weather: 'rain' as const } };
    expect(editSceneLayers(rainy, 'no rain')?.sky).toEqual({ time: 'night', weather: 'clear' });
    expect(
      editSceneLayers({ ...SUNSET_CITY, sky: null, layers: ['kitchen'] }, 'make it night'),
    ).toBeNull();
    expect(editSceneLayers(SUNSET_CITY, 'make the title bigger')).toBeNull();
  });

  it('leaves palette requests to the look', () => {
    expect(isSceneClause('use the sunset palette')).toBe(false);
    expect(isSceneClause('make it night')).toBe(true);
  });
});

describe('applyEdit with painted scenes', () => {
  const draft = planStoryboard(
    'generate a 15-second clip of a sunset over a city skyline with calm background music',
  );
  const scenes = (d: typeof draft) =>
    d.tracks.flatMap((t) => (t.kind === 'video' ? t.segments : [])).map((s) => s.visual);

  it('paints every scene of the plan as a sunset over a skyline', () => {
    for (const visual of scenes(draft)) {
      expect(visual).toMatchObject({
        type: 'scene',
        scene: { sky: { time: 'sunset' }, layers: ['sun', 'skyline'] },
      });
    }
  });

  it('makes every scene night and rainy, then takes the skyline away', () => {
    const night = applyEdit(draft, 'make it night and add rain');
    if (night.kind !== 'edited') throw new Error('expected an edit');
    for (const visual of scenes(night.draft))
      expect(visual).toMatchObject({ scene: { sky: { time: 'night', weather: 'rain' } } });
    expect(diffDrafts(draft, night.draft)).toEqual([
      'Scenery sunset, clear: sun + skyline → night, rain: stars + moon + skyline',
    ]);
    const bare = applyEdit(night.draft, '去掉天际线');
    if (bare.kind !== 'edited') throw new Error('expected an edit');
    for (const visual of scenes(bare.draft))
      expect(visual).toMatchObject({ scene: { layers: ['stars', 'moon'] } });
    expect(diffDrafts(night.draft, bare.draft, CHANGE_WORDS_ZH)).toEqual([
      '场景 夜晚, 下雨: 星星 + 月亮 + 天际线 → 夜晚, 下雨: 星星 + 月亮',
    ]);
  });
});
