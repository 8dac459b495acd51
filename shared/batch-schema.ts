/**
 * @module batch-schema
 * A batch: several videos made in one session, one per uploaded clip or photo, each rendered on
 * its own ("make a 10-second clip from each of these"). Shared by the director (which plans
 * it), the session room (which stores its versions), the export route (which renders one item)
 * and the browser (batch panel, preview of one item, the export queue).
 *
 * Item ids are stable across edits of the same batch (`item-<mediaId>`), so a render made
 * before an edit can be matched to its item and shown as out of date.
 */
import * as z from 'zod/mini';
import {
  TOO_LARGE,
  checkDraftBudget,
  draftIdSchema,
  draftNameSchema,
  draftSchema,
} from './draft-schema';

/**
 * Most videos one batch makes: 20. Each is rendered in the visitor's browser one after another;
 * beyond this a visitor should export in several rounds (and 20 × 10 s already costs 40 credits).
 */
export const MAX_BATCH_ITEMS = 20;

/**
 * Most tracks in one batch, all items together: 120. The director gives each item at most 5
 * (20 × 5 = 100); with the draft budget that all items share (draft-schema.ts), this keeps the
 * largest stored batch under 1 MB (shared/draft-schema-size.test.ts).
 */
export const MAX_BATCH_TRACKS = 120;

/** One video of a batch: made from one upload, with its own draft. */
export const batchItemSchema = z.object({
  /** Stable id within the session: `item-<mediaId>`. */
  id: draftIdSchema,
  /** The upload the video is made from. */
  mediaId: draftIdSchema,
  /** What a person reads: the upload's name as words ("Waves"). */
  label: draftNameSchema.check(z.minLength(1)),
  draft: draftSchema,
});

/**
 * The batch: its videos in upload order. All items together keep to one draft's budget of
 * segments and text (draft-schema.ts) and to {@link MAX_BATCH_TRACKS}, so a batch version, stored
 * whole as one SQLite value, stays far below the 2 MB limit.
 */
export const batchSchema = z
  .object({
    items: z.array(batchItemSchema).check(z.minLength(1), z.maxLength(MAX_BATCH_ITEMS)),
  })
  .check(
    z.superRefine((batch, ctx) => {
      const drafts = batch.items.map((item) => item.draft);
      checkDraftBudget(drafts, ctx);
      const tracks = drafts.reduce((sum, draft) => sum + draft.tracks.length, 0);
      if (tracks > MAX_BATCH_TRACKS) {
        ctx.addIssue({
          code: 'custom',
          message: `its videos have ${tracks} tracks, and at most ${MAX_BATCH_TRACKS} fit`,
          params: TOO_LARGE,
          path: ['items'],
        });
      }
    }),
  );

export type BatchItem = z.infer<typeof batchItemSchema>;
export type Batch = z.infer<typeof batchSchema>;

/** The batch item id for an upload (see the module doc). */
export function batchItemId(mediaId: string): string {
  return `item-${mediaId}`;
}
