/**
 * @module embedded-engine
 * The default engine: a deterministic, offline director. A request for a video (or any first
 * message) plans a storyboard; later messages are edits, "undo", or get a helpful answer. A
 * request for one video per upload plans a batch; while a batch is current, messages edit its
 * videos (all, or the ones named) until a new single video is asked for. Every reply is in the
 * language of the message it answers (Chinese when it holds a CJK character, see
 * `director-words`). The exported video is rendered in the visitor's browser. Same input →
 * same events and draft (no randomness, no clock in what it makes).
 */
import type { z } from 'zod';
import type { Batch } from '../../../shared/batch-schema';
import { batchSchema } from '../../../shared/batch-schema';
import type { Draft } from '../../../shared/draft-schema';
import { draftSchema, draftTooLargeMessage } from '../../../shared/draft-schema';
import { diffDrafts } from '../../../shared/draft-diff';
import type { MediaSummary } from '../../../shared/media-schema';
import type { ChatTurnInput, Engine, EngineEvent } from '../engine';
import { applyEdit, isUndoRequest } from './apply-edit';
import { describeEdit, describePlan, splitDeltas, suggestActions } from './compose-reply';
import { topicOf } from './derive-title';
import type { DirectorWords } from './director-words';
import { directorWords } from './director-words';
import { applyBatchEdit, changeLines, describeBatchChanges, describeBatchEdit } from './edit-batch';
import {
  batchSources,
  describeBatch,
  isBatchRequest,
  isCombineRequest,
  planBatch,
  suggestBatchActions,
} from './plan-batch';
import { isMediaCutEdit, isMediaRequest, planMediaCut } from './plan-media-cut';
import { planNarratedStoryboard, refitNarration } from '../narration/narrate-plan';
import { hasCjk } from './reading-length';
import { extractScript } from './split-scenes';
import { typingPace } from './typing-pace';

/** "generate a … video", "create an explainer", "make me a 30-second promo", "生成一个…视频". */
const CREATE_REQUEST =
  /\b(?:generate|create|produce|make|build)\s+(?:me\s+|us\s+)?(?:a|an|another|one|new)\b[^.?!\n]{0,60}?\b(?:videos?|clips?|promos?|explainers?|adverts?|ads?|reels?|shorts?|trailers?|teasers?|storyboards?)\b|\b(?:generate|create|produce)\b[^.?!\n]{0,40}?\bvideos?\b|(?:生成|制作|创建|做)(?:一个|一段|一条|个)?.{0,20}?(?:视频|短片|宣传片)/iu;

/** "help", "what can you do", "?", "帮助": answered with the list of edits. */
const HELP_REQUEST =
  /^(?:help|\?|what can you do|what can i (?:say|do|ask)|commands|帮助|你能做什么)[\s?!.。？！]*$/iu;

/** True when a message asks for a new video rather than a change to the current one. */
export function isCreateRequest(text: string): boolean {
  return CREATE_REQUEST.test(text);
}

/**
 * True when a message asks for a new video and brings something to make it from (a script or a
 * topic): "make a 20 second video about dog grooming". "make a vertical video" is not one.
 */
export function asksForNewVideo(text: string): boolean {
  if (!isCreateRequest(text)) return false;
  const { instruction, script } = extractScript(text);
  return script !== '' || topicOf(instruction) !== '';
}

/**
 * True when a message should (re)plan the storyboard: there is no draft yet, or it
 * {@link asksForNewVideo}. "make a vertical video" with a draft present is an edit of that draft.
 */
export function shouldPlan(text: string, draft: Draft | null): boolean {
  return draft === null || asksForNewVideo(text);
}

/**
 * True when, while a batch is current, a message asks for one new video instead of a change to
 * the batch's videos: a new storyboard ("make a 20 second video about dog grooming") or one
 * video from the uploads ("combine these clips into a promo", "make a video from my clips").
 * "make these clips vertical" is a change to the batch.
 */
export function leavesBatch(text: string, media: readonly MediaSummary[]): boolean {
  return (
    asksForNewVideo(text) ||
    (isMediaRequest(text, media) && (isCombineRequest(text) || isCreateRequest(text)))
  );
}

/** Reply events: the deltas, then the whole text (which replaces them). */
function reply(text: string): EngineEvent[] {
  return [
    ...splitDeltas(text).map((delta): EngineEvent => ({ type: 'text-delta', delta })),
    { type: 'text', text },
  ];
}

/**
 * A draft or batch checked against its schema, or an error event: `draft_too_large` when the
 * change would pass the size budget (draft-schema.ts; e.g. one overlay too many), else
 * `director_failed` (an invalid one is this engine's fault).
 */
function checked<T>(
  schema: z.ZodType<T>,
  value: T,
  words: DirectorWords,
): { ok: true; value: T } | { ok: false; event: EngineEvent } {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  const tooLarge = draftTooLargeMessage(parsed.error);
  if (tooLarge !== null)
    return {
      ok: false,
      event: { type: 'error', code: 'draft_too_large', message: words.tooLarge(tooLarge) },
    };
  return {
    ok: false,
    event: { type: 'error', code: 'director_failed', message: words.timelineBroken },
  };
}

/** "undo": back to the previous version (the draft event carries it with `undo: true`), or say there is none. */
function undoTurn(
  current: Draft | null,
  previousDrafts: readonly Draft[],
  cjk: boolean,
): EngineEvent[] {
  const words = directorWords(cjk);
  const previous = previousDrafts[0];
  if (!current || !previous) return reply(words.nothingToUndo);
  return [
    ...reply(words.undone(diffDrafts(current, previous, words.changes))),
    { type: 'draft', draft: previous, undo: true },
    {
      type: 'actions',
      actions: suggestActions(previous, { canUndo: previousDrafts.length > 1, cjk }),
    },
  ];
}

/**
 * For a re-cut of a video made from uploads ("make each clip 5 seconds"), the prompt to plan it
 * again: the request that made it plus this change; null for anything else.
 */
function mediaRecutPrompt(text: string, input: ChatTurnInput): string | null {
  const media = input.media ?? [];
  if (media.length === 0 || input.draft === null || !isMediaCutEdit(text)) return null;
  const madeFromMedia = input.draft.tracks.some(
    (track) =>
      track.kind === 'video' && track.segments.some((segment) => segment.visual.type === 'media'),
  );
  if (!madeFromMedia) return null;
  const request = [...input.history]
    .reverse()
    .find((message) => message.role === 'user' && isMediaRequest(message.text, media));
  return request ? `${request.text}\n${text}` : text;
}

/** A new batch, one video per uploaded clip or photo (see {@link planBatch}). */
function planBatchTurn(text: string, media: readonly MediaSummary[], cjk: boolean): EngineEvent[] {
  const words = directorWords(cjk);
  const status: EngineEvent = { type: 'status', message: words.status.planningVideos };
  const result = checked(batchSchema, planBatch(text, media), words);
  if (!result.ok) return [status, result.event];
  return [
    status,
    ...reply(describeBatch(result.value, batchSources(text, media), cjk)),
    { type: 'batch', batch: result.value },
    { type: 'actions', actions: suggestBatchActions(result.value, { canUndo: true, cjk }) },
  ];
}

/** An edit of the batch's videos: all of them, or the ones the message names. */
function editBatchTurn(batch: Batch, text: string, cjk: boolean): EngineEvent[] {
  const words = directorWords(cjk);
  const outcome = applyBatchEdit(batch, text, cjk);
  const unchangedActions: EngineEvent = {
    type: 'actions',
    actions: suggestBatchActions(batch, { canUndo: true, cjk }),
  };
  if (outcome.kind === 'not-understood')
    return [...reply(words.notAChange(text, 'videos')), unchangedActions];
  const message = describeBatchEdit(outcome.edits, outcome.notUnderstood, cjk);
  if (outcome.edits.every((edit) => edit.changes.length === 0))
    return [...reply(message), unchangedActions];
  const status: EngineEvent = { type: 'status', message: words.status.editingVideos };
  const result = checked(batchSchema, outcome.batch, words);
  if (!result.ok) return [status, result.event];
  return [
    status,
    ...reply(message),
    { type: 'batch', batch: result.value },
    { type: 'actions', actions: suggestBatchActions(result.value, { canUndo: true, cjk }) },
  ];
}

/**
 * "undo" while a batch is current: back to the previous batch version (`undo: true`), or, when
 * there is none, out of batch mode (`batch: null`) to the session's one draft, unchanged.
 */
function batchUndoTurn(batch: Batch, input: ChatTurnInput, cjk: boolean): EngineEvent[] {
  const words = directorWords(cjk);
  const previous = input.previousBatches?.[0];
  if (previous) {
    return [
      ...reply(words.batchUndone(describeBatchChanges(batch, previous, cjk))),
      { type: 'batch', batch: previous, undo: true },
      { type: 'actions', actions: suggestBatchActions(previous, { canUndo: true, cjk }) },
    ];
  }
  const draft = input.draft;
  const events: EngineEvent[] = [
    ...reply(words.leftBatch(draft ? draft.title : null)),
    { type: 'batch', batch: null },
  ];
  if (draft)
    events.push({
      type: 'actions',
      actions: suggestActions(draft, { canUndo: input.previousDrafts.length > 0, cjk }),
    });
  return events;
}

/** A turn about the session's one video: a new plan, an edit, or an answer (no batch involved). */
function singleVideoTurn(input: ChatTurnInput, text: string, cjk: boolean): EngineEvent[] {
  const words = directorWords(cjk);
  const current = input.draft;
  const media = input.media ?? [];
  const recut = mediaRecutPrompt(text, input);
  const fromMedia = recut !== null || isMediaRequest(text, media);
  if (fromMedia || shouldPlan(text, current)) {
    const status: EngineEvent = { type: 'status', message: words.status.planningScenes };
    const planned = fromMedia
      ? { draft: planMediaCut(recut ?? text, media), note: '' }
      : planNarratedStoryboard(text);
    const result = checked(draftSchema, planned.draft, words);
    if (!result.ok) return [status, result.event];
    return [
      status,
      ...reply([describePlan(result.value, cjk), planned.note].filter(Boolean).join(' ')),
      { type: 'draft', draft: result.value },
      {
        type: 'actions',
        actions: suggestActions(result.value, { canUndo: current !== null, cjk }),
      },
    ];
  }
  if (current === null) return reply(words.help);

  const outcome = applyEdit(current, text, cjk);
  if (outcome.kind === 'undo') return undoTurn(current, input.previousDrafts, cjk);
  if (outcome.kind === 'not-understood') {
    return [
      ...reply(words.notAChange(text, 'video')),
      {
        type: 'actions',
        actions: suggestActions(current, { canUndo: input.previousDrafts.length > 0, cjk }),
      },
    ];
  }
  const edited = refitNarration(current, outcome.draft);
  const changes = changeLines(current, edited, cjk);
  if (changes.length === 0) {
    return [
      ...reply(describeEdit([], outcome.notes, outcome.notUnderstood, cjk)),
      {
        type: 'actions',
        actions: suggestActions(current, { canUndo: input.previousDrafts.length > 0, cjk }),
      },
    ];
  }
  const status: EngineEvent = { type: 'status', message: words.status.editingTimeline };
  const result = checked(draftSchema, edited, words);
  if (!result.ok) return [status, result.event];
  return [
    status,
    ...reply(describeEdit(changes, outcome.notes, outcome.notUnderstood, cjk)),
    { type: 'draft', draft: result.value },
    { type: 'actions', actions: suggestActions(result.value, { canUndo: true, cjk }) },
  ];
}

/**
 * All events of one chat turn, in order (see {@link EmbeddedEngine.chat}).
 * @returns `status` → `text-delta`* → `text` → `draft`? → `actions`, or a text answer alone.
 *   A batch turn has `batch` where a single-video turn has `draft`. A new single video while a
 *   batch is current has `batch` (null) right before its `draft`.
 */
export function runTurn(input: ChatTurnInput): EngineEvent[] {
  const text = input.text.trim();
  const cjk = hasCjk(text);
  const words = directorWords(cjk);
  const current = input.draft;
  const batch = input.batch ?? null;
  const media = input.media ?? [];

  if (HELP_REQUEST.test(text)) {
    if (batch !== null) {
      const help = `${words.help}\n${words.batchHelp(batch.items[0]?.label ?? '')}`;
      return [
        ...reply(help),
        { type: 'actions', actions: suggestBatchActions(batch, { canUndo: true, cjk }) },
      ];
    }
    const intro = current === null ? `${words.startHint}\n\n` : '';
    const events = reply(`${intro}${words.help}`);
    if (current !== null)
      events.push({
        type: 'actions',
        actions: suggestActions(current, { canUndo: input.previousDrafts.length > 0, cjk }),
      });
    return events;
  }
  if (isUndoRequest(text))
    return batch !== null
      ? batchUndoTurn(batch, input, cjk)
      : undoTurn(current, input.previousDrafts, cjk);
  if (isBatchRequest(text, media)) return planBatchTurn(text, media, cjk);
  if (batch === null) return singleVideoTurn(input, text, cjk);
  if (!leavesBatch(text, media)) return editBatchTurn(batch, text, cjk);
  return singleVideoTurn(input, text, cjk).flatMap((event): EngineEvent[] =>
    event.type === 'draft' ? [{ type: 'batch', batch: null }, event] : [event],
  );
}

/**
 * Least time between two reply deltas, ms: the director answers at once, and the reply should
 * read as typed (4 words per delta, so at most 40 words a second: quick, never sluggish).
 */
export const TYPING_DELAY_MS = 100;

/** The embedded, offline director (see the module doc). */
export class EmbeddedEngine implements Engine {
  readonly name = 'embedded' as const;
  readonly renderer = 'browser' as const;

  /** @param typingDelayMs least gap between reply deltas, ms (0: no pacing, for unit tests) */
  constructor(private readonly typingDelayMs: number = TYPING_DELAY_MS) {}

  /**
   * Runs one chat turn. Never throws for any message: what it cannot do is answered in words.
   * @returns the events of {@link runTurn}, in order, reply deltas paced by `typingDelayMs`
   */
  async *chat(input: ChatTurnInput): AsyncIterable<EngineEvent> {
    const pace = typingPace(this.typingDelayMs);
    for (const event of runTurn(input)) {
      if (event.type === 'text-delta') await pace();
      yield event;
    }
  }
}
