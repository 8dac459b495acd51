import { describe, expect, it } from 'vitest';
import { draftSchema } from '../../../shared/draft-schema';
import { clip, photo, song } from '../../../test/support/media-fixtures';
import { runTurn } from './embedded-engine';
import { planMediaCut } from '../../../test/support/director-from-text';
import { isMediaRequest } from './parse-message';
import { mediaLabel, segmentLengths } from './plan-media-cut';
import { askedMusicVolume } from './read-brief';

const MEDIA = [
  clip('m1', 'clip-waves.mp4', 6_000),
  clip('m2', 'clip-homeworld.webm', 5_000),
  photo('m3', 'photo-space.jpg'),
  photo('m4', 'photo-lines.webp'),
  song('m5', 'music-forest.mp3'),
];
const PROMPT =
  'combine these clips into a 20-second promo video with text overlays and transitions, use my music';

describe('planMediaCut', () => {
  it('makes the 20-second promo from the uploads: clips trimmed, photos moving, overlays, crossfades, my music at 35% faded out', () => {
    const draft = draftSchema.parse(planMediaCut(PROMPT, MEDIA));
    expect(draft.durationMs).toBe(20_000);
    expect(draft.canvas).toEqual({ width: 1920, height: 1080, fps: 30 });
    const video = draft.tracks.find((track) => track.kind === 'video');
    if (video?.kind !== 'video') throw new Error('no video track');
    expect(
      video.segments.map((s) => [
        s.visual.type === 'media' ? s.visual.mediaId : '',
        s.startMs,
        s.durationMs,
      ]),
    ).toEqual([
      ['m1', 0, 5_000],
      ['m2', 5_000, 5_000],
      ['m3', 10_000, 5_000],
      ['m4', 15_000, 5_000],
    ]);
    const [first, , third] = video.segments;
    expect(first?.visual).toMatchObject({ sourceStartMs: 500, fit: 'cover', motion: 'none' });
    expect(third?.visual).toMatchObject({ motion: 'zoom-in' });
    // An upbeat promo (the default mood) changes scenes with whip pans, zooms and slides in turn.
    expect(video.segments.slice(1).map((s) => s.transitionIn?.kind)).toEqual([
      'whip',
      'zoom',
      'slide',
    ]);
    const audio = draft.tracks.find((track) => track.kind === 'audio');
    if (audio?.kind !== 'audio') throw new Error('no audio track');
    expect(audio.segments[0]).toMatchObject({
      source: { type: 'media', mediaId: 'm5' },
      volume: 0.35,
      startMs: 0,
      durationMs: 20_000,
      fadeOutMs: 2_000,
    });
    const overlays = draft.tracks.find((track) => track.name === 'Overlays');
    expect(overlays?.kind === 'text' ? overlays.segments.map((s) => s.text) : []).toEqual([
      'Homeworld',
      'Space',
      'Lines',
    ]);
  });

  it('cuts on the beat detected in the uploaded music, and keeps the beat in the draft', () => {
    const beat = { tempoBpm: 100, offsetMs: 230 };
    const media = MEDIA.map((item) => (item.kind === 'audio' ? { ...item, beat } : item));
    const draft = draftSchema.parse(planMediaCut(PROMPT, media));
    const video = draft.tracks.find((track) => track.kind === 'video');
    // Beats at 230 + 600·k ms: 5 030, 9 830 and 15 230 are the nearest to 5 000, 10 000, 15 000.
    expect(video?.segments.map((s) => [s.startMs, s.durationMs])).toEqual([
      [0, 5_030],
      [5_030, 4_800],
      [9_830, 5_400],
      [15_230, 4_770],
    ]);
    const [first, second] = video?.kind === 'video' ? video.segments : [];
    expect(first?.visual).toMatchObject({ sourceStartMs: 485 });
    expect(second?.visual).toMatchObject({ sourceStartMs: 100 });
    const audio = draft.tracks.find((track) => track.kind === 'audio');
    expect(audio?.segments[0]?.source).toEqual({
      type: 'media',
      mediaId: 'm5',
      sourceStartMs: 0,
      beat,
    });
  });

  it('keeps the cuts off the beat when a clip would have to run longer than itself', () => {
    // Beats every 600 ms from 0: 4 800 and 10 200 would make the 5-s clip m2 5.4 s long.
    const media = MEDIA.map((item) =>
      item.kind === 'audio' ? { ...item, beat: { tempoBpm: 100, offsetMs: 0 } } : item,
    );
    const video = planMediaCut(PROMPT, media).tracks.find((track) => track.kind === 'video');
    expect(video?.segments.map((s) => s.startMs)).toEqual([0, 5_000, 10_000, 15_000]);
  });

  it('mixes a clip’s own sound in step with its picture, unless asked to mute it', () => {
    const withSound = [
      { ...clip('c1', 'clip-waves-with-audio.mov', 6_000), hasAudio: true },
      photo('p1', 'photo-space.jpg'),
    ];
    const mixed = planMediaCut('combine these clips into a 10-second video', withSound);
    const sound = mixed.tracks.find((track) => track.name === 'Clip sound');
    expect(
      sound?.kind === 'audio'
        ? sound.segments.map((s) => [
            s.source.type === 'media' ? s.source.mediaId : '',
            s.startMs,
            s.durationMs,
            s.volume,
          ])
        : [],
    ).toEqual([['c1', 0, 5_000, 0.8]]);
    const muted = planMediaCut(
      'combine these clips into a 10-second video and mute the clips',
      withSound,
    );
    expect(muted.tracks.some((track) => track.name === 'Clip sound')).toBe(false);
  });

  it('re-cuts on "make each clip 4 seconds" and "put the photo of space first", keeping the first request', () => {
    const first = runTurn({
      text: PROMPT,
      draft: null,
      history: [],
      previousDrafts: [],
      media: MEDIA,
    });
    const planned = first.find((event) => event.type === 'draft');
    if (planned?.type !== 'draft') throw new Error('no draft');
    const history = [{ role: 'user' as const, text: PROMPT, atMs: 1 }];
    const events = runTurn({
      text: 'make each clip 4 seconds and put the photo of space first',
      draft: planned.draft,
      history,
      previousDrafts: [],
      media: MEDIA,
    });
    const recut = events.find((event) => event.type === 'draft');
    if (recut?.type !== 'draft') throw new Error('no re-cut');
    const video = recut.draft.tracks.find((track) => track.kind === 'video');
    if (video?.kind !== 'video') throw new Error('no video track');
    expect(recut.draft.durationMs).toBe(16_000);
    expect(video.segments.map((s) => (s.visual.type === 'media' ? s.visual.mediaId : ''))).toEqual([
      'm3',
      'm1',
      'm2',
      'm4',
    ]);
    expect(video.segments.every((s) => s.durationMs === 4_000)).toBe(true);
    expect(
      recut.draft.tracks.some(
        (track) => track.kind === 'audio' && track.segments[0]?.source.type === 'media',
      ),
    ).toBe(true);
  });

  it('takes "music at 20%" as an edit of the uploaded music', () => {
    const planned = runTurn({
      text: PROMPT,
      draft: null,
      history: [],
      previousDrafts: [],
      media: MEDIA,
    }).find((event) => event.type === 'draft');
    if (planned?.type !== 'draft') throw new Error('no draft');
    const edited = runTurn({
      text: 'music at 20%',
      draft: planned.draft,
      history: [{ role: 'user', text: PROMPT, atMs: 1 }],
      previousDrafts: [],
      media: MEDIA,
    }).find((event) => event.type === 'draft');
    if (edited?.type !== 'draft') throw new Error('no edit');
    const music = edited.draft.tracks.find((track) => track.kind === 'audio');
    expect(
      music?.kind === 'audio' ? [music.segments[0]?.source.type, music.segments[0]?.volume] : [],
    ).toEqual(['media', 0.2]);
    expect(edited.draft.tracks[0]?.name).toBe('Your clips');
  });

  it('takes a given length over the one the words ask for', () => {
    expect(planMediaCut(PROMPT, MEDIA, 12_000).durationMs).toBe(12_000);
    expect(planMediaCut('make each clip 4 seconds', MEDIA, 7_000).durationMs).toBe(7_000);
  });

  it('never runs a clip longer than itself: photos take the rest', () => {
    expect(segmentLengths([clip('a', 'a.mp4', 3_000), photo('b', 'b.jpg')], 20_000)).toEqual([
      3_000, 17_000,
    ]);
  });

  it('reads the music volume and labels', () => {
    expect(askedMusicVolume('use my music at 20%')).toBe(0.2);
    expect(askedMusicVolume(PROMPT)).toBeNull();
    expect(mediaLabel('clip-waves.mp4')).toBe('Waves');
  });

  it('is asked for by "combine these clips", not by an edit of the music', () => {
    expect(isMediaRequest(PROMPT, MEDIA)).toBe(true);
    expect(isMediaRequest('make the music quieter', MEDIA)).toBe(false);
    expect(isMediaRequest(PROMPT, [song('m5', 'music-forest.mp3')])).toBe(false);
  });

  it('is what the embedded engine plans when the session has media', () => {
    const events = runTurn({
      text: PROMPT,
      draft: null,
      history: [],
      previousDrafts: [],
      media: MEDIA,
    });
    const draft = events.find((event) => event.type === 'draft');
    expect(draft?.type === 'draft' ? draft.draft.tracks[0]?.name : '').toBe('Your clips');
  });
});
