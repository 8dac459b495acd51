import { describe, expect, it } from 'vitest';
import { batchSchema } from '../../../shared/batch-schema';
import { MAX_BATCH_ITEMS } from '../../../shared/batch-schema';
import {
  MAX_DRAFT_SEGMENTS,
  MAX_NAME_CHARS,
  MAX_TITLE_CHARS,
  draftSchema,
} from '../../../shared/draft-schema';
import type { Draft } from '../../../shared/draft-schema';
import type { MediaSummary } from '../../../shared/media-schema';
import type { EngineEvent } from '../engine';
import { runTurn } from './embedded-engine';
import { MAX_MEDIA_CUT_SCENES } from './plan-media-cut';
import { planMediaCut, planStoryboard } from '../../../test/support/director-from-text';
import { clip, photo } from '../../../test/support/media-fixtures';

/** `count` uploads, clips and photos in turn, each named with 255 characters (the longest name an upload may have). */
function uploads(count: number): MediaSummary[] {
  return Array.from({ length: count }, (_, i): MediaSummary => {
    const name =
      `${String(i).padStart(4, '0')}-${'a-very-long-upload-name-'.repeat(11)}`.slice(0, 251) +
      (i % 2 === 0 ? '.mp4' : '.jpg');
    const id = crypto.randomUUID();
    return i % 2 === 0 ? clip(id, name, 4_000, true) : photo(id, name);
  });
}

const segmentCount = (draft: Draft): number =>
  draft.tracks.reduce((sum, track) => sum + track.segments.length, 0);

function draftOf(events: EngineEvent[]): Draft {
  const event = events.find((candidate) => candidate.type === 'draft');
  if (event?.type !== 'draft')
    throw new Error(`no draft in ${JSON.stringify(events.filter((e) => e.type === 'error'))}`);
  return event.draft;
}

describe('the director keeps every draft within the schema bounds', () => {
  it('a 10-minute promo from 300 uploads with 255-character names uses at most the scenes that fit', () => {
    const media = uploads(300);
    const draft = draftSchema.parse(
      planMediaCut('combine these clips into a 10-minute promo video with text overlays', media),
    );
    const video = draft.tracks.find((track) => track.kind === 'video');
    expect(video?.segments).toHaveLength(MAX_MEDIA_CUT_SCENES);
    expect(segmentCount(draft)).toBeLessThanOrEqual(MAX_DRAFT_SEGMENTS);
    expect(
      draft.tracks
        .flatMap((track) => track.segments.map((s) => ('label' in s ? s.label.length : 0)))
        .every((n) => n <= MAX_NAME_CHARS),
    ).toBe(true);

    const turn = runTurn({
      text: 'combine my clips into a 10-minute promo video',
      draft: null,
      history: [],
      previousDrafts: [],
      media,
    });
    expect(segmentCount(draftOf(turn))).toBeLessThanOrEqual(MAX_DRAFT_SEGMENTS);
  });

  it('a batch from 300 uploads makes at most 20 videos that fit together', () => {
    const turn = runTurn({
      text: 'make a 10-second clip from each of these',
      draft: null,
      history: [],
      previousDrafts: [],
      media: uploads(300),
    });
    const event = turn.find((candidate) => candidate.type === 'batch');
    if (event?.type !== 'batch' || event.batch === null) throw new Error('no batch');
    expect(batchSchema.safeParse(event.batch).success).toBe(true);
    expect(event.batch.items).toHaveLength(MAX_BATCH_ITEMS);
  });

  it('a script of one very long word still gives a title and labels that fit', () => {
    const draft = draftSchema.parse(
      planStoryboard(`Make a 30-second video. Script: ${'x'.repeat(3_000)}. ${'y'.repeat(3_000)}.`),
    );
    expect(draft.title.length).toBeLessThanOrEqual(MAX_TITLE_CHARS);
  });

  it('overlays added one by one until the budget is full are then refused with a plain draft_too_large error', () => {
    let draft = planStoryboard('Generate a 10-minute explainer video about tide pools');
    const previousDrafts: Draft[] = [];
    let refusal: EngineEvent | undefined;
    for (let i = 0; i < MAX_DRAFT_SEGMENTS && refusal === undefined; i++) {
      const events = runTurn({
        text: `add the text "Note ${i}" at ${i} seconds for 2 seconds`,
        draft,
        history: [],
        previousDrafts,
      });
      refusal = events.find((event) => event.type === 'error');
      if (refusal === undefined) {
        previousDrafts.unshift(draft);
        draft = draftOf(events);
      }
    }
    expect(segmentCount(draft)).toBe(MAX_DRAFT_SEGMENTS);
    expect(refusal).toMatchObject({
      type: 'error',
      code: 'draft_too_large',
      message: expect.stringMatching(
        /too big to keep \(it has 201 segments, and at most 200 fit\)/,
      ),
    });
  });
});
