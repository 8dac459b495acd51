import { describe, expect, it } from 'vitest';
import type { Draft } from '../../../shared/draft-schema';
import { runEditHandler } from '../../../test/support/run-edit-handler';
import type { EditHandler } from './edit-step';
import { textSegmentsOf } from './edit-step';
import { roleNamed, titleHandler } from './edit-text';
import { planStoryboard } from '../../../test/support/director-from-text';

const DRAFT = planStoryboard(
  'make a 20 second video from this script: Nimbus keeps files safe. Try Nimbus today.',
);

function run(handler: EditHandler, text: string, draft: Draft = DRAFT): Draft | null {
  return runEditHandler(handler, text, draft);
}

describe('titleHandler', () => {
  it('takes the title text and a trailing colour apart', () => {
    const draft = run(titleHandler, 'change the title to Launch Day in red');
    expect(textSegmentsOf(draft ?? DRAFT).find((s) => s.role === 'title')).toMatchObject({
      text: 'Launch Day',
      style: { color: '#ff0000' },
    });
  });

  it('scales the title for "bigger title"', () => {
    const draft = run(titleHandler, 'bigger title');
    expect(textSegmentsOf(draft ?? DRAFT).find((s) => s.role === 'title')?.style.fontSizePx).toBe(
      121,
    );
  });

  it('does not treat subtitles as the title', () => {
    expect(titleHandler.matches('subtitles in yellow')).toBe(false);
    expect(roleNamed('subtitles in yellow')).toBe('caption');
    expect(roleNamed('the title')).toBe('title');
  });
});
