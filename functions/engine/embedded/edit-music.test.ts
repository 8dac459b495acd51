import { describe, expect, it } from 'vitest';
import type { Draft } from '../../../shared/draft-schema';
import type { MediaSummary } from '../../../shared/media-schema';
import { musicHandler, VOLUME_STEP } from './edit-music';
import { CLIP_SOUND_TRACK_ID, CLIP_SOUND_VOLUME } from './plan-media-cut';
import { applyEdit, planMediaCut, planStoryboard } from '../../../test/support/director-from-text';
import { applyClause, runEditHandler } from '../../../test/support/run-edit-handler';

const DRAFT = planStoryboard(
  'make a 20 second video from this script: Nimbus keeps files safe. Try Nimbus today.',
);
const volume = (draft: Draft | undefined) =>
  draft?.tracks.find((t) => t.kind === 'audio')?.segments[0]?.volume;

describe('musicHandler', () => {
  it('steps the volume for louder and quieter, within 0..1', () => {
    expect(volume(applyClause(musicHandler, DRAFT, 'louder music')?.draft)).toBeCloseTo(
      0.35 + VOLUME_STEP,
    );
    expect(volume(applyClause(musicHandler, DRAFT, 'quieter music')?.draft)).toBeCloseTo(
      0.35 - VOLUME_STEP,
    );
    expect(volume(applyClause(musicHandler, DRAFT, 'music volume 0.5')?.draft)).toBe(0.5);
    expect(volume(applyClause(musicHandler, DRAFT, '背景音乐调到百分之10')?.draft)).toBe(0.1);
    expect(volume(applyClause(musicHandler, DRAFT, 'music at 150%')?.draft)).toBe(1);
  });

  it('adds music at the asked level and mood when there is none', () => {
    const silent = applyClause(musicHandler, DRAFT, 'no music')?.draft;
    if (!silent) throw new Error('expected the music removed');
    expect(silent.tracks.some((t) => t.kind === 'audio')).toBe(false);
    const back = applyClause(musicHandler, silent, 'lo-fi music at 20%')?.draft;
    const track = back?.tracks.find((t) => t.kind === 'audio');
    expect(track).toMatchObject({ name: 'Lo-fi', segments: [{ volume: 0.2, durationMs: 20_000 }] });
    expect(back?.tracks.map((t) => t.kind)).toEqual(['video', 'audio', 'text', 'text']);
  });

  it('says so instead of changing anything when asked for what is already true', () => {
    expect(applyClause(musicHandler, DRAFT, 'add music')).toEqual({
      draft: DRAFT,
      note: 'The music is already on.',
    });
    const silent = applyClause(musicHandler, DRAFT, 'no music')?.draft ?? DRAFT;
    expect(applyClause(musicHandler, silent, 'mute the music')).toEqual({
      draft: silent,
      note: 'There is no music to turn off.',
    });
  });

  it('returns null for a music request it cannot do', () => {
    expect(applyClause(musicHandler, DRAFT, 'fade the music over 3 seconds')).toBeNull();
  });
});

/** A promo from two clips with sound and a song: tracks Your clips, music (35%), Clip sound (80%), Title, Overlays. */
const MEDIA: MediaSummary[] = [
  {
    id: 'm1',
    name: 'clip-waves.mp4',
    kind: 'video',
    durationMs: 6_000,
    width: 1920,
    height: 1080,
    hasAudio: true,
  },
  {
    id: 'm2',
    name: 'clip-city.mp4',
    kind: 'video',
    durationMs: 6_000,
    width: 1920,
    height: 1080,
    hasAudio: true,
  },
  {
    id: 'm3',
    name: 'music-forest.mp3',
    kind: 'audio',
    durationMs: 40_000,
    width: null,
    height: null,
    hasAudio: true,
  },
];
const PROMO = planMediaCut('combine these clips into a 10-second promo, use my music', MEDIA);
/** Volumes of the music track's and the clip-sound track's segments. */
const levels = (draft: Draft | null): { music: number[]; clips: number[] } => {
  const of = (id: string): number[] =>
    draft?.tracks.flatMap((t) =>
      t.kind === 'audio' && t.id === id ? t.segments.map((s) => s.volume) : [],
    ) ?? [];
  return { music: of('audio-bgm'), clips: of(CLIP_SOUND_TRACK_ID) };
};

describe('musicHandler: the music and the clips’ own sound apart', () => {
  it('starts from a promo with both tracks', () => {
    expect(levels(PROMO)).toEqual({ music: [0.35], clips: [0.8, 0.8] });
  });

  it.each([
    ['music at 20%', { music: [0.2], clips: [0.8, 0.8] }],
    ['louder music', { music: [0.5], clips: [0.8, 0.8] }],
    ['mute the clips', { music: [0.35], clips: [0, 0] }],
    ['turn the clip sound off', { music: [0.35], clips: [0, 0] }],
    ["no clips' sound", { music: [0.35], clips: [0, 0] }],
    ['clip sound at 50%', { music: [0.35], clips: [0.5, 0.5] }],
    ['quieter clips sound', { music: [0.35], clips: [0.65, 0.65] }],
    ['原声调到百分之30', { music: [0.35], clips: [0.3, 0.3] }],
  ])('"%s" changes only its own track', (text, expected) => {
    expect(levels(runEditHandler(musicHandler, text, PROMO))).toEqual(expected);
  });

  it('"no music" removes the music and keeps the clips’ sound', () => {
    const draft = runEditHandler(musicHandler, 'no music', PROMO);
    expect(draft?.tracks.filter((t) => t.kind === 'audio').map((t) => t.id)).toEqual([
      CLIP_SOUND_TRACK_ID,
    ]);
  });

  it('turns muted clips back on at the planned level, and says when there is nothing to change', () => {
    const muted = runEditHandler(musicHandler, 'mute the clips', PROMO);
    if (!muted) throw new Error('expected the clips muted');
    expect(levels(runEditHandler(musicHandler, 'unmute the clips', muted)).clips).toEqual([
      CLIP_SOUND_VOLUME,
      CLIP_SOUND_VOLUME,
    ]);
    expect(levels(runEditHandler(musicHandler, 'turn the clip sound on', muted)).clips).toEqual([
      0.8, 0.8,
    ]);
    expect(applyClause(musicHandler, muted, 'mute the clips')).toEqual({
      draft: muted,
      note: 'The clips’ own sound is already off.',
    });
    expect(applyClause(musicHandler, PROMO, 'clip sound on')).toEqual({
      draft: PROMO,
      note: 'The clips’ own sound is already on.',
    });
    expect(applyClause(musicHandler, DRAFT, 'mute the clips')?.note).toMatch(/not in this video/);
  });

  it('leaves clauses about the clips but not their sound to other handlers', () => {
    expect(musicHandler.matches('remove the second clip')).toBe(false);
    expect(musicHandler.matches('make each clip 5 seconds')).toBe(false);
  });

  it('applies a message with both, each to its own track', () => {
    const outcome = applyEdit(PROMO, 'music at 20% and mute the clips');
    if (outcome.kind !== 'edited') throw new Error(`expected an edit, got ${outcome.kind}`);
    expect(levels(outcome.draft)).toEqual({ music: [0.2], clips: [0, 0] });
  });
});
