import { describe, expect, it } from 'vitest';
import type { Draft } from '../../../shared/draft-schema';
import { musicHandler, VOLUME_STEP } from './edit-music';
import { planStoryboard } from './plan-storyboard';

const DRAFT = planStoryboard('make a 20 second video from this script: Nimbus keeps files safe. Try Nimbus today.');
const volume = (draft: Draft | undefined) => draft?.tracks.find((t) => t.kind === 'audio')?.segments[0]?.volume;

describe('musicHandler', () => {
  it('steps the volume for louder and quieter, within 0..1', () => {
    expect(volume(musicHandler.apply(DRAFT, 'louder music', [], '')?.draft)).toBeCloseTo(0.35 + VOLUME_STEP);
    expect(volume(musicHandler.apply(DRAFT, 'quieter music', [], '')?.draft)).toBeCloseTo(0.35 - VOLUME_STEP);
    expect(volume(musicHandler.apply(DRAFT, 'music volume 0.5', [], '')?.draft)).toBe(0.5);
    expect(volume(musicHandler.apply(DRAFT, '背景音乐调到百分之10', [], '')?.draft)).toBe(0.1);
    expect(volume(musicHandler.apply(DRAFT, 'music at 150%', [], '')?.draft)).toBe(1);
  });

  it('adds music at the asked level and mood when there is none', () => {
    const silent = musicHandler.apply(DRAFT, 'no music', [], '')?.draft;
    if (!silent) throw new Error('expected the music removed');
    expect(silent.tracks.some((t) => t.kind === 'audio')).toBe(false);
    const back = musicHandler.apply(silent, 'lo-fi music at 20%', [], '')?.draft;
    const track = back?.tracks.find((t) => t.kind === 'audio');
    expect(track).toMatchObject({ name: 'Lo-fi', segments: [{ volume: 0.2, durationMs: 20_000 }] });
    expect(back?.tracks.map((t) => t.kind)).toEqual(['video', 'audio', 'text', 'text']);
  });

  it('says so instead of changing anything when asked for what is already true', () => {
    expect(musicHandler.apply(DRAFT, 'add music', [], '')).toEqual({ draft: DRAFT, note: 'The music is already on.' });
    const silent = musicHandler.apply(DRAFT, 'no music', [], '')?.draft ?? DRAFT;
    expect(musicHandler.apply(silent, 'mute the music', [], '')).toEqual({ draft: silent, note: 'There is no music to turn off.' });
  });

  it('returns null for a music request it cannot do', () => {
    expect(musicHandler.apply(DRAFT, 'fade the music over 3 seconds', [], '')).toBeNull();
  });
});
