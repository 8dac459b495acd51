import { describe, expect, it } from 'vitest';
import type { Draft, VideoSegment } from './draft-schema';
import { draftSchema } from './draft-schema';
import { FIXTURE_FONT, textSegmentFixture } from '../test/unit-helpers/text-segment-fixture';
import { CHANGE_WORDS_ZH } from './change-words';
import { aspectRatioLabel, diffDrafts, transitionStyle } from './draft-diff';

const text = textSegmentFixture;

function scene(
  n: number,
  startMs: number,
  durationMs: number,
  label = `Scene ${n}: beat ${n}`,
): VideoSegment {
  return {
    id: `scene-${n}`,
    startMs,
    durationMs,
    label,
    visual: { type: 'generated', icon: 'rocket', motion: 'zoom-in' },
    ...(n > 1 ? { transitionIn: { kind: 'crossfade' as const, durationMs: 500 } } : {}),
  };
}

/** A 30 s, 3-scene draft with a title and music at 35%. */
function base(): Draft {
  return draftSchema.parse({
    title: 'Urban Dreams',
    canvas: { width: 1920, height: 1080, fps: 30 },
    durationMs: 30_000,
    look: {
      paletteName: 'Midnight',
      background: ['#000000'],
      text: '#ffffff',
      accent: '#38bdf8',
      fontFamily: FIXTURE_FONT,
    },
    tracks: [
      {
        id: 'v',
        kind: 'video',
        name: 'Storyboard',
        segments: [scene(1, 0, 3_000), scene(2, 3_000, 12_000), scene(3, 15_000, 15_000)],
      },
      {
        id: 'a',
        kind: 'audio',
        name: 'Upbeat',
        segments: [
          {
            id: 'bgm',
            startMs: 0,
            durationMs: 30_000,
            label: 'Upbeat music',
            source: { type: 'generated-music', mood: 'upbeat', tempoBpm: 120 },
            volume: 0.35,
            fadeInMs: 1_000,
            fadeOutMs: 2_000,
          },
        ],
      },
      {
        id: 't',
        kind: 'text',
        name: 'Title',
        segments: [text('title-1', 'title', 'Urban Dreams', 0, 3_000)],
      },
    ],
  });
}

function clone(draft: Draft): Draft {
  return structuredClone(draft);
}

/** The base draft made vertical and 15 s (every segment halved), music at 20%, texts red. */
function verticalHalfRecoloured(): Draft {
  const after = clone(base());
  after.canvas = { width: 1080, height: 1920, fps: 30 };
  after.durationMs = 15_000;
  for (const track of after.tracks) {
    for (const segment of track.segments) {
      segment.startMs = segment.startMs / 2;
      segment.durationMs = segment.durationMs / 2;
    }
    if (track.kind === 'audio') for (const s of track.segments) s.volume = 0.2;
    if (track.kind === 'text') for (const s of track.segments) s.style.color = '#ff0000';
  }
  return after;
}

describe('diffDrafts', () => {
  it('describes a first draft by its scenes, canvas, duration and music', () => {
    expect(diffDrafts(null, base())).toEqual([
      'Planned 3 scenes',
      'Canvas 1920x1080 (16:9)',
      'Duration 30 s',
      'Music on (upbeat, 35%)',
    ]);
  });

  it('finds nothing between equal drafts', () => {
    expect(diffDrafts(base(), clone(base()))).toEqual([]);
  });

  it('names an added text with its time span, and a removed one', () => {
    const after = clone(base());
    const track = after.tracks[2];
    if (track?.kind !== 'text') throw new Error('fixture');
    track.segments = [text('overlay-1', 'overlay', 'Sale ends Friday', 5_000, 3_000)];
    expect(diffDrafts(base(), after)).toEqual([
      "Added text 'Sale ends Friday' 5–8 s",
      "Removed text 'Urban Dreams'",
    ]);
  });

  it('reports canvas, duration, music volume and title colour in plain words', () => {
    const after = verticalHalfRecoloured();
    expect(diffDrafts(base(), after)).toEqual([
      'Canvas 1920x1080 → 1080x1920 (9:16)',
      'Duration 30 s → 15 s',
      'Title colour → #ff0000',
      'Music volume 35% → 20%',
    ]);
  });

  it("names the level of a second audio track (the clips' own sound) by the track, not as music", () => {
    const withClipSound = clone(base());
    const music = withClipSound.tracks[1];
    if (music?.kind !== 'audio') throw new Error('fixture');
    withClipSound.tracks.push({
      ...music,
      id: 'audio-clips',
      name: 'Clip sound',
      segments: music.segments.map((s) => ({ ...s, volume: 0.8 })),
    });
    const level = (volume: number): Draft => {
      const next = clone(withClipSound);
      for (const track of next.tracks) {
        if (track.id === 'audio-clips' && track.kind === 'audio') {
          for (const s of track.segments) s.volume = volume;
        }
      }
      return next;
    };
    expect(diffDrafts(withClipSound, level(0))).toEqual(['Clip sound off']);
    expect(diffDrafts(level(0), level(0.5))).toEqual(['Clip sound on (50%)']);
    expect(diffDrafts(withClipSound, level(0.5))).toEqual(['Clip sound 80% → 50%']);
  });

  it('says "Music off" when the music track goes, and the mood when it changes', () => {
    const off = clone(base());
    off.tracks = off.tracks.filter((t) => t.kind !== 'audio');
    expect(diffDrafts(base(), off)).toEqual(['Music off']);
    const calm = clone(base());
    const audio = calm.tracks[1];
    if (
      audio?.kind !== 'audio' ||
      !audio.segments[0] ||
      audio.segments[0].source.type !== 'generated-music'
    )
      throw new Error('fixture');
    audio.segments[0].source.mood = 'calm';
    expect(diffDrafts(base(), calm)).toEqual(['Music mood upbeat → calm']);
  });

  it('names the new transition style', () => {
    const after = clone(base());
    const video = after.tracks[0];
    if (video?.kind !== 'video') throw new Error('fixture');
    for (const s of video.segments.slice(1)) s.transitionIn = { kind: 'slide', durationMs: 500 };
    expect(diffDrafts(base(), after)).toEqual(['Transitions → slide']);
    for (const s of video.segments.slice(1)) s.transitionIn = { kind: 'cut', durationMs: 0 };
    expect(diffDrafts(base(), after)).toEqual(['Transitions → cuts']);
  });

  it('folds a replan into "Planned N scenes" instead of listing every scene', () => {
    const after = clone(base());
    const video = after.tracks[0];
    if (video?.kind !== 'video') throw new Error('fixture');
    video.segments = [1, 2, 3, 4, 5, 6].map((n) =>
      scene(n, (n - 1) * 5_000, 5_000, `Scene ${n}: new beat ${n}`),
    );
    expect(diffDrafts(base(), after)).toEqual(['Planned 6 scenes']);
  });

  it('folds more than three added captions into one count line', () => {
    const after = clone(base());
    after.tracks.push({
      id: 'c',
      kind: 'text',
      name: 'Captions',
      segments: [1, 2, 3, 4].map((n) =>
        text(`caption-${n}`, 'caption', `Caption ${n}`, n * 1_000, 1_000),
      ),
    });
    expect(diffDrafts(base(), after)).toEqual(['Added 4 captions']);
  });

  it('reports a title text change as "Title … → …"', () => {
    const after = clone(base());
    const title = after.tracks[2];
    if (title?.kind !== 'text' || !title.segments[0]) throw new Error('fixture');
    title.segments[0].text = 'Big News';
    after.title = 'Big News';
    expect(diffDrafts(base(), after)).toEqual(["Title 'Urban Dreams' → 'Big News'"]);
  });

  it('names the video only when no title line says it already', () => {
    const renamed = clone(base());
    renamed.title = 'Big News';
    expect(diffDrafts(base(), renamed)).toEqual(["Video name 'Urban Dreams' → 'Big News'"]);
    const recoloured = clone(renamed);
    const title = recoloured.tracks[2];
    if (title?.kind !== 'text' || !title.segments[0]) throw new Error('fixture');
    title.segments[0].style.color = '#ff0000';
    expect(diffDrafts(base(), recoloured)).toEqual(['Title colour → #ff0000']);
  });

  it('says where a text moved in the frame ("title at the bottom"), in English and Chinese', () => {
    const after = clone(base());
    for (const track of after.tracks)
      if (track.kind === 'text') for (const segment of track.segments) segment.position.y = 0.82;
    expect(diffDrafts(base(), after)).toEqual(['Title moved to the bottom']);
    expect(diffDrafts(base(), after, CHANGE_WORDS_ZH)).toEqual(['标题移到底部']);
  });
});

describe('diffDrafts in Chinese', () => {
  it('describes a first draft in Chinese', () => {
    expect(diffDrafts(null, base(), CHANGE_WORDS_ZH)).toEqual([
      '规划了 3 个场景',
      '画面 1920x1080（16:9）',
      '时长 30 秒',
      '加上背景音乐（动感，35%）',
    ]);
  });

  it('says the same changes as the English lines, in Chinese', () => {
    const after = verticalHalfRecoloured();
    expect(diffDrafts(base(), after, CHANGE_WORDS_ZH)).toEqual([
      '画面 1920x1080 → 1080x1920（9:16）',
      '时长 30 秒 → 15 秒',
      '标题颜色 → #ff0000',
      '背景音乐音量 35% → 20%',
    ]);
  });

  it('quotes texts with corner brackets and folds many lines into a count with its measure word', () => {
    const added = clone(base());
    const track = added.tracks[2];
    if (track?.kind !== 'text') throw new Error('fixture');
    track.segments = [text('overlay-1', 'overlay', '周五截止', 5_000, 3_000)];
    expect(diffDrafts(base(), added, CHANGE_WORDS_ZH)).toEqual([
      '添加文字「周五截止」，5–8 秒',
      '删除文字「Urban Dreams」',
    ]);
    const captions = clone(base());
    captions.tracks.push({
      id: 'c',
      kind: 'text',
      name: 'Captions',
      segments: [1, 2, 3, 4].map((n) =>
        text(`caption-${n}`, 'caption', `Caption ${n}`, n * 1_000, 1_000),
      ),
    });
    expect(diffDrafts(base(), captions, CHANGE_WORDS_ZH)).toEqual(['添加了 4 条字幕']);
  });
});

describe('aspectRatioLabel and transitionStyle', () => {
  it('reduces width:height', () => {
    expect(aspectRatioLabel({ width: 1920, height: 1080 })).toBe('16:9');
    expect(aspectRatioLabel({ width: 1080, height: 1920 })).toBe('9:16');
    expect(aspectRatioLabel({ width: 1080, height: 1080 })).toBe('1:1');
    expect(aspectRatioLabel({ width: 1080, height: 1350 })).toBe('4:5');
  });

  it('is the single kind after the first scene, or null with one scene', () => {
    expect(transitionStyle(base())).toBe('crossfade');
    const one = clone(base());
    const video = one.tracks[0];
    if (video?.kind !== 'video') throw new Error('fixture');
    video.segments = video.segments.slice(0, 1);
    expect(transitionStyle(one)).toBeNull();
  });
});
