import { describe, expect, it } from 'vitest';
import { audioSegmentSchema } from '../../../shared/draft-schema';
import {
  DEFAULT_MUSIC_VOLUME,
  TEMPO_BPM_BY_MOOD,
  moodFromText,
  musicSegment,
  pickMood,
} from './pick-music';

describe('pickMood', () => {
  it.each([
    ['a calm explainer', 'calm'],
    ['relaxing yoga video', 'calm'],
    ['corporate overview', 'calm'],
    ['an energetic promo', 'upbeat'],
    ['exciting launch', 'upbeat'],
    ['lo-fi study vibes', 'lofi'],
    ['chill', 'lofi'],
    ['舒缓的音乐', 'calm'],
  ])('reads %j as %s', (text, mood) => {
    expect(moodFromText(text)).toBe(mood);
  });

  it('prefers the mood next to "music" over the video type', () => {
    expect(moodFromText('a 15-second promo with lo-fi music')).toBe('lofi');
    expect(moodFromText('an upbeat promo, calm music')).toBe('calm');
  });

  it('defaults to upbeat and reads the instruction before the script', () => {
    expect(pickMood('make an explainer', 'We help teams.')).toBe('upbeat');
    expect(pickMood('a calm video', 'An exciting launch!')).toBe('calm');
    expect(pickMood('make a video', 'Relax and breathe.')).toBe('calm');
  });
});

describe('musicSegment', () => {
  it('covers the whole video at 0.35 with 1 s / 2 s fades and the mood tempo', () => {
    const segment = musicSegment('lofi', 30_000);
    expect(audioSegmentSchema.parse(segment)).toEqual(segment);
    expect(segment).toMatchObject({
      startMs: 0,
      durationMs: 30_000,
      volume: DEFAULT_MUSIC_VOLUME,
      fadeInMs: 1_000,
      fadeOutMs: 2_000,
      source: { type: 'generated-music', mood: 'lofi', tempoBpm: TEMPO_BPM_BY_MOOD.lofi },
    });
  });

  it('caps fades at half of a very short video', () => {
    expect(musicSegment('calm', 1_500)).toMatchObject({ fadeInMs: 750, fadeOutMs: 750 });
  });
});
