import { describe, expect, it } from 'vitest';
import { htmlText, mapShotstackEdit } from './map-shotstack-edit';

/** A Shotstack edit as their docs show one: a title scene, a text scene, an overlay, music. */
const EDIT = {
  timeline: {
    background: '#112233',
    soundtrack: { src: 'reelwright:music/calm', volume: 0.5, effect: 'fadeOut' },
    tracks: [
      {
        clips: [
          {
            asset: { type: 'html', html: '<p>Limited <b>offer</b></p><p>today &amp; tomorrow</p>' },
            start: 2,
            length: 3,
            transition: { in: 'slideLeft' },
            position: 'top',
          },
        ],
      },
      {
        clips: [
          {
            asset: { type: 'title', text: 'Hello World', color: '#ff0000', size: 'large' },
            start: 0,
            length: 4,
          },
          {
            asset: { type: 'text', text: 'Second scene', font: { color: '#00ff00', size: 60 } },
            start: 'auto',
            length: 'end',
            transition: { in: 'fadeSlow' },
          },
        ],
      },
      { clips: [{ asset: { type: 'rich-text', text: 'Footer' }, start: 6, length: 2 }] },
    ],
  },
  output: { format: 'mp4', resolution: 'hd', aspectRatio: '9:16' },
};

describe('mapShotstackEdit', () => {
  it('maps text clips, timing, transitions, output and soundtrack onto a draft', () => {
    const result = mapShotstackEdit(EDIT);
    if (!result.ok) throw new Error(result.message);
    const { draft } = result;
    expect(draft.canvas).toEqual({ width: 1080, height: 1920, fps: 30 });
    expect(draft.durationMs).toBe(8_000);
    expect(draft.title).toBe('Footer');
    expect(draft.look.background).toEqual(['#112233']);
    const [video, audio, ...texts] = draft.tracks;
    expect(video?.kind === 'video' && video.segments).toEqual([
      expect.objectContaining({ startMs: 0, durationMs: 6_000, label: 'Background' }),
      expect.objectContaining({
        startMs: 6_000,
        durationMs: 2_000,
        visual: expect.objectContaining({ type: 'generated', motion: 'none' }),
      }),
    ]);
    expect(audio).toMatchObject({
      kind: 'audio',
      segments: [
        {
          startMs: 0,
          durationMs: 8_000,
          volume: 0.5,
          fadeInMs: 0,
          source: { type: 'generated-music', mood: 'calm' },
        },
      ],
    });
    expect(audio?.kind === 'audio' && audio.segments[0]?.fadeOutMs).toBeGreaterThan(0);
    const segments = texts.flatMap((track) => (track.kind === 'text' ? track.segments : []));
    expect(segments.map((s) => [s.role, s.text, s.startMs, s.durationMs])).toEqual([
      ['caption', 'Footer', 6_000, 2_000],
      ['overlay', 'Hello World', 0, 4_000],
      ['overlay', 'Second scene', 4_000, 4_000],
      ['overlay', 'Limited offer\ntoday & tomorrow', 2_000, 3_000],
    ]);
    expect(segments[1]?.style.color).toBe('#ff0000');
    expect(segments[2]).toMatchObject({
      animation: 'fade',
      style: { color: '#00ff00', fontSizePx: 60 },
    });
    expect(segments[3]).toMatchObject({ animation: 'kinetic', position: { y: 0.16 } });
  });

  it('makes the last track the scenes, with motion from effect and transitions from transition.in', () => {
    const result = mapShotstackEdit({
      timeline: {
        tracks: [
          {
            clips: [
              { asset: { type: 'title', text: 'One' }, start: 0, length: 3, effect: 'zoomInSlow' },
              {
                asset: { type: 'text', text: 'Two' },
                start: 3,
                length: 3,
                transition: { in: 'wipeRight' },
              },
              {
                asset: { type: 'text', text: 'Three' },
                start: 6,
                length: 3,
                transition: { in: 'carouselLeftFast' },
              },
            ],
          },
        ],
      },
      output: { format: 'mp4', size: { width: 1080, height: 1080 }, fps: 25 },
    });
    if (!result.ok) throw new Error(result.message);
    expect(result.draft.canvas).toEqual({ width: 1080, height: 1080, fps: 25 });
    const video = result.draft.tracks[0];
    if (video?.kind !== 'video') throw new Error('no video track');
    expect(video.segments.map((s) => [s.startMs, s.visual.motion, s.transitionIn?.kind])).toEqual([
      [0, 'zoom-in', undefined],
      [3_000, 'none', 'wipe'],
      [6_000, 'none', 'whip'],
    ]);
    expect(video.segments[2]?.transitionIn?.durationMs).toBe(250);
  });

  it.each([
    [
      'a remote video',
      (e: typeof EDIT) => {
        e.timeline.tracks[0] = {
          clips: [{ asset: { type: 'video', src: 'https://x.test/a.mp4' }, start: 0, length: 2 }],
        } as never;
      },
      'remote_media_refused',
      'shotstack.timeline.tracks.0.clips.0.asset',
    ],
    [
      'a remote soundtrack',
      (e: typeof EDIT) => {
        e.timeline.soundtrack.src = 'https://x.test/song.mp3';
      },
      'remote_media_refused',
      'shotstack.timeline.soundtrack.src',
    ],
    [
      'a merge list',
      (e: typeof EDIT) => {
        Object.assign(e, { merge: [{ find: 'NAME', replace: 'Ann' }] });
      },
      'shotstack_unsupported',
      'shotstack.merge',
    ],
    [
      'a gif output',
      (e: typeof EDIT) => {
        e.output.format = 'gif';
      },
      'shotstack_unsupported',
      'shotstack.output.format',
    ],
    [
      'a 4:5 frame',
      (e: typeof EDIT) => {
        e.output.aspectRatio = '4:5';
      },
      'shotstack_unsupported',
      'shotstack.output.aspectRatio',
    ],
    [
      'a clip filter',
      (e: typeof EDIT) => {
        Object.assign(e.timeline.tracks[1]?.clips[0] ?? {}, { filter: 'greyscale' });
      },
      'shotstack_unsupported',
      'shotstack.timeline.tracks.1.clips.0.filter',
    ],
    [
      'a font family',
      (e: typeof EDIT) => {
        Object.assign(e.timeline.tracks[1]?.clips[1]?.asset ?? {}, {
          font: { family: 'Comic Sans' },
        });
      },
      'shotstack_unsupported',
      'shotstack.timeline.tracks.1.clips.1.asset.font.family',
    ],
    [
      'no timeline (Shotstack refuses it)',
      (e: typeof EDIT) => {
        Object.assign(e, { timeline: undefined });
      },
      'shotstack_invalid',
      'shotstack.timeline',
    ],
  ])('refuses %s naming the field', (_what, change, code, path) => {
    const edit = structuredClone(EDIT);
    change(edit);
    const result = mapShotstackEdit(edit);
    expect(result).toMatchObject({ ok: false, code, path });
    if (!result.ok) expect(result.message).toContain(path);
  });
});

describe('htmlText', () => {
  it('keeps the words and line breaks of simple HTML', () => {
    expect(htmlText('<div><h1>Big  news</h1>line<br/>two &lt;3</div>')).toBe(
      'Big news\nline\ntwo <3',
    );
  });
});
