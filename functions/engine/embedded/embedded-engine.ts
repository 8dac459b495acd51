/**
 * @module embedded-engine
 * The default engine: a deterministic, offline director. A request for a video (or any first
 * message) plans a storyboard; later messages are edits, "undo", or get a helpful answer. The
 * exported video is rendered in the visitor's browser. Same input → same events and draft
 * (no randomness, no clock in what it makes).
 */
import type { Draft } from '../../../shared/draft-schema';
import { draftSchema } from '../../../shared/draft-schema';
import { diffDrafts } from '../../../shared/draft-diff';
import type { ChatTurnInput, Engine, EngineEvent } from '../engine';
import { EDIT_HELP, applyEdit, isUndoRequest } from './apply-edit';
import { describeEdit, describePlan, splitDeltas, suggestActions } from './compose-reply';
import { topicOf } from './derive-title';
import { isMediaCutEdit, isMediaRequest, planMediaCut } from './plan-media-cut';
import { planStoryboard } from './plan-storyboard';
import { hasCjk } from './reading-length';
import { extractScript } from './split-scenes';
import { typingPace } from './typing-pace';

/** "generate a … video", "create an explainer", "make me a 30-second promo", "生成一个…视频". */
const CREATE_REQUEST =
  /\b(?:generate|create|produce|make|build)\s+(?:me\s+|us\s+)?(?:a|an|another|one|new)\b[^.?!\n]{0,60}?\b(?:videos?|clips?|promos?|explainers?|adverts?|ads?|reels?|shorts?|trailers?|teasers?|storyboards?)\b|\b(?:generate|create|produce)\b[^.?!\n]{0,40}?\bvideos?\b|(?:生成|制作|创建|做)(?:一个|一段|一条|个)?.{0,20}?(?:视频|短片|宣传片)/iu;

/** "help", "what can you do", "?", "帮助": answered with the list of edits. */
const HELP_REQUEST = /^(?:help|\?|what can you do|what can i (?:say|do|ask)|commands|帮助|你能做什么)[\s?!.。？！]*$/iu;

/** Said before the edit list when there is no video yet. */
const START_HINT =
  'Tell me what video to make, e.g. "generate a 30-second explainer video from this script: …" or "a vertical 15-second promo for my bakery".';

/** True when a message asks for a new video rather than a change to the current one. */
export function isCreateRequest(text: string): boolean {
  return CREATE_REQUEST.test(text);
}

/**
 * True when a message should (re)plan the storyboard: there is no draft yet, or it asks for a
 * video and brings something to make it from (a script or a topic). "make a vertical video"
 * with a draft present is an edit of that draft.
 */
export function shouldPlan(text: string, draft: Draft | null): boolean {
  if (draft === null) return true;
  if (!isCreateRequest(text)) return false;
  const { instruction, script } = extractScript(text);
  return script !== '' || topicOf(instruction) !== '';
}

/** Reply events: the deltas, then the whole text (which replaces them). */
function reply(text: string): EngineEvent[] {
  return [...splitDeltas(text).map((delta): EngineEvent => ({ type: 'text-delta', delta })), { type: 'text', text }];
}

/** A draft checked against the schema, or an error event: an invalid draft is this engine's fault. */
function checked(draft: Draft): { ok: true; draft: Draft } | { ok: false; event: EngineEvent } {
  const parsed = draftSchema.safeParse(draft);
  if (parsed.success) return { ok: true, draft: parsed.data };
  return {
    ok: false,
    event: {
      type: 'error',
      code: 'director_failed',
      message: 'The video director made a timeline that does not hold together, so nothing was changed. Please try rephrasing.',
    },
  };
}

/** "undo": back to the previous version (the draft event carries it with `undo: true`), or say there is none. */
function undoTurn(current: Draft | null, previousDrafts: readonly Draft[], cjk: boolean): EngineEvent[] {
  const previous = previousDrafts[0];
  if (!current || !previous) return reply('There is nothing to undo yet.');
  const changes = diffDrafts(current, previous);
  return [
    ...reply(changes.length > 0 ? `Undone: ${changes.join('; ')}.` : 'Undone: back to the previous version.'),
    { type: 'draft', draft: previous, undo: true },
    { type: 'actions', actions: suggestActions(previous, { canUndo: previousDrafts.length > 1, cjk }) },
  ];
}

/**
 * For a re-cut of a video made from uploads ("make each clip 5 seconds"), the prompt to plan it
 * again: the request that made it plus this change; null for anything else.
 */
function mediaRecutPrompt(text: string, input: ChatTurnInput): string | null {
  const media = input.media ?? [];
  if (media.length === 0 || input.draft === null || !isMediaCutEdit(text)) return null;
  const madeFromMedia = input.draft.tracks.some((track) => track.kind === 'video' && track.segments.some((segment) => segment.visual.type === 'media'));
  if (!madeFromMedia) return null;
  const request = [...input.history].reverse().find((message) => message.role === 'user' && isMediaRequest(message.text, media));
  return request ? `${request.text}\n${text}` : text;
}

/**
 * All events of one chat turn, in order (see {@link EmbeddedEngine.chat}).
 * @returns `status` → `text-delta`* → `text` → `draft`? → `actions`, or a text answer alone
 */
export function runTurn(input: ChatTurnInput): EngineEvent[] {
  const text = input.text.trim();
  const cjk = hasCjk(text);
  const current = input.draft;

  if (HELP_REQUEST.test(text)) {
    const intro = current === null ? `${START_HINT}\n\n` : '';
    const events = reply(`${intro}${EDIT_HELP}`);
    if (current !== null) events.push({ type: 'actions', actions: suggestActions(current, { canUndo: input.previousDrafts.length > 0, cjk }) });
    return events;
  }
  if (isUndoRequest(text)) return undoTurn(current, input.previousDrafts, cjk);
  const media = input.media ?? [];
  const recut = mediaRecutPrompt(text, input);
  const fromMedia = recut !== null || isMediaRequest(text, media);
  if (fromMedia || shouldPlan(text, current)) {
    const result = checked(fromMedia ? planMediaCut(recut ?? text, media) : planStoryboard(text));
    if (!result.ok) return [{ type: 'status', message: 'planning scenes…' }, result.event];
    return [
      { type: 'status', message: 'planning scenes…' },
      ...reply(describePlan(result.draft, cjk)),
      { type: 'draft', draft: result.draft },
      { type: 'actions', actions: suggestActions(result.draft, { canUndo: current !== null, cjk }) },
    ];
  }
  if (current === null) return reply(EDIT_HELP);

  const outcome = applyEdit(current, text);
  if (outcome.kind === 'undo') return undoTurn(current, input.previousDrafts, cjk);
  if (outcome.kind === 'not-understood') {
    return [
      ...reply(`I could not turn “${text}” into a change to this video. ${EDIT_HELP}`),
      { type: 'actions', actions: suggestActions(current, { canUndo: input.previousDrafts.length > 0, cjk }) },
    ];
  }
  const unchanged = JSON.stringify(current) === JSON.stringify(outcome.draft);
  const diff = diffDrafts(current, outcome.draft);
  const changes = diff.length === 0 && !unchanged ? ['updated the timeline'] : diff;
  if (unchanged) {
    return [
      ...reply(describeEdit([], outcome.notes, outcome.notUnderstood)),
      { type: 'actions', actions: suggestActions(current, { canUndo: input.previousDrafts.length > 0, cjk }) },
    ];
  }
  const result = checked(outcome.draft);
  if (!result.ok) return [{ type: 'status', message: 'editing the timeline…' }, result.event];
  return [
    { type: 'status', message: 'editing the timeline…' },
    ...reply(describeEdit(changes, outcome.notes, outcome.notUnderstood)),
    { type: 'draft', draft: result.draft },
    { type: 'actions', actions: suggestActions(result.draft, { canUndo: true, cjk }) },
  ];
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
