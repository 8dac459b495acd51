import { describe, expect, it } from 'vitest';
import { textSegmentsOf } from './edit-step';
import { applyLook, lookHandler } from './edit-look';
import { lookByName } from './pick-look';
import { planStoryboard } from '../../../test/support/director-from-text';
import { applyClause } from '../../../test/support/run-edit-handler';

describe('applyLook', () => {
  it('moves look-coloured text to the new palette but keeps a colour the visitor chose', () => {
    const draft = planStoryboard(
      'make a cloud app video from this script: Nimbus keeps files safe. Try Nimbus today.',
    );
    const [title, ...rest] = textSegmentsOf(draft);
    if (!title) throw new Error('no title');
    const chosen = {
      ...draft,
      tracks: draft.tracks.map((t) =>
        t.kind === 'text' && t.name === 'Title'
          ? { ...t, segments: [{ ...title, style: { ...title.style, color: '#ff0000' } }] }
          : t,
      ),
    };
    const ocean = lookByName('ocean');
    if (!ocean) throw new Error('no Ocean palette');
    const after = applyLook(chosen, { ...ocean, text: '#fefefe' });
    const texts = textSegmentsOf(after);
    expect(texts[0]?.style.color).toBe('#ff0000');
    expect(texts.slice(1).every((s) => s.style.color === '#fefefe')).toBe(true);
    expect(rest.length).toBeGreaterThan(0);
    expect(after.look.fontFamily).toBe(draft.look.fontFamily);
  });

  it('notes when the palette asked for is already in use', () => {
    const draft = planStoryboard('make a cloud app video');
    expect(applyClause(lookHandler, draft, `use the ${draft.look.paletteName} palette`)).toEqual({
      draft,
      note: `The look is already ${draft.look.paletteName}.`,
    });
  });
});
