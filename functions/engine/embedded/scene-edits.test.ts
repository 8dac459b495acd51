/**
 * The scene, pace and position ops applied: each draft after an op passes `draftSchema`, does
 * what was asked, and keeps its timing whole (scenes end to end, nothing past the end).
 */
import { describe, expect, it } from 'vitest';
import type { Draft, TextSegment, VideoSegment } from '../../../shared/draft-schema';
import { draftSchema } from '../../../shared/draft-schema';
import type { EditOp } from '../../../shared/edit-op-schema';
import { planMediaCut, planStoryboard } from '../../../test/support/director-from-text';
import { clip, photo } from '../../../test/support/media-fixtures';
import { applyEditOps } from './apply-edit';
import { PACE_STEP } from './edit-pace';
import { scenesOf } from './scene-timeline';
import { CAPTION_Y_LANDSCAPE, OVERLAY_Y } from './text-layout';

const BASE = planStoryboard(
  'generate a 30-second explainer video from this script: Most teams lose hours every week hunting for files. ' +
    'Nimbus fixes that. Nimbus keeps every document in one secure cloud workspace. Setup takes five minutes. Try Nimbus today.',
);

function applied(op: EditOp, draft: Draft = BASE): Draft {
  const outcome = applyEditOps(draft, [op], false);
  if (outcome.kind !== 'edited') throw new Error(`${op.op} did not apply`);
  expect(draftSchema.safeParse(outcome.draft).success).toBe(true);
  return outcome.draft;
}

function captions(draft: Draft): TextSegment[] {
  return draft.tracks
    .flatMap((t) => (t.kind === 'text' ? t.segments : []))
    .filter((s) => s.role === 'caption')
    .sort((a, b) => a.startMs - b.startMs);
}

/** Scenes run end to end from 0 to the video's end. */
function expectWholeTimeline(draft: Draft): void {
  const scenes = scenesOf(draft);
  let at = 0;
  for (const scene of scenes) {
    expect(scene.startMs).toBe(at);
    at += scene.durationMs;
  }
  expect(at).toBe(draft.durationMs);
  expect(scenes[0]?.transitionIn).toBeUndefined();
}

/** The caption shown during a scene. */
function captionOf(draft: Draft, scene: VideoSegment): string | undefined {
  return captions(draft).find(
    (c) =>
      c.startMs >= scene.startMs && c.startMs + c.durationMs <= scene.startMs + scene.durationMs,
  )?.text;
}

describe('scene ops', () => {
  const before = scenesOf(BASE);
  const captionsBefore = before.map((scene) => captionOf(BASE, scene));

  it('swaps scenes 2 and 3 with their captions; timing stays whole', () => {
    const draft = applied({ op: 'move-scene', from: 2, to: 3, swap: true });
    const after = scenesOf(draft);
    expect(after.map((s) => s.id)).toEqual([
      before[0]?.id,
      before[2]?.id,
      before[1]?.id,
      ...before.slice(3).map((s) => s.id),
    ]);
    expect(captionOf(draft, after[1] as VideoSegment)).toBe(captionsBefore[2]);
    expect(captionOf(draft, after[2] as VideoSegment)).toBe(captionsBefore[1]);
    expect(after[1]?.label).toMatch(/^Scene 2:/);
    expect(draft.durationMs).toBe(BASE.durationMs);
    expectWholeTimeline(draft);
  });

  it('moves the first scene to the end: the new first has no transition, the moved one gets one', () => {
    const draft = applied({ op: 'move-scene', from: 'first', to: 'last' });
    const after = scenesOf(draft);
    expect(after.at(-1)?.id).toBe(before[0]?.id);
    expect(after.at(-1)?.transitionIn?.kind).toBe(before[1]?.transitionIn?.kind);
    expectWholeTimeline(draft);
  });

  it('removes the last scene: the video is shorter by its length, music ends at the new end', () => {
    const last = before.at(-1) as VideoSegment;
    const draft = applied({ op: 'remove-scene', scene: 'last' });
    expect(scenesOf(draft)).toHaveLength(before.length - 1);
    expect(draft.durationMs).toBe(BASE.durationMs - last.durationMs);
    expect(captions(draft).map((c) => c.text)).not.toContain(captionsBefore.at(-1));
    const music = draft.tracks.find((t) => t.kind === 'audio');
    expect(music?.segments[0]?.durationMs).toBe(draft.durationMs);
    expectWholeTimeline(draft);
  });

  it('removes scene 2: later scenes move up and are renumbered', () => {
    const draft = applied({ op: 'remove-scene', scene: 2 });
    const after = scenesOf(draft);
    expect(after[1]?.id).toBe(before[2]?.id);
    expect(after[1]?.label).toMatch(/^Scene 2:/);
    expectWholeTimeline(draft);
  });

  it('keeps the only scene, with a note', () => {
    let one = BASE;
    while (scenesOf(one).length > 1) one = applied({ op: 'remove-scene', scene: 'last' }, one);
    const outcome = applyEditOps(one, [{ op: 'remove-scene', scene: 1 }], false);
    expect(outcome.kind === 'edited' && outcome.notes).toEqual([
      'A video keeps at least one scene and one second, so that scene stays.',
    ]);
  });

  it("sets scene 3's text and label; the title card's text is the title", () => {
    const draft = applied({ op: 'set-scene-text', scene: 3, text: 'Fresh beans daily' });
    const scene = scenesOf(draft)[2] as VideoSegment;
    expect(captionOf(draft, scene)).toBe('Fresh beans daily');
    expect(scene.label).toBe('Scene 3: Fresh beans daily');
    const titled = applied({ op: 'set-scene-text', scene: 1, text: 'Nimbus' });
    expect(titled.title).toBe('Nimbus');
  });

  it('reports a scene that does not exist as not applied', () => {
    expect(applyEditOps(BASE, [{ op: 'remove-scene', scene: 40 }], false).kind).toBe(
      'not-understood',
    );
  });

  it('"start with the beach photo" puts the upload named beach first', () => {
    const media = [clip('m1', 'city-walk.mp4', 6_000), photo('m2', 'beach.jpg')];
    const cut = planMediaCut('combine my clips and photos', media);
    const draft = applied({ op: 'move-scene', from: { label: 'beach' }, to: 'first' }, cut);
    const first = scenesOf(draft)[0];
    expect(first?.visual.type === 'media' && first.visual.mediaId).toBe('m2');
    expectWholeTimeline(draft);
  });
});

describe('pace and position ops', () => {
  it('faster pace: a fifth shorter (whole seconds), music quicker; slower: the reverse', () => {
    const faster = applied({ op: 'set-pace', pace: 'faster' });
    expect(faster.durationMs).toBe(Math.round(BASE.durationMs / PACE_STEP / 1000) * 1000);
    const tempo = (d: Draft): number => {
      const music = d.tracks.flatMap((t) => (t.kind === 'audio' ? t.segments : []))[0];
      return music?.source.type === 'generated-music' ? music.source.tempoBpm : Number.NaN;
    };
    expect(tempo(faster)).toBe(Math.round(tempo(BASE) * PACE_STEP));
    const slower = applied({ op: 'set-pace', pace: 'slower' });
    expect(slower.durationMs).toBeGreaterThan(BASE.durationMs);
    expectWholeTimeline(faster);
    expectWholeTimeline(slower);
  });

  it('title at the bottom, captions at the top', () => {
    const bottom = applied({ op: 'set-position', role: 'title', place: 'bottom' });
    const title = bottom.tracks
      .flatMap((t) => (t.kind === 'text' ? t.segments : []))
      .find((s) => s.role === 'title');
    expect(title?.position.y).toBe(CAPTION_Y_LANDSCAPE);
    const top = applied({ op: 'set-position', role: 'caption', place: 'top' });
    expect(captions(top).every((c) => c.position.y === OVERLAY_Y)).toBe(true);
  });

  it('a theme by colour recolours the video with that palette', () => {
    const blue = applied({ op: 'set-look', palette: 'Corporate' });
    expect(blue.look.paletteName).toBe('Corporate');
  });
});
