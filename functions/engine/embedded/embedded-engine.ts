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
import { z } from 'zod';
import type { Batch } from '../../../shared/batch-schema';
import type { BrandKit } from '../../../shared/brand-kit-schema';
import { EMPTY_BRAND_KIT } from '../../../shared/brand-kit-schema';
import type { Brief } from '../../../shared/brief-schema';
import type { DirectorRequest } from '../../../shared/director-request';
import { batchSchema } from '../../../shared/batch-schema';
import type { Draft } from '../../../shared/draft-schema';
import { draftSchema, draftTooLargeMessage } from '../../../shared/draft-schema';
import { diffDrafts } from '../../../shared/draft-diff';
import type { MediaSummary } from '../../../shared/media-schema';
import type { BrandKitStore, ChatTurnInput, Engine, EngineEvent } from '../engine';
import { applyEditOps } from './apply-edit';
import { applyBrandKit } from './apply-brand-kit';
import { keepCutsOnBeat } from './keep-cuts-on-beat';
import { brandKitAfter, brandKitSaved, withSavedKit } from './edit-brand';
import { describeEdit, describePlan, splitDeltas, suggestActions } from './compose-reply';
import type { DirectorWords } from './director-words';
import { directorWords } from './director-words';
import { applyBatchEdit, changeLines, describeBatchChanges, describeBatchEdit } from './edit-batch';
import { parseMessage } from './parse-message';
import { describeBatch, planBatch, suggestBatchActions } from './plan-batch';
import { planMediaCut } from './plan-media-cut';
import { planStoryboard } from './plan-storyboard';
import { narrateBrief, refitNarration } from '../narration/narrate-plan';
import { hasCjk } from './reading-length';
import { typingPace } from './typing-pace';

/** A request for edits, as `parseMessage` reads it. */
type EditsRequest = Extract<DirectorRequest, { kind: 'edits' }>;

/** What a turn makes: the engine's events, and `brand-kit` when it changed the visitor's kit. */
type TurnEvent = EngineEvent | { type: 'brand-kit'; kit: BrandKit };

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
  schema: z.core.$ZodType<T>,
  value: T,
  words: DirectorWords,
): { ok: true; value: T } | { ok: false; event: EngineEvent } {
  const parsed = z.safeParse(schema, value);
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

/** A new batch, one video per uploaded clip or photo (see {@link planBatch}). */
function planBatchTurn(brief: Brief, media: readonly MediaSummary[], cjk: boolean): EngineEvent[] {
  const words = directorWords(cjk);
  const status: EngineEvent = { type: 'status', message: words.status.planningVideos };
  const result = checked(batchSchema, planBatch(brief, media), words);
  if (!result.ok) return [status, result.event];
  const sources = brief.mediaIds.flatMap((id) => media.filter((item) => item.id === id));
  return [
    status,
    ...reply(describeBatch(result.value, sources, cjk)),
    { type: 'batch', batch: result.value },
    { type: 'actions', actions: suggestBatchActions(result.value, { canUndo: true, cjk }) },
  ];
}

/** An edit of the batch's videos: all of them, or the ones the message names (`itemIds`). */
function editBatchTurn(
  batch: Batch,
  text: string,
  edits: EditsRequest | null,
  cjk: boolean,
): EngineEvent[] {
  const words = directorWords(cjk);
  const outcome =
    edits === null
      ? ({ kind: 'not-understood' } as const)
      : applyBatchEdit(batch, edits.ops, edits.unread, edits.itemIds, cjk);
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

/** A new video planned from a brief: from uploads, or a storyboard from words. */
function planTurn(input: ChatTurnInput, brief: Brief, cjk: boolean): EngineEvent[] {
  const words = directorWords(cjk);
  const status: EngineEvent = { type: 'status', message: words.status.planningScenes };
  const planned =
    brief.source === 'uploads'
      ? { draft: planMediaCut(brief, input.media ?? []), note: '' }
      : narrateBrief(planStoryboard(brief), brief, input.text);
  const branded = applyBrandKit(planned.draft, input.brandKit ?? EMPTY_BRAND_KIT);
  const result = checked(draftSchema, branded, words);
  if (!result.ok) return [status, result.event];
  return [
    status,
    ...reply([describePlan(result.value, cjk), planned.note].filter(Boolean).join(' ')),
    { type: 'draft', draft: result.value },
    {
      type: 'actions',
      actions: suggestActions(result.value, {
        canUndo: input.draft !== null,
        cjk,
        offerVoiceover: brief.source !== 'uploads' && brief.fromScript,
      }),
    },
  ];
}

/** Edits of the session's one video (null: the message held none). */
function editTurn(
  input: ChatTurnInput,
  current: Draft | null,
  text: string,
  edits: EditsRequest | null,
  cjk: boolean,
): EngineEvent[] {
  const words = directorWords(cjk);
  if (current === null) return reply(words.help);
  const outcome =
    edits === null
      ? ({ kind: 'not-understood' } as const)
      : applyEditOps(current, withSavedKit(edits.ops, input.brandKit ?? EMPTY_BRAND_KIT), cjk);
  if (outcome.kind === 'not-understood') {
    return [
      ...reply(words.notAChange(text, 'video')),
      {
        type: 'actions',
        actions: suggestActions(current, { canUndo: input.previousDrafts.length > 0, cjk }),
      },
    ];
  }
  const notUnderstood = [...(edits?.unread ?? []), ...outcome.notUnderstood];
  const edited = refitNarration(current, keepCutsOnBeat(current, outcome.draft));
  const changes = changeLines(current, edited, cjk);
  if (changes.length === 0) {
    return [
      ...reply(describeEdit([], outcome.notes, notUnderstood, cjk)),
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
    ...reply(describeEdit(changes, outcome.notes, notUnderstood, cjk)),
    { type: 'draft', draft: result.value },
    { type: 'actions', actions: suggestActions(result.value, { canUndo: true, cjk }) },
  ];
}

/** The help answer: what can be said, and (before any video) how to start. */
function helpTurn(input: ChatTurnInput, batch: Batch | null, cjk: boolean): EngineEvent[] {
  const words = directorWords(cjk);
  const current = input.draft;
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

/**
 * The events of a turn with its `draft` and `batch` events moved before the reply's first
 * `text-delta`, so the preview shows at once while the reply is still being typed out (the
 * reply is paced, see {@link TYPING_DELAY_MS}); the other events keep their order.
 */
function previewFirst(events: readonly TurnEvent[]): TurnEvent[] {
  const isPreview = (event: TurnEvent): boolean => event.type === 'draft' || event.type === 'batch';
  const firstText = events.findIndex(
    (event) => event.type === 'text-delta' || event.type === 'text',
  );
  if (firstText < 0) return [...events];
  const before = events.slice(0, firstText);
  const after = events.slice(firstText);
  return [...before, ...after.filter(isPreview), ...after.filter((event) => !isPreview(event))];
}

/**
 * All events of one chat turn, in order (see {@link EmbeddedEngine.chat}).
 * @returns `status` → `draft`? → `text-delta`* → `text` → `actions`, or a text answer alone:
 *   the draft goes out before the reply so the preview shows at once. A batch turn has `batch`
 *   where a single-video turn has `draft`. A new single video while a batch is current has
 *   `batch` (null) right before its `draft`.
 */
export function runTurn(input: ChatTurnInput): EngineEvent[] {
  return runBrandedTurn(input).events;
}

/**
 * {@link runTurn}'s events and the visitor's brand kit as the turn changed it ("use my brand
 * colours …"; null: unchanged), which {@link EmbeddedEngine.chat} saves through its port.
 */
export function runBrandedTurn(input: ChatTurnInput): {
  events: EngineEvent[];
  kit: BrandKit | null;
} {
  const events: EngineEvent[] = [];
  let kit: BrandKit | null = null;
  for (const event of previewFirst(turnEvents(input))) {
    if (event.type === 'brand-kit') kit = event.kit;
    else events.push(event);
  }
  return { events, kit };
}

/** The events of one chat turn, the reply before the draft (reordered by {@link runTurn}). */
function turnEvents(input: ChatTurnInput): TurnEvent[] {
  const text = input.text.trim();
  const cjk = hasCjk(text);
  const current = input.draft;
  const batch = input.batch ?? null;
  const media = input.media ?? [];
  const request = parseMessage(text, { draft: current, batch, media, history: input.history });

  switch (request.kind) {
    case 'help':
      return helpTurn(input, batch, cjk);
    case 'batch':
      return planBatchTurn(request.brief, media, cjk);
    case 'brief': {
      const events = planTurn(input, request.brief, cjk);
      if (batch === null) return events;
      return events.flatMap((event): EngineEvent[] =>
        event.type === 'draft' ? [{ type: 'batch', batch: null }, event] : [event],
      );
    }
    case 'command':
    case 'none':
    case 'edits': {
      const edits = request.kind === 'edits' ? request : null;
      if (edits?.ops.some((op) => op.op === 'undo'))
        return batch !== null
          ? batchUndoTurn(batch, input, cjk)
          : undoTurn(current, input.previousDrafts, cjk);
      const kit = edits ? brandKitAfter(input.brandKit ?? EMPTY_BRAND_KIT, edits.ops) : null;
      const kitEvents: TurnEvent[] = kit ? [{ type: 'brand-kit', kit }] : [];
      if (kit && current === null && batch === null)
        return [...reply(brandKitSaved(kit, cjk)), ...kitEvents];
      return [
        ...(batch !== null
          ? editBatchTurn(batch, text, edits, cjk)
          : editTurn(input, current, text, edits, cjk)),
        ...kitEvents,
      ];
    }
  }
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

  /**
   * @param typingDelayMs least gap between reply deltas, ms (0: no pacing, for unit tests)
   * @param brandKits the visitor's brand kit (absent: the kit in the turn's input, if any)
   */
  constructor(
    private readonly typingDelayMs: number = TYPING_DELAY_MS,
    private readonly brandKits?: BrandKitStore,
  ) {}

  /**
   * Runs one chat turn. Never throws for any message: what it cannot do is answered in words.
   * @returns the events of {@link runTurn}, in order, reply deltas paced by `typingDelayMs`
   */
  async *chat(input: ChatTurnInput): AsyncIterable<EngineEvent> {
    const pace = typingPace(this.typingDelayMs);
    const brandKit = (await this.brandKits?.load()) ?? input.brandKit;
    const turn = runBrandedTurn(brandKit ? { ...input, brandKit } : input);
    if (turn.kit) await this.brandKits?.save(turn.kit);
    for (const event of turn.events) {
      if (event.type === 'text-delta') await pace();
      yield event;
    }
  }
}
