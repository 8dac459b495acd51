import { describe, expect, it } from 'vitest';
import { beatTimesMs, musicBeatGrid, snapCutsToBeats, snapScenesToBeats } from './beat-grid';
import { type AudioSegment, type Draft, draftSchema } from './draft-schema';

describe('beatTimesMs', () => {
  it('lays beats every 60 000 / tempo ms from the offset, rounded to ms', () => {
    expect(beatTimesMs({ tempoBpm: 120, offsetMs: 0 }, 0, 2_000)).toEqual([
      0, 500, 1_000, 1_500, 2_000,
    ]);
    expect(beatTimesMs({ tempoBpm: 72, offsetMs: 0 }, 0, 3_000)).toEqual([0, 833, 1_667, 2_500]);
    expect(beatTimesMs({ tempoBpm: 84, offsetMs: 0 }, 1_000, 3_000)).toEqual([1_429, 2_143, 2_857]);
  });

  it('starts at the offset (the first detected beat) and keeps only beats in range', () => {
    expect(beatTimesMs({ tempoBpm: 100, offsetMs: 230 }, 0, 2_000)).toEqual([230, 830, 1_430]);
    expect(beatTimesMs({ tempoBpm: 100, offsetMs: 230 }, 900, 1_500)).toEqual([1_430]);
  });

  it('refuses a tempo that is not positive', () => {
    expect(() => beatTimesMs({ tempoBpm: 0, offsetMs: 0 }, 0, 1_000)).toThrow(RangeError);
  });
});

describe('snapCutsToBeats', () => {
  const beats = beatTimesMs({ tempoBpm: 120, offsetMs: 0 }, 0, 30_000);
  const bounds = { startMs: 0, endMs: 30_000 };

  it('moves each cut to its nearest beat', () => {
    expect(snapCutsToBeats([3_120, 9_740, 17_251], beats, bounds)).toEqual([3_000, 9_500, 17_500]);
  });

  it('leaves a cut with no beat within the bound', () => {
    const sparse = [0, 5_000, 10_000];
    expect(snapCutsToBeats([5_300, 7_600], sparse, { startMs: 0, endMs: 12_000 })).toEqual([
      5_000, 7_600,
    ]);
  });

  it('never leaves a scene shorter than the minimum: it takes the next nearest beat or stays', () => {
    // 2 100 → 2 000 would leave the second scene (to 4 050) 2 050 ms: fine; 4 050 → 4 000 leaves 2 000.
    expect(snapCutsToBeats([2_100, 4_050], beats, bounds)).toEqual([2_000, 4_000]);
    // 2 400 and 4 200 cannot go to 2 500 and 4 000 (1 500 ms between): 2 500 and 4 500 it is.
    expect(snapCutsToBeats([2_400, 4_200], beats, bounds)).toEqual([2_500, 4_500]);
    // A 2 s scene at 833 ms beats: its ends could only reach 6 667 and 8 333 (1 666 ms): both stay.
    const slow = beatTimesMs({ tempoBpm: 72, offsetMs: 0 }, 0, 30_000);
    expect(snapCutsToBeats([6_466, 8_466], slow, bounds)).toEqual([6_466, 8_466]);
    // Chosen together: 4 700 → 4 500 (its nearest) would leave 1 500 ms after 3 000, so 5 000.
    expect(snapCutsToBeats([2_900, 4_700, 6_900], beats, bounds)).toEqual([3_000, 5_000, 7_000]);
  });
});

function music(source: AudioSegment['source'], startMs = 0): AudioSegment {
  return {
    id: 'bgm-1',
    startMs,
    durationMs: 20_000 - startMs,
    label: 'music',
    source,
    volume: 0.35,
    fadeInMs: 0,
    fadeOutMs: 0,
  };
}

function draftWith(audio: AudioSegment[]): Draft {
  const scene = (id: string, startMs: number, durationMs: number) => ({
    id,
    startMs,
    durationMs,
    label: id,
    visual: {
      type: 'generated' as const,
      icon: 'star',
      motion: 'none' as const,
      background: ['#000000'],
    },
  });
  const text = (id: string, startMs: number, durationMs: number) => ({
    id,
    startMs,
    durationMs,
    role: 'caption' as const,
    text: id,
    style: {
      fontFamily: 'Inter',
      fontWeight: 700,
      fontSizePx: 60,
      color: '#ffffff',
      backgroundColor: null,
    },
    position: { x: 0.5, y: 0.8, maxWidth: 0.8, align: 'center' as const },
    animation: 'none' as const,
  });
  return draftSchema.parse({
    title: 't',
    canvas: { width: 1920, height: 1080, fps: 30 },
    durationMs: 20_000,
    look: {
      paletteName: 'x',
      background: ['#000000'],
      text: '#ffffff',
      accent: '#ffffff',
      fontFamily: 'Inter',
    },
    tracks: [
      {
        id: 'v',
        kind: 'video',
        name: 'v',
        segments: [scene('s1', 0, 3_100), scene('s2', 3_100, 7_740), scene('s3', 10_840, 9_160)],
      },
      { id: 'm', kind: 'audio', name: 'm', segments: audio },
      {
        id: 'c',
        kind: 'text',
        name: 'c',
        segments: [text('c2', 3_100, 7_740), text('c3', 10_840, 9_160), text('o', 1_000, 15_000)],
      },
    ],
  });
}

const spans = (draft: Draft, kind: 'video' | 'text') =>
  (draft.tracks.find((t) => t.kind === kind)?.segments ?? []).map((s) => [s.startMs, s.durationMs]);

describe('snapScenesToBeats', () => {
  it('puts the cuts on the generated music beats, and what spanned a scene moves with it', () => {
    const snapped = snapScenesToBeats(
      draftWith([music({ type: 'generated-music', mood: 'upbeat', tempoBpm: 120 })]),
    );
    expect(spans(snapped, 'video')).toEqual([
      [0, 3_000],
      [3_000, 8_000],
      [11_000, 9_000],
    ]);
    // The captions follow their scenes; an overlay over several scenes keeps its time.
    expect(spans(snapped, 'text')).toEqual([
      [3_000, 8_000],
      [11_000, 9_000],
      [1_000, 15_000],
    ]);
  });

  it('uses a detected beat of uploaded music: its offset and where the segment starts in the file', () => {
    const draft = draftWith([
      music(
        {
          type: 'media',
          mediaId: 'song',
          sourceStartMs: 1_000,
          beat: { tempoBpm: 100, offsetMs: 1_150 },
        },
        0,
      ),
    ]);
    // Beats on the timeline at 150 + 600·k: 3 150 and 10 950 are the nearest to 3 100 and 10 840.
    expect(musicBeatGrid(draft)?.grid).toEqual({ tempoBpm: 100, offsetMs: 150 });
    expect(spans(snapScenesToBeats(draft), 'video')).toEqual([
      [0, 3_150],
      [3_150, 7_800],
      [10_950, 9_050],
    ]);
  });

  it('leaves a draft without music, or with uploaded music of unknown beat, as it was', () => {
    const silent = draftWith([]);
    expect(snapScenesToBeats(silent)).toBe(silent);
    const unknown = draftWith([music({ type: 'media', mediaId: 'song', sourceStartMs: 0 })]);
    expect(spans(snapScenesToBeats(unknown), 'video')).toEqual(spans(unknown, 'video'));
  });
});
