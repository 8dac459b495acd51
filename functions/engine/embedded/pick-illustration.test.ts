/**
 * Illustrations fit the words: for six prompt families in English and in Chinese the planned
 * draft names illustrations of its subject, every one valid and within the draft's budget; the
 * generated set matches its packages (scripts/build-illustration-set.ts).
 */
import { describe, expect, it } from 'vitest';
import { buildIllustrationSet } from '../../../scripts/build-illustration-set';
import type { Draft } from '../../../shared/draft-schema';
import { draftSchema } from '../../../shared/draft-schema';
import { illustrationSchema } from '../../../shared/illustration-schema';
import { planStoryboard } from '../../../test/support/director-from-text';
import { ILLUSTRATION_SET } from './illustration-set';
import { pickIllustration } from './pick-illustration';

/** Prompt families and the illustrations that show them (any one of them fits). */
const FAMILIES: ReadonlyArray<{ prompt: string; fits: readonly string[] }> = [
  {
    prompt: 'generate a 15-second clip of a sunset over a city skyline with calm background music',
    fits: ['sunset', 'cityscape-at-dusk', 'cityscape', 'sunrise-over-mountains'],
  },
  {
    prompt: '生成一个15秒的城市天际线日落视频，配上舒缓的背景音乐',
    fits: ['sunset', 'cityscape-at-dusk', 'cityscape'],
  },
  {
    prompt: 'make a 20-second video about the ocean and a sunny beach',
    fits: ['beach-with-umbrella', 'water-wave', 'desert-island', 'tropical-fish'],
  },
  {
    prompt: '做一个20秒的海洋和海滩视频',
    fits: ['beach-with-umbrella', 'water-wave', 'desert-island'],
  },
  {
    prompt: 'create a 30-second explainer about space and rockets',
    fits: ['rocket', 'ringed-planet', 'milky-way', 'satellite', 'flying-saucer'],
  },
  {
    prompt: '制作一个30秒的太空和火箭科普视频',
    fits: ['rocket', 'ringed-planet', 'milky-way', 'satellite'],
  },
  {
    prompt: 'make a 30-second promo for our new software product for teams',
    fits: ['laptop', 'technologist', 'desktop-computer', 'mobile-phone'],
  },
  {
    prompt: '为我们团队的新软件产品制作一个30秒的宣传视频',
    fits: ['laptop', 'technologist', 'desktop-computer'],
  },
  {
    prompt: 'make a 20-second video about cooking a healthy dinner at home',
    fits: [
      'cooking',
      'cook',
      'fork-and-knife-with-plate',
      'pot-of-food',
      'green-salad',
      'shallow-pan-of-food',
    ],
  },
  {
    prompt: '做一个20秒的在家烹饪健康晚餐的视频',
    fits: ['cooking', 'cook', 'fork-and-knife-with-plate', 'pot-of-food'],
  },
  {
    prompt: 'generate a 20-second energetic fitness video about gym workouts',
    fits: ['flexed-biceps', 'person-lifting-weights', 'running-shoe', 'person-running'],
  },
  {
    prompt: '生成一个20秒的健身房锻炼视频，节奏要快',
    fits: ['flexed-biceps', 'person-running', 'running-shoe'],
  },
];

function illustrationsOf(draft: Draft): string[] {
  return draft.tracks.flatMap((track) =>
    track.kind === 'video'
      ? track.segments.flatMap((segment) =>
          segment.visual.type !== 'media' && segment.visual.illustration
            ? [segment.visual.illustration.name]
            : [],
        )
      : [],
  );
}

describe('illustrations picked from the words', () => {
  it.each(FAMILIES)('$prompt → an illustration of the subject', ({ prompt, fits }) => {
    const draft = planStoryboard(prompt);
    expect(draftSchema.safeParse(draft).success).toBe(true);
    const names = illustrationsOf(draft);
    expect(names.length).toBeGreaterThan(0);
    // The title scene shows the subject.
    expect(fits).toContain(names[0]);
  });

  it('prefers a scene’s own words and falls back to the subject', () => {
    expect(pickIllustration('Our rocket lifts off at dawn', '')?.name).toBe('rocket');
    expect(pickIllustration('Every detail matters', 'space and rockets')?.name).toBe('rocket');
    expect(pickIllustration('Every detail matters', '')).toBeNull();
    expect(pickIllustration('Fresh pizza tonight', 'space and rockets')?.name).toBe('pizza');
  });

  it('skips stop words: a sentence of only them names nothing', () => {
    expect(pickIllustration('it is what it is, and so are we', '')).toBeNull();
  });

  it('gives illustrations the draft schema accepts', () => {
    const rocket = pickIllustration('rocket', '');
    expect(illustrationSchema.safeParse(rocket).success).toBe(true);
    expect(rocket?.shapes.length).toBeGreaterThan(1);
  });

  it('refuses markup smuggled in path data', () => {
    const hostile = { name: 'x', shapes: [{ fill: '#ffffff', d: 'M0 0"/><script>' }] };
    expect(illustrationSchema.safeParse(hostile).success).toBe(false);
  });

  it('keeps the generated set in step with the packages it comes from', () => {
    expect(ILLUSTRATION_SET).toEqual(buildIllustrationSet());
  });
});
