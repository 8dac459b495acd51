/**
 * Issue 13 item 5: the brand kit applied to new videos (colours → look and caption highlight,
 * font → every text, logo → `draft.logo` in its corner) and the brand edits in chat, English and
 * Chinese, including the kit they save and the plain reply line they give.
 */
import { describe, expect, it } from 'vitest';
import type { BrandKit } from '../../../shared/brand-kit-schema';
import { EMPTY_BRAND_KIT } from '../../../shared/brand-kit-schema';
import type { Draft } from '../../../shared/draft-schema';
import { draftSchema } from '../../../shared/draft-schema';
import type { ChatTurnInput, EngineEvent } from '../engine';
import { applyBrandKit, brandLook } from './apply-brand-kit';
import { contrastRatio } from './colour-contrast';
import { runBrandedTurn } from './embedded-engine';

const KIT: BrandKit = {
  colors: ['#0a84ff', '#ff375f'],
  font: 'Noto Sans SC',
  logo: {
    sessionId: '7d0f3a52-8f0e-4d0b-9a55-3c1a2b9e0f11',
    mediaId: '0b6c8f2e-1d3a-4c5b-8e7f-9a0b1c2d3e4f',
  },
  logoCorner: 'top-left',
};
const PROMPT = 'make a 20 second video about our new note-taking app';

function turn(text: string, draft: Draft | null, brandKit?: BrandKit): ChatTurnInput {
  return { text, draft, history: [], previousDrafts: [], ...(brandKit ? { brandKit } : {}) };
}
function draftOf(events: EngineEvent[]): Draft | null {
  const event = events.find((e) => e.type === 'draft');
  return event?.type === 'draft' ? event.draft : null;
}
function textOf(events: EngineEvent[]): string {
  const event = events.find((e) => e.type === 'text');
  return event?.type === 'text' ? event.text : '';
}
function textFonts(draft: Draft): string[] {
  return draft.tracks
    .flatMap((t) => (t.kind === 'text' ? t.segments : []))
    .map((s) => s.style.fontFamily);
}

const plain = draftOf(runBrandedTurn(turn(PROMPT, null)).events);

describe('brandLook', () => {
  it.each([
    [['#0a84ff', '#ff375f']],
    [['#ffd60a']],
    [['#1c1c1e', '#30d158', '#ffffff']],
    [['#ffffff', '#ffffff']],
  ])('puts the first colour in the gradient and keeps text and accent legible: %j', (colors) => {
    const look = brandLook(colors, '"Inter", sans-serif');
    expect(look.background[0]).toBe(colors[0]);
    expect(look.background.length).toBeLessThanOrEqual(4);
    for (const stop of look.background) {
      expect(contrastRatio(look.text, stop)).toBeGreaterThanOrEqual(3);
    }
    expect(look.accent).not.toBe(look.text);
    const legibleBrand = colors
      .slice(1)
      .some((colour) => look.background.every((stop) => contrastRatio(colour, stop) >= 3));
    if (legibleBrand) {
      for (const stop of look.background)
        expect(contrastRatio(look.accent, stop)).toBeGreaterThanOrEqual(3);
    }
  });
});

describe('a new video of a visitor with a brand kit', () => {
  const branded = draftOf(runBrandedTurn(turn(PROMPT, null, KIT)).events);

  it('uses the kit: colours, font on every text, the logo in its corner', () => {
    expect(plain).not.toBeNull();
    expect(branded).not.toBeNull();
    if (!branded || !plain) return;
    expect(draftSchema.parse(branded)).toEqual(branded);
    expect(branded.look.paletteName).toBe('Brand');
    expect(branded.look.background[0]).toBe('#0a84ff');
    expect(branded.look.fontFamily.startsWith('"Noto Sans SC"')).toBe(true);
    expect(textFonts(branded).every((f) => f === branded.look.fontFamily)).toBe(true);
    expect(branded.logo).toEqual({ ...KIT.logo, corner: 'top-left' });
    expect(plain.logo).toBeUndefined();
    expect(plain.look.paletteName).not.toBe('Brand');
  });

  it('highlights the spoken word of a narrated video in the brand accent', () => {
    const narrated = draftOf(runBrandedTurn(turn(`${PROMPT} with a voiceover`, null, KIT)).events);
    const highlights = (narrated?.tracks ?? []).flatMap((t) =>
      t.kind === 'audio'
        ? t.segments.flatMap((s) =>
            s.source.type === 'speech' ? [s.source.captions.highlight] : [],
          )
        : [],
    );
    expect(highlights.length).toBeGreaterThan(0);
    expect(new Set(highlights)).toEqual(new Set([narrated?.look.accent]));
  });

  it('is the plain draft for the empty kit', () => {
    expect(plain && applyBrandKit(plain, EMPTY_BRAND_KIT)).toBe(plain);
    expect(draftOf(runBrandedTurn(turn(PROMPT, null, EMPTY_BRAND_KIT)).events)).toEqual(plain);
  });
});

describe('brand edits in chat', () => {
  it('"use my brand colours …" recolours the video, saves the colours and says so', () => {
    const { events, kit } = runBrandedTurn(
      turn('use my brand colours #0a84ff and #ff375f', plain, EMPTY_BRAND_KIT),
    );
    const edited = draftOf(events);
    expect(edited?.look.background[0]).toBe('#0a84ff');
    expect(edited?.look.background).toContain('#ff375f');
    expect(kit).toEqual({ ...EMPTY_BRAND_KIT, colors: ['#0a84ff', '#ff375f'] });
    expect(textOf(events)).toContain('Look');
  });

  it('"用我的品牌色 …" does the same and answers in Chinese', () => {
    const { events, kit } = runBrandedTurn(
      turn('用我的品牌色 #0A84FF 和 #ff375f', plain, EMPTY_BRAND_KIT),
    );
    expect(draftOf(events)?.look.background[0]).toBe('#0a84ff');
    expect(kit?.colors).toEqual(['#0a84ff', '#ff375f']);
    expect(textOf(events)).toContain('配色');
  });

  it('puts the kit’s logo in the corner said, moves it, and takes it off this video only', () => {
    const placed = runBrandedTurn(turn('logo bottom right', plain, KIT));
    const withLogo = draftOf(placed.events);
    expect(withLogo?.logo?.corner).toBe('bottom-right');
    expect(placed.kit?.logoCorner).toBe('bottom-right');
    expect(textOf(placed.events)).toContain('Logo bottom right');

    const moved = draftOf(runBrandedTurn(turn('logo 放在左下角', withLogo, KIT)).events);
    expect(moved?.logo?.corner).toBe('bottom-left');

    const removed = runBrandedTurn(turn('去掉 logo', withLogo, KIT));
    expect(draftOf(removed.events)?.logo).toBeUndefined();
    expect(removed.kit).toBeNull();
    expect(textOf(removed.events)).toContain('去掉了 logo');
  });

  it('says plainly when there is no logo to place or remove', () => {
    const noKitLogo = runBrandedTurn(turn('logo bottom right', plain, EMPTY_BRAND_KIT));
    expect(draftOf(noKitLogo.events)).toBeNull();
    expect(textOf(noKitLogo.events)).toContain('no logo in your brand kit');
    expect(textOf(runBrandedTurn(turn('no logo', plain, KIT)).events)).toContain(
      'no logo to remove',
    );
  });

  it('"use my brand kit" applies the saved kit; an empty kit is explained', () => {
    const used = draftOf(runBrandedTurn(turn('use my brand kit', plain, KIT)).events);
    expect(used?.logo?.corner).toBe('top-left');
    expect(used?.look.background[0]).toBe('#0a84ff');
    const empty = runBrandedTurn(turn('use my brand kit', plain, EMPTY_BRAND_KIT));
    expect(textOf(empty.events)).toContain('brand kit is empty');
  });

  it('"Inter font" sets the font of every text and saves it', () => {
    const notoDraft = draftOf(runBrandedTurn(turn(PROMPT, null, KIT)).events);
    const { events, kit } = runBrandedTurn(turn('Inter font', notoDraft, KIT));
    const edited = draftOf(events);
    expect(edited?.look.fontFamily.startsWith('"Inter"')).toBe(true);
    expect(edited && textFonts(edited).every((f) => f.startsWith('"Inter"'))).toBe(true);
    expect(kit?.font).toBe('Inter');
    expect(textOf(events)).toContain('Font Noto Sans SC → Inter');
  });

  it('saves the colours before there is a video, without planning one', () => {
    const { events, kit } = runBrandedTurn(
      turn('use my brand colours #0a84ff and #ff375f', null, EMPTY_BRAND_KIT),
    );
    expect(draftOf(events)).toBeNull();
    expect(kit?.colors).toEqual(['#0a84ff', '#ff375f']);
    expect(textOf(events)).toContain('Saved your brand kit');
  });
});
