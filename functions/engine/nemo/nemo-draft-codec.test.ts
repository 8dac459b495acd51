import { describe, expect, it } from 'vitest';
import { planStoryboard } from '../../../test/support/director-from-text';
import { summarizeTimeline } from '../../../shared/timeline-summary';
import { decodeDraft, encodeDraft, TRACK_TYPE } from './nemo-draft-codec';
import {
  MAX_DRAFT_SEGMENTS,
  MAX_ID_CHARS,
  MAX_NAME_CHARS,
  MAX_SEGMENT_TEXT_CHARS,
  MAX_TITLE_CHARS,
} from '../../../shared/draft-schema';

describe('draft codec', () => {
  it('round-trips our draft through short keys unchanged', () => {
    const draft = planStoryboard(
      'Generate a 30-second explainer video about solar panels for homeowners',
    );
    const short = encodeDraft(draft);
    expect(short.d).toBe(draft.durationMs);
    expect(short.t.map((track) => track.tt)).toEqual(
      draft.tracks.map((track) => TRACK_TYPE[track.kind]),
    );
    expect(decodeDraft(JSON.parse(JSON.stringify(short)))).toEqual({ draft, tooLarge: null });
  });

  it('decodes a draft the backend made (no metadata of ours) with defaults', () => {
    const { draft } = decodeDraft({
      d: 10_000,
      m: { title: 'Urban Dreams' },
      t: [
        { tt: 0, n: 'city timelapse', sg: [{ s: 0, d: 10_000, m: { label: 'city timelapse' } }] },
        { tt: 1, n: 'Lo-fi', sg: [{ s: 0, d: 10_000, m: { volume: 35 } }] },
        { tt: 7, sg: [{ s: 0, d: 3_000, m: { text: 'Urban Dreams' } }] },
        { tt: 3, sg: [{ s: 0, d: 1_000 }] },
      ],
    });
    expect(draft).not.toBeNull();
    expect(summarizeTimeline(draft)).toBe(
      'Timeline (3 tracks): 1. Video: city timelapse (0-10s) 2. BGM: Lo-fi (0-10s, 35%) 3. Title: "Urban Dreams" (0-3s)',
    );
    expect(draft?.canvas).toEqual({ width: 1920, height: 1080, fps: 30 });
  });

  it('takes edits made in the generic keys over its own stored copy', () => {
    const draft = planStoryboard('Generate a 20-second video about coffee');
    const short = encodeDraft(draft);
    const audio = short.t.find((track) => track.tt === TRACK_TYPE.audio);
    const segment = audio?.sg[0];
    if (segment?.m === undefined) throw new Error('no audio segment');
    segment.m.volume = 0.2;
    const decoded = decodeDraft(short).draft;
    const music = decoded?.tracks.find((track) => track.kind === 'audio');
    expect(music?.kind === 'audio' ? music.segments[0]?.volume : null).toBe(0.2);
  });

  it('gives null for something that is not a draft, and stretches a too-short duration', () => {
    expect(decodeDraft(null)).toEqual({ draft: null, tooLarge: null });
    expect(decodeDraft({ t: 'nope' })).toEqual({ draft: null, tooLarge: null });
    expect(
      decodeDraft({ d: 1_000, t: [{ tt: 0, sg: [{ s: 0, d: 4_000 }] }] }).draft?.durationMs,
    ).toBe(4_000);
  });

  it('refuses a draft over the size budget with the reason, and cuts labels, names and ids to fit', () => {
    const segments = (count: number, text: string) =>
      Array.from({ length: count }, (_, i) => ({ s: i * 100, d: 100, m: { text } }));
    expect(
      decodeDraft({ d: 60_000, t: [{ tt: 7, sg: segments(MAX_DRAFT_SEGMENTS + 1, 'Hi') }] }),
    ).toEqual({
      draft: null,
      tooLarge: `it has ${MAX_DRAFT_SEGMENTS + 1} segments, and at most ${MAX_DRAFT_SEGMENTS} fit`,
    });
    const wordy = decodeDraft({
      d: 60_000,
      t: [{ tt: 7, sg: segments(21, 'w'.repeat(MAX_SEGMENT_TEXT_CHARS)) }],
    });
    expect(wordy.draft).toBeNull();
    expect(wordy.tooLarge).toMatch(/texts have 10500 characters, and at most 10000 fit/);
    const long = 'x'.repeat(5_000);
    const cut = decodeDraft({
      d: 10_000,
      m: { title: long },
      t: [{ tt: 0, id: long, n: long, sg: [{ id: long, s: 0, d: 10_000, m: { label: long } }] }],
    });
    expect(cut.draft?.title).toHaveLength(MAX_TITLE_CHARS);
    expect(cut.draft?.tracks[0]).toMatchObject({
      id: 'x'.repeat(MAX_ID_CHARS),
      name: 'x'.repeat(MAX_NAME_CHARS),
      segments: [{ id: 'x'.repeat(MAX_ID_CHARS), label: 'x'.repeat(MAX_NAME_CHARS) }],
    });
  });
});
