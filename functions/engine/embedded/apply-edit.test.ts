import { describe, expect, it } from 'vitest';
import type { Draft, TextSegment } from '../../../shared/draft-schema';
import { draftSchema } from '../../../shared/draft-schema';
import {
  applyEdit,
  planStoryboard,
  requestedDurationMs,
} from '../../../test/support/director-from-text';
import { isUndoRequest } from './read-edits';

const BASE = planStoryboard(
  'generate a 30-second explainer video from this script: Most teams lose hours every week hunting for files. Nimbus fixes that. ' +
    'Nimbus keeps every document in one secure cloud workspace. Setup takes five minutes. Try Nimbus today.',
);

function edited(text: string, draft: Draft = BASE): Draft {
  const outcome = applyEdit(draft, text);
  if (outcome.kind !== 'edited')
    throw new Error(`expected an edit for ${text}, got ${outcome.kind}`);
  expect(draftSchema.safeParse(outcome.draft).success).toBe(true);
  return outcome.draft;
}

function texts(draft: Draft, role: TextSegment['role']): TextSegment[] {
  return draft.tracks.flatMap((t) =>
    t.kind === 'text' ? t.segments.filter((s) => s.role === role) : [],
  );
}

function videoEnds(draft: Draft): number[] {
  return draft.tracks.flatMap((t) =>
    t.kind === 'video' ? t.segments.map((s) => s.startMs + s.durationMs) : [],
  );
}

describe('applyEdit: shape and length', () => {
  it('applies both parts of "make it vertical and 15 seconds"', () => {
    const draft = edited('make it vertical and 15 seconds');
    expect(draft.canvas).toEqual({ width: 1080, height: 1920, fps: 30 });
    expect(draft.durationMs).toBe(15_000);
    expect(videoEnds(draft).at(-1)).toBe(15_000);
    // Each caption moves to its layout's place on the vertical frame (the lower part).
    for (const caption of texts(draft, 'caption'))
      expect(caption.position.y).toBeGreaterThanOrEqual(0.68);
  });

  it('re-fits every segment keeping scene proportions', () => {
    const draft = edited('make it 1 minute');
    expect(draft.durationMs).toBe(60_000);
    expect(videoEnds(draft)).toEqual(videoEnds(BASE).map((end) => end * 2));
    expect(draft.tracks.find((t) => t.kind === 'audio')?.segments[0]?.durationMs).toBe(60_000);
  });

  it('makes it shorter/longer by whole seconds and switches to square or landscape', () => {
    expect(edited('shorter').durationMs).toBe(20_000);
    expect(edited('a bit longer please').durationMs).toBe(45_000);
    expect(edited('square').canvas).toEqual({ width: 1080, height: 1080, fps: 30 });
    expect(edited('landscape', edited('vertical')).canvas).toEqual({
      width: 1920,
      height: 1080,
      fps: 30,
    });
  });

  it('says so when the draft already has the asked shape or length', () => {
    const outcome = applyEdit(BASE, 'make it landscape and 30 seconds');
    expect(outcome).toEqual({
      kind: 'edited',
      draft: BASE,
      notes: ['It is already 1920x1080 (16:9).', 'It is already 30 s long.'],
      notUnderstood: [],
    });
  });
});

describe('applyEdit: title and text', () => {
  it('sets the title text from a quote or from "change the title to"', () => {
    expect(texts(edited('title "Big News"'), 'title')[0]?.text).toBe('Big News');
    const renamed = edited('change the title to Launch Day');
    expect(texts(renamed, 'title')[0]?.text).toBe('Launch Day');
    expect(renamed.title).toBe('Launch Day');
    expect(renamed.tracks[0]?.segments[0]).toMatchObject({ label: 'Scene 1: Launch Day' });
  });

  it('colours the title by name, by code, in Chinese, and via "make it red" after naming it', () => {
    expect(texts(edited('title in red'), 'title')[0]?.style.color).toBe('#ff0000');
    expect(texts(edited('make the title #00ff00'), 'title')[0]?.style.color).toBe('#00ff00');
    expect(texts(edited('标题改成黄色'), 'title')[0]?.style.color).toBe('#ffd400');
    const both = edited('change the title to Launch Day and make it red');
    expect(texts(both, 'title')[0]).toMatchObject({
      text: 'Launch Day',
      style: { color: '#ff0000' },
    });
    expect(texts(edited('change the title to red'), 'title')[0]).toMatchObject({
      text: 'Nimbus',
      style: { color: '#ff0000' },
    });
  });

  it('adds a text overlay at a time, for a range, or over the whole video', () => {
    const at = texts(edited('add text "Sale ends Friday" at 5s'), 'overlay');
    expect(at).toEqual([
      expect.objectContaining({ text: 'Sale ends Friday', startMs: 5_000, durationMs: 3_000 }),
    ]);
    const range = texts(
      edited('add a text overlay "Limited offer" from 5 to 8 seconds'),
      'overlay',
    )[0];
    expect(range).toMatchObject({ startMs: 5_000, durationMs: 3_000 });
    const whole = texts(edited('add text "Hello"'), 'overlay')[0];
    expect(whole).toMatchObject({ startMs: 0, durationMs: 30_000 });
    const bare = texts(edited('add text Sale ends Friday at 12s in gold'), 'overlay')[0];
    expect(bare).toMatchObject({
      text: 'Sale ends Friday',
      startMs: 12_000,
      style: { color: '#ffc83d' },
    });
  });

  it('clamps an overlay asked for after the end into the video', () => {
    const late = texts(edited('add text "Bye" at 40s'), 'overlay')[0];
    expect(late).toMatchObject({ startMs: 27_000, durationMs: 3_000 });
  });

  it('removes the latest overlay, a named text, the captions or the title', () => {
    const two = edited('add text "First" at 2s', edited('add text "Second" at 6s'));
    expect(texts(edited('remove the overlay', two), 'overlay').map((s) => s.text)).toEqual([
      'Second',
    ]);
    expect(texts(edited('remove text "Second"', two), 'overlay').map((s) => s.text)).toEqual([
      'First',
    ]);
    expect(texts(edited('no captions'), 'caption')).toEqual([]);
    expect(texts(edited('remove the title'), 'title')).toEqual([]);
  });

  it('explains instead of failing when there is nothing to remove', () => {
    expect(applyEdit(BASE, 'remove the overlay')).toMatchObject({
      kind: 'edited',
      draft: BASE,
      notes: ['There is no overlay to remove.'],
    });
  });

  it('restyles captions', () => {
    expect(
      texts(edited('captions in yellow'), 'caption').every((s) => s.style.color === '#ffd400'),
    ).toBe(true);
    const before = texts(BASE, 'caption')[0]?.style.fontSizePx ?? 0;
    expect(texts(edited('bigger captions'), 'caption')[0]?.style.fontSizePx).toBe(
      Math.round(before * 1.25),
    );
  });
});

describe('applyEdit: music, transitions, look', () => {
  it('sets the music volume, mood, and turns it off and on', () => {
    const audio = (d: Draft) => d.tracks.find((t) => t.kind === 'audio');
    expect(audio(edited('music at 20%'))?.segments[0]?.volume).toBe(0.2);
    const calm = audio(edited('make the music calm'));
    expect(calm?.name).toBe('Calm');
    expect(calm?.segments[0]?.source).toEqual({
      type: 'generated-music',
      mood: 'calm',
      tempoBpm: 72,
    });
    const off = edited('mute the music');
    expect(audio(off)).toBeUndefined();
    expect(audio(edited('no music'))).toBeUndefined();
    expect(audio(edited('add music', off))?.segments[0]).toMatchObject({
      startMs: 0,
      durationMs: 30_000,
      volume: 0.35,
    });
  });

  it('switches every transition after the first scene', () => {
    const kinds = (d: Draft) =>
      d.tracks.flatMap((t) =>
        t.kind === 'video' ? t.segments.slice(1).map((s) => s.transitionIn) : [],
      );
    expect(
      kinds(edited('use slide transitions')).every(
        (t) => t?.kind === 'slide' && t.durationMs === 500,
      ),
    ).toBe(true);
    expect(
      kinds(edited('no transitions')).every((t) => t?.kind === 'cut' && t.durationMs === 0),
    ).toBe(true);
    expect(kinds(edited('wipe')).every((t) => t?.kind === 'wipe')).toBe(true);
  });

  it('changes the palette and recolours look-coloured text', () => {
    const ocean = edited('use the Ocean palette');
    expect(ocean.look.paletteName).toBe('Ocean');
    const scene = ocean.tracks[0]?.segments[0];
    expect(
      scene && 'visual' in scene && scene.visual.type === 'scene'
        ? scene.visual.scene.colors
        : null,
    ).toEqual([ocean.look.accent, ...ocean.look.background]);
  });
});

describe('applyEdit: what it cannot do', () => {
  it('does not understand unrelated requests and never throws', () => {
    for (const text of [
      'what is the meaning of life',
      'fade the music over 3 seconds',
      '',
      '⟦9⟧',
      '"',
      'add text',
    ]) {
      expect(() => applyEdit(BASE, text)).not.toThrow();
    }
    expect(applyEdit(BASE, 'what is the meaning of life')).toEqual({ kind: 'not-understood' });
    expect(applyEdit(BASE, 'fade the music over 3 seconds')).toEqual({ kind: 'not-understood' });
  });

  it('applies what it understands and lists the rest', () => {
    const outcome = applyEdit(BASE, 'make it vertical and sing a song');
    expect(outcome).toMatchObject({ kind: 'edited', notUnderstood: ['sing a song'] });
  });

  it('does not change the input draft', () => {
    const before = structuredClone(BASE);
    applyEdit(
      BASE,
      'make it vertical and 15 seconds, title in red, music at 20%, add text "Hi" at 2s',
    );
    expect(BASE).toEqual(before);
  });
});

describe('undo and durations', () => {
  it('recognises short undo messages only', () => {
    expect(isUndoRequest('undo')).toBe(true);
    expect(isUndoRequest('Undo that!')).toBe(true);
    expect(isUndoRequest('撤销')).toBe(true);
    expect(applyEdit(BASE, 'go back')).toEqual({ kind: 'undo' });
    expect(isUndoRequest('undo is a word I would put in the title of this lovely video')).toBe(
      false,
    );
  });

  it('reads requested lengths within the limits', () => {
    expect(requestedDurationMs('make it 15 seconds', 30_000)).toBe(15_000);
    expect(requestedDurationMs('make it 20 minutes', 30_000)).toBe(600_000);
    expect(requestedDurationMs('shorter', 1_000)).toBe(1_000);
    expect(requestedDurationMs('vertical', 30_000)).toBeNull();
  });
});
