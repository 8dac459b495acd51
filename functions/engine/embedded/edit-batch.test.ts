import { describe, expect, it } from 'vitest';
import type { Batch } from '../../../shared/batch-schema';
import { batchSchema } from '../../../shared/batch-schema';
import { clip, photo } from '../../../test/support/media-fixtures';
import { applyBatchEdit, planBatch } from '../../../test/support/director-from-text';
import { describeBatchChanges, describeBatchEdit, namedItems, withoutNames } from './edit-batch';

const BATCH = planBatch('make a 10-second clip from each of these', [
  clip('m1', 'clip-waves.mp4', 12_000),
  clip('m2', 'clip-homeworld.webm', 5_000),
  photo('m3', 'photo-space.jpg'),
]);

function shapes(batch: Batch): string[] {
  return batch.items.map(
    (item) => `${item.label} ${item.draft.canvas.width}x${item.draft.canvas.height}`,
  );
}

describe('namedItems', () => {
  it('finds the videos a message names by their label, any case, outside quotes', () => {
    expect(namedItems(BATCH, 'make the waves one vertical').map((item) => item.id)).toEqual([
      'item-m1',
    ]);
    expect(
      namedItems(BATCH, "for the space photo add text 'Hello'").map((item) => item.id),
    ).toEqual(['item-m3']);
    expect(
      namedItems(BATCH, 'make the Waves and Space ones square').map((item) => item.id),
    ).toEqual(['item-m1', 'item-m3']);
    expect(namedItems(BATCH, '把Waves改成竖屏').map((item) => item.id)).toEqual(['item-m1']);
    expect(namedItems(BATCH, "add text 'Waves of joy'")).toEqual([]);
    expect(namedItems(BATCH, 'make the microwaves vertical')).toEqual([]);
  });

  it('prefers the longer label when one contains the other', () => {
    const batch = planBatch('a video for each photo', [
      photo('a', 'photo-space.jpg'),
      photo('b', 'photo-space-walk.jpg'),
    ]);
    expect(namedItems(batch, 'make the space walk one square').map((item) => item.label)).toEqual([
      'Space walk',
    ]);
    expect(namedItems(batch, 'make the space one square').map((item) => item.label)).toEqual([
      'Space',
    ]);
  });
});

describe('withoutNames', () => {
  it('turns the naming phrase into "it", or drops it after "for"', () => {
    const [waves, , space] = BATCH.items;
    if (!waves || !space) throw new Error('no items');
    expect(withoutNames('make the waves one vertical', [waves])).toBe('make it vertical');
    expect(withoutNames("for the space photo add text 'Hello'", [space])).toBe("add text 'Hello'");
    expect(withoutNames('make the waves and space ones vertical', [waves, space])).toBe(
      'make it vertical',
    );
  });
});

describe('applyBatchEdit', () => {
  it('changes every video when none is named', () => {
    const outcome = applyBatchEdit(BATCH, 'make it vertical');
    if (outcome.kind !== 'edited') throw new Error('not edited');
    expect(shapes(batchSchema.parse(outcome.batch))).toEqual([
      'Waves 1080x1920',
      'Homeworld 1080x1920',
      'Space 1080x1920',
    ]);
    expect(describeBatchEdit(outcome.edits, outcome.notUnderstood, false)).toBe(
      'Done — Waves, Homeworld, Space: Canvas 1920x1080 → 1080x1920 (9:16).',
    );
  });

  it('changes only the named video and keeps the others as they were', () => {
    const outcome = applyBatchEdit(BATCH, "for the space photo add text 'Hello'");
    if (outcome.kind !== 'edited') throw new Error('not edited');
    expect(outcome.batch.items.slice(0, 2)).toEqual(BATCH.items.slice(0, 2));
    const overlays = outcome.batch.items[2]?.draft.tracks.find(
      (track) => track.name === 'Overlays',
    );
    expect(
      overlays?.kind === 'text' ? overlays.segments.map((segment) => segment.text) : [],
    ).toEqual(['Hello']);
    expect(describeBatchEdit(outcome.edits, outcome.notUnderstood, false)).toBe(
      "Done — Space: Added text 'Hello' 0–10 s.",
    );
  });

  it('says why nothing changed, and what it could not do', () => {
    const same = applyBatchEdit(BATCH, 'make the waves one landscape');
    if (same.kind !== 'edited') throw new Error('not edited');
    expect(same.batch).toEqual(BATCH);
    expect(describeBatchEdit(same.edits, same.notUnderstood, false)).toBe(
      'Nothing changed — Waves: It is already 1920x1080 (16:9).',
    );
    const partly = applyBatchEdit(BATCH, 'music at 20% and make it sparkly');
    if (partly.kind !== 'edited') throw new Error('not edited');
    expect(describeBatchEdit(partly.edits, partly.notUnderstood, false)).toBe(
      'Done — Waves, Homeworld, Space: Music volume 35% → 20%. I could not do “make it sparkly”; say “help” to see what I can change.',
    );
    expect(applyBatchEdit(BATCH, 'what is the meaning of life')).toEqual({
      kind: 'not-understood',
    });
  });
});

describe('describeBatchChanges', () => {
  it('names what going back changes per video, or null for a different batch', () => {
    const outcome = applyBatchEdit(BATCH, 'make the waves one vertical');
    if (outcome.kind !== 'edited') throw new Error('not edited');
    expect(describeBatchChanges(outcome.batch, BATCH, false)).toBe(
      'Waves: Canvas 1080x1920 → 1920x1080 (16:9).',
    );
    expect(describeBatchChanges(BATCH, BATCH, false)).toBeNull();
    expect(
      describeBatchChanges(
        BATCH,
        planBatch('a video for each photo', [photo('x', 'photo-moon.jpg')]),
        false,
      ),
    ).toBeNull();
  });
});
