/**
 * The brand logo in the frame function: placed in its corner inside the margins at its own
 * aspect ratio, drawn over the frame when decoded, and left out — never an error — when its
 * upload cannot be downloaded (deleted, or not the visitor's: the file route answers 404).
 */
import { describe, expect, it } from 'vitest';
import type { Draft } from '../../shared/draft-schema';
import { sampleDraft } from '../../test/e2e/support/sample-drafts';
import { LOGO_BOX_RATIO, LOGO_MARGIN_RATIO, drawLogo, logoRect } from './draw-logo';
import { createFrameAssets } from './frame-assets';
import type { Context2D } from './frame-assets';
import { MediaFrames, visualMediaIds } from './media-frames';
import { RenderError } from './render-errors';

const LOGO = {
  sessionId: '7d0f3a52-8f0e-4d0b-9a55-3c1a2b9e0f11',
  mediaId: '0b6c8f2e-1d3a-4c5b-8e7f-9a0b1c2d3e4f',
};

function branded(corner: NonNullable<Draft['logo']>['corner']): Draft {
  return { ...sampleDraft(1920, 1080), logo: { ...LOGO, corner } };
}

describe('logoRect', () => {
  it('puts a wide logo in each corner inside the margins, aspect kept', () => {
    const draft = branded('bottom-right');
    const margin = 1080 * LOGO_MARGIN_RATIO;
    const box = 1080 * LOGO_BOX_RATIO;
    const bottomRight = logoRect(draft, 'bottom-right', 400, 200);
    expect(bottomRight.width).toBeCloseTo(box);
    expect(bottomRight.height).toBeCloseTo(box / 2);
    expect(bottomRight.x + bottomRight.width).toBeCloseTo(1920 - margin);
    expect(bottomRight.y + bottomRight.height).toBeCloseTo(1080 - margin);
    const topLeft = logoRect(draft, 'top-left', 400, 200);
    expect([topLeft.x, topLeft.y]).toEqual([margin, margin]);
  });
});

describe('drawLogo', () => {
  const calls: unknown[][] = [];
  const ctx = {
    drawImage: (...args: unknown[]) => calls.push(args),
    globalAlpha: 1,
  } as unknown as Context2D;
  const image = { width: 300, height: 100 } as unknown as CanvasImageSource;
  const media = { frameFor: () => null, logoFrame: () => ({ image, width: 300, height: 100 }) };

  it('draws the decoded logo in its corner, and nothing without a logo', () => {
    const draft = branded('top-right');
    drawLogo(ctx, draft, createFrameAssets(undefined, media));
    const rect = logoRect(draft, 'top-right', 300, 100);
    expect(calls).toEqual([[image, rect.x, rect.y, rect.width, rect.height]]);
    calls.length = 0;
    drawLogo(ctx, sampleDraft(1920, 1080), createFrameAssets(undefined, media));
    expect(calls).toEqual([]);
  });
});

describe('MediaFrames and the logo', () => {
  it('is downloaded with the draft’s pictures', () => {
    expect(visualMediaIds(branded('top-left'))).toContain(LOGO.mediaId);
  });

  it('leaves out a logo whose upload is gone, with a note, and opens the rest', async () => {
    const asked: string[] = [];
    const frames = await MediaFrames.open(branded('bottom-left'), async (mediaId) => {
      asked.push(mediaId);
      throw new RenderError(
        'media-failed',
        'A clip of this video could not be downloaded (HTTP 404).',
      );
    });
    expect(asked).toEqual([LOGO.mediaId]);
    expect(frames.logoFrame()).toBeNull();
    expect(frames.logoSkipped).toContain('HTTP 404');
    await frames.dispose();
  });
});
