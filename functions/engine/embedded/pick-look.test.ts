import { describe, expect, it } from 'vitest';
import { lookSchema } from '../../../shared/draft-schema';
import { FONT_FAMILY, PALETTE_NAMES, hashText, lookByName, nextLook, pickLook } from './pick-look';

/** WCAG 2 relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const channel = (i: number): number => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe('pickLook', () => {
  it('has at least five named palettes, each a valid look using the loaded fonts', () => {
    expect(PALETTE_NAMES.length).toBeGreaterThanOrEqual(5);
    for (const name of PALETTE_NAMES) {
      const look = lookByName(name);
      expect(look).not.toBeNull();
      expect(lookSchema.parse(look)).toEqual(look);
      expect(look?.fontFamily).toBe('"Inter", "Noto Sans SC", sans-serif');
    }
    expect(FONT_FAMILY).toBe('"Inter", "Noto Sans SC", sans-serif');
  });

  it('keeps text readable on every gradient stop (≥ 4.5:1, accents ≥ 3:1)', () => {
    for (const name of PALETTE_NAMES) {
      const look = lookByName(name);
      if (!look) throw new Error(name);
      for (const stop of look.background) {
        expect(contrast(look.text, stop)).toBeGreaterThanOrEqual(4.5);
        expect(contrast(look.accent, stop)).toBeGreaterThanOrEqual(3);
      }
    }
  });

  it('picks by keyword', () => {
    expect(pickLook('an explainer for our cloud software').paletteName).toBe('Midnight');
    expect(pickLook('a promo for our coffee shop').paletteName).toBe('Sunset');
    expect(pickLook('a video about sustainable gardening').paletteName).toBe('Forest');
    expect(pickLook('quarterly report for investors').paletteName).toBe('Corporate');
  });

  it('is deterministic without keywords and varies across prompts', () => {
    expect(pickLook('hello there')).toEqual(pickLook('hello there'));
    const names = new Set(
      ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel'].map(
        (w) => pickLook(w).paletteName,
      ),
    );
    expect(names.size).toBeGreaterThan(1);
  });

  it('returns a copy that can be changed safely', () => {
    const look = pickLook('cloud');
    look.background.push('#000000');
    expect(pickLook('cloud').background).toHaveLength(3);
  });

  it('cycles to the next palette', () => {
    const first = PALETTE_NAMES[0] ?? '';
    expect(nextLook(first).paletteName).toBe(PALETTE_NAMES[1]);
    expect(nextLook(PALETTE_NAMES[PALETTE_NAMES.length - 1] ?? '').paletteName).toBe(first);
  });
});

describe('hashText', () => {
  it('is the FNV-1a 32-bit hash', () => {
    expect(hashText('')).toBe(0x811c9dc5);
    expect(hashText('a')).toBe(0xe40c292c);
  });
});
