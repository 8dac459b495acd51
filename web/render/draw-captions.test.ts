import { describe, expect, it } from 'vitest';
import type { Draft } from '../../shared/draft-schema';
import { DEFAULT_CAPTION_STYLE, type CaptionStyle } from '../../shared/narration-schema';
import { drawCaptions } from './draw-captions';
import type { Context2D } from './frame-assets';
import { narratedDraftFixture } from '../../test/unit-helpers/narrated-draft-fixture';

function narrated(captions: CaptionStyle): Draft {
  return narratedDraftFixture(['One two three four.'], captions);
}

/** A 2D context that records each word drawn with its fill colour and the font (10 px a character). */
function recordingContext(): {
  ctx: Context2D;
  drawn: Array<{ text: string; fill: string; font: string }>;
} {
  const drawn: Array<{ text: string; fill: string; font: string }> = [];
  const state = { fillStyle: '', font: '' };
  const ctx = {
    ...state,
    measureText: (text: string) => ({ width: 10 * text.length }),
    // The box behind the words is not checked here.
    beginPath: () => undefined,
    roundRect: () => undefined,
    fill: () => undefined,
    fillText(text: string) {
      drawn.push({ text, fill: String(this.fillStyle), font: String(this.font) });
    },
  };
  return { ctx: ctx as unknown as Context2D, drawn };
}

describe('drawCaptions', () => {
  it('draws the word being said in the caption style’s highlight colour, the rest white', () => {
    const { ctx, drawn } = recordingContext();
    // The phrase starts at 500 ms with "One": at 550 ms it is the spoken word.
    drawCaptions(ctx, narrated({ ...DEFAULT_CAPTION_STYLE, highlight: '#ffd400' }), 550);
    expect(drawn.map((d) => [d.text, d.fill])).toEqual([
      ['One', '#ffd400'],
      ['two', '#ffffff'],
      ['three', '#ffffff'],
      ['four.', '#ffffff'],
    ]);
  });

  it('draws at the style’s size and nothing when captions are off', () => {
    const big = recordingContext();
    drawCaptions(big.ctx, narrated({ ...DEFAULT_CAPTION_STYLE, sizeRatio: 0.1 }), 550);
    expect(big.drawn[0]?.font).toBe('700 108px Inter');
    const off = recordingContext();
    drawCaptions(off.ctx, narrated({ ...DEFAULT_CAPTION_STYLE, mode: 'off' }), 550);
    expect(off.drawn).toEqual([]);
  });
});
