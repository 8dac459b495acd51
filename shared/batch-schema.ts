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
import { z } from 'zod';
import { draftSchema } from './draft-schema';

/**
 * Most videos one batch makes: 20. Each is rendered in the visitor's browser one after another;
 * beyond this a visitor should export in several rounds (and 20 × 10 s already costs 40 credits).
 */
export const MAX_BATCH_ITEMS = 20;

/** One video of a batch: made from one upload, with its own draft. */
export const batchItemSchema = z.object({
  /** Stable id within the session: `item-<mediaId>`. */
  id: z.string().min(1).max(200),
  /** The upload the video is made from. */
  mediaId: z.string().min(1),
  /** What a person reads: the upload's name as words ("Waves"). */
  label: z.string().min(1).max(200),
  draft: draftSchema,
});

/** The batch: its videos in upload order. */
export const batchSchema = z.object({
  items: z.array(batchItemSchema).min(1).max(MAX_BATCH_ITEMS),
});

export type BatchItem = z.infer<typeof batchItemSchema>;
export type Batch = z.infer<typeof batchSchema>;

/** The batch item id for an upload (see the module doc). */
export function batchItemId(mediaId: string): string {
  return `item-${mediaId}`;
}
