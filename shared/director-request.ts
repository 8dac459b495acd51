/**
 * @module director-request
 * What one chat message asks of the director, read once: a direct command the app answers
 * itself (export, credits, status, upload; routed in the browser by `route-intent`), help,
 * a new video (`Brief`), one video per upload (a batch `Brief`), or edits (`EditOp`s) of the
 * current video or of the batch's videos. The embedded director's `parse-message` makes one;
 * a language-model director will make the same from its tool calls.
 */
import { z } from 'zod';
import { MAX_ID_CHARS, MAX_SEGMENT_TEXT_CHARS } from './draft-schema';
import { briefSchema } from './brief-schema';
import { editOpSchema } from './edit-op-schema';

/** Most edits read from one message (a message is at most a few sentences). */
export const MAX_EDIT_OPS = 50;
/** Most batch videos one message names. */
const MAX_NAMED_ITEMS = 100;

/** Commands the app answers without the director. */
export const directActionSchema = z
  .enum(['export', 'credits', 'status', 'upload'])
  .describe('export the video, show credits, show the status, or upload media');
export type DirectAction = z.infer<typeof directActionSchema>;

export const directorRequestSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('command'), action: directActionSchema }),
  z.object({ kind: z.literal('help') }).describe('The visitor asked what the director can do'),
  z.object({ kind: z.literal('brief'), brief: briefSchema }).describe('Plan one new video'),
  z
    .object({ kind: z.literal('batch'), brief: briefSchema })
    .describe('Plan one video per upload in brief.mediaIds, each like a video from that upload'),
  z
    .object({
      kind: z.literal('edits'),
      ops: z.array(editOpSchema).max(MAX_EDIT_OPS),
      unread: z
        .array(z.string().max(MAX_SEGMENT_TEXT_CHARS))
        .max(MAX_EDIT_OPS)
        .describe('Parts of the message that were not an edit (as typed)'),
      itemIds: z
        .array(z.string().max(MAX_ID_CHARS))
        .max(MAX_NAMED_ITEMS)
        .describe('Batch videos the edits are for; empty: all of them (or the one video)'),
    })
    .describe('Change the current video (or the batch’s videos), in order'),
  z
    .object({ kind: z.literal('none') })
    .describe('Nothing in the message was a request the director knows'),
]);

export type DirectorRequest = z.infer<typeof directorRequestSchema>;
