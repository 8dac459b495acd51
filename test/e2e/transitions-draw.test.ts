/**
 * @module transitions-draw (e2e)
 * The transitions set drawn by the one frame function in headless Chromium (an in-process Vite
 * dev server, no app): mid-transition every kind shows something of its own — neither scene
 * alone, and not what another kind shows — a dip passes through its colour, and the same frame
 * drawn twice from fresh caches is the same pixels. The text presets likewise: a title mid-entrance
 * looks different under each preset, and settles to the same picture once it has entered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Draft,
  TEXT_ANIMATIONS,
  TRANSITION_KINDS,
  type TextSegment,
  type Transition,
} from '../../shared/draft-schema';
import { type FramePage, openFramePage } from '../../scripts/lib/frame-page';
import { sampleDraft } from './support/sample-drafts';

/** Frame size drawn: small, the composition is the same at any size. */
const WIDTH = 320;
/** The sample draft's second scene starts at 2 s and enters over 500 ms. */
const ENTER_MS = 2_000;
const TRANSITION_MS = 500;
/** Mean absolute RGB difference (0–255) below which two frames count as the same picture. */
const SAME_PICTURE = 1;

function withTransition(transition: Transition): Draft {
  const draft = sampleDraft(WIDTH, (WIDTH * 9) / 16);
  return {
    ...draft,
    // Only the scenes: the title and captions would be drawn over every kind alike.
    tracks: draft.tracks
      .filter((track) => track.kind === 'video')
      .map((track) =>
        track.kind === 'video'
          ? {
              ...track,
              segments: track.segments.map((s, i) =>
                i === 1 ? { ...s, transitionIn: transition } : s,
              ),
            }
          : track,
      ),
  };
}

/** RGB bytes of a grid of the frame's pixels at `timeMs` (then its last pixel), drawn with fresh caches. */
async function pixels(framePage: FramePage, draft: Draft, timeMs: number): Promise<number[]> {
  return framePage.page.evaluate(
    ({ draft, timeMs }) => {
      const frame = window.reelwrightDraw;
      if (!frame) throw new Error('frame module not loaded');
      const canvas = new OffscreenCanvas(draft.canvas.width, draft.canvas.height);
      const ctx = canvas.getContext('2d', { alpha: false });
      if (!ctx) throw new Error('no 2D context');
      frame.drawFrame(ctx, draft, timeMs, frame.createFrameAssets(draft));
      const rgba = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      // Every 4th pixel of every 4th row (a few thousand values cross to Node quickly), and the
      // last pixel.
      const picked: number[] = [];
      for (let y = 0; y < canvas.height; y += 4)
        for (let x = 0; x < canvas.width; x += 4) {
          const i = (y * canvas.width + x) * 4;
          picked.push(rgba[i] ?? 0, rgba[i + 1] ?? 0, rgba[i + 2] ?? 0);
        }
      picked.push(...rgba.slice(-4, -1));
      return picked;
    },
    { draft, timeMs },
  );
}

function meanDifference(a: number[], b: number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i += 1) sum += Math.abs((a[i] ?? 0) - (b[i] ?? 0));
  return sum / a.length;
}

describe('transitions set', () => {
  let framePage: FramePage;
  beforeAll(async () => {
    framePage = await openFramePage();
  }, 60_000);
  afterAll(async () => {
    await framePage?.close();
  });

  it('draws each kind mid-transition as its own picture, and the same frame twice alike', async () => {
    const mid = ENTER_MS + TRANSITION_MS * 0.4;
    const cut = await pixels(framePage, withTransition({ kind: 'cut', durationMs: 0 }), mid);
    // The outgoing scene as it would look at that moment (its segment extended over the time).
    const held = withTransition({ kind: 'cut', durationMs: 0 });
    const video = held.tracks[0];
    if (video?.kind !== 'video') throw new Error('no video track');
    const outgoing = await pixels(
      framePage,
      {
        ...held,
        tracks: [
          {
            ...video,
            segments: video.segments.slice(0, 1).map((s) => ({ ...s, durationMs: 4_000 })),
          },
        ],
      },
      mid,
    );
    const seen: Array<[string, number[]]> = [];
    for (const kind of TRANSITION_KINDS) {
      if (kind === 'cut') continue;
      const draft = withTransition({ kind, durationMs: TRANSITION_MS });
      const frame = await pixels(framePage, draft, mid);
      expect(meanDifference(frame, cut), `${kind} vs the new scene alone`).toBeGreaterThan(
        SAME_PICTURE,
      );
      expect(meanDifference(frame, outgoing), `${kind} vs the old scene alone`).toBeGreaterThan(
        SAME_PICTURE,
      );
      for (const [other, pictured] of seen)
        expect(meanDifference(frame, pictured), `${kind} vs ${other}`).toBeGreaterThan(
          SAME_PICTURE,
        );
      seen.push([kind, frame]);
      expect(await pixels(framePage, draft, mid), `${kind} drawn again`).toEqual(frame);
    }
    // Past the transition every kind shows the new scene alone.
    const after = ENTER_MS + TRANSITION_MS + 100;
    const settled = await pixels(framePage, withTransition({ kind: 'cut', durationMs: 0 }), after);
    const zoomed = await pixels(
      framePage,
      withTransition({ kind: 'zoom', durationMs: TRANSITION_MS }),
      after,
    );
    expect(meanDifference(zoomed, settled)).toBeLessThan(SAME_PICTURE);
  }, 180_000);

  it('dips through its colour halfway', async () => {
    const halfway = ENTER_MS + TRANSITION_MS / 2;
    for (const color of ['#000000', '#ff375f']) {
      const frame = await pixels(
        framePage,
        withTransition({ kind: 'dip', durationMs: TRANSITION_MS, color }),
        halfway,
      );
      const expected = [1, 3, 5].map((i) => Number.parseInt(color.slice(i, i + 2), 16));
      expect(frame.slice(0, 3)).toEqual(expected);
      expect(frame.slice(-3)).toEqual(expected);
    }
  }, 120_000);

  it('draws each text preset mid-entrance as its own picture, all alike once entered', async () => {
    const base = sampleDraft(WIDTH, (WIDTH * 9) / 16);
    const withTitle = (animation: TextSegment['animation']): Draft => ({
      ...base,
      tracks: base.tracks.map((track) =>
        track.kind === 'text'
          ? { ...track, segments: track.segments.slice(0, 1).map((s) => ({ ...s, animation })) }
          : track,
      ),
    });
    const entering = 250;
    const seen: Array<[string, number[]]> = [];
    for (const animation of TEXT_ANIMATIONS) {
      const frame = await pixels(framePage, withTitle(animation), entering);
      for (const [other, pictured] of seen)
        expect(meanDifference(frame, pictured), `${animation} vs ${other}`).toBeGreaterThan(0.2);
      seen.push([animation, frame]);
      expect(await pixels(framePage, withTitle(animation), entering), `${animation} again`).toEqual(
        frame,
      );
    }
    // The title is drawn in full by 1.4 s whatever the preset (the fade-outs start later).
    const entered = await pixels(framePage, withTitle('none'), 1_400);
    for (const animation of ['typewriter', 'pop', 'kinetic'] as const)
      expect(
        meanDifference(await pixels(framePage, withTitle(animation), 1_400), entered),
        animation,
      ).toBeLessThan(0.2);
  }, 180_000);
});
