import { describe, expect, it } from 'vitest';
import { planStoryboard } from '../embedded/plan-storyboard';
import { summarizeTimeline } from '../../../shared/timeline-summary';
import { decodeDraft, encodeDraft, TRACK_TYPE } from './draft-codec';

describe('draft codec', () => {
  it('round-trips our draft through short keys unchanged', () => {
    const draft = planStoryboard('Generate a 30-second explainer video about solar panels for homeowners');
    const short = encodeDraft(draft);
    expect(short.d).toBe(draft.durationMs);
    expect(short.t.map((track) => track.tt)).toEqual(draft.tracks.map((track) => TRACK_TYPE[track.kind]));
    expect(decodeDraft(JSON.parse(JSON.stringify(short)))).toEqual(draft);
  });

  it('decodes a draft the backend made (no metadata of ours) with defaults', () => {
    const draft = decodeDraft({
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
    const decoded = decodeDraft(short);
    const music = decoded?.tracks.find((track) => track.kind === 'audio');
    expect(music?.kind === 'audio' ? music.segments[0]?.volume : null).toBe(0.2);
  });

  it('gives null for something that is not a draft, and stretches a too-short duration', () => {
    expect(decodeDraft(null)).toBeNull();
    expect(decodeDraft({ t: 'nope' })).toBeNull();
    expect(decodeDraft({ d: 1_000, t: [{ tt: 0, sg: [{ s: 0, d: 4_000 }] }] })?.durationMs).toBe(4_000);
  });
});
