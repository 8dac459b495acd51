import { describe, expect, it } from 'vitest';
import { beatTimesMs, musicBeatGrid, snapScenesToBeats } from '../../../shared/beat-grid';
import type { Draft } from '../../../shared/draft-schema';
import type { EngineEvent } from '../engine';
import { runTurn } from './embedded-engine';

const SCRIPT =
  'Most teams lose hours every week hunting for the right file. Nimbus fixes that. Nimbus keeps every document, design and ' +
  'spreadsheet in one secure cloud workspace, so your whole team can find anything in seconds. It syncs automatically across ' +
  'laptops and phones, and it encrypts everything end to end. No more lost links or version chaos. Setup takes five minutes, ' +
  'and your first month is free. Try Nimbus today and give your team their time back. Download our app today.';

function draftAfter(text: string, draft: Draft | null = null): Draft {
  const events: EngineEvent[] = runTurn({ text, draft, history: [], previousDrafts: [] });
  const event = events.find((e) => e.type === 'draft');
  if (event?.type !== 'draft') throw new Error(`no draft for "${text}": ${JSON.stringify(events)}`);
  return event.draft;
}

/** Scene starts after the first that are not on a beat of the draft's music. */
function cutsOffBeat(draft: Draft): number[] {
  const music = musicBeatGrid(draft);
  if (!music) throw new Error('no music');
  const beats = beatTimesMs(music.grid, 0, draft.durationMs);
  const scenes = draft.tracks.find((track) => track.kind === 'video')?.segments ?? [];
  return scenes
    .slice(1)
    .map((scene) => scene.startMs)
    .filter((start) => !beats.includes(start));
}

describe('cuts stay on the beat after an edit', () => {
  const planned = draftAfter(`generate a 30-second explainer video from this script: ${SCRIPT}`);

  it('starts on the beat (a new plan is snapped)', () => {
    expect(cutsOffBeat(planned)).toEqual([]);
  });

  it.each([
    ['a new length', 'make it 20 seconds', 20_000],
    ['a new length, in Chinese', '改成45秒', 45_000],
  ])('re-snaps after %s', (_what, text, durationMs) => {
    const edited = draftAfter(text, planned);
    expect(edited.durationMs).toBe(durationMs);
    expect(cutsOffBeat(edited)).toEqual([]);
  });

  it('re-snaps after music of another tempo, as far as scenes of at least 2 s allow', () => {
    const edited = draftAfter('calm music', planned);
    const tempo = (d: Draft) => musicBeatGrid(d)?.grid.tempoBpm;
    expect(tempo(edited)).toBe(72);
    expect(tempo(planned)).toBe(120);
    // The old cuts under the new beat, then the cuts the edit made: fewer off the beat, and
    // snapping again moves none of them.
    const oldCutsNewBeat = {
      ...planned,
      tracks: [
        ...edited.tracks.filter((t) => t.kind === 'audio'),
        ...planned.tracks.filter((t) => t.kind !== 'audio'),
      ],
    };
    expect(cutsOffBeat(edited).length).toBeLessThan(cutsOffBeat(oldCutsNewBeat).length);
    expect(snapScenesToBeats(edited)).toEqual(edited);
  });

  it('leaves the timing of an edit that moves no beat and no length', () => {
    const edited = draftAfter('a blue theme', planned);
    const scenes = (d: Draft) =>
      d.tracks.find((t) => t.kind === 'video')?.segments.map((s) => [s.startMs, s.durationMs]);
    expect(scenes(edited)).toEqual(scenes(planned));
  });
});
