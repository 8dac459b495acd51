/**
 * @module apply-tool-calls
 * A language-model turn's accepted tool calls (director-tools.ts) made into the same events the
 * rules director emits, with the same functions: the planners take the `plan_video` brief,
 * `applyEditOps` applies the edit tools in order, `undo` is the rules director's undo, `export`
 * offers the Export chip (the MP4 is rendered in the visitor's browser when they press it).
 * The reply is the model's text followed by our own plain account of what changed.
 */
import type { Draft } from '../../../shared/draft-schema';
import { draftSchema } from '../../../shared/draft-schema';
import type { ToolCall } from '../director-tools';
import type { ChatTurnInput, EngineEvent } from '../engine';
import { EMPTY_BRAND_KIT } from '../../../shared/brand-kit-schema';
import { applyEditOps } from '../embedded/apply-edit';
import { applyBrandKit } from '../embedded/apply-brand-kit';
import { describeEdit, describePlan, suggestActions } from '../embedded/compose-reply';
import { directorWords } from '../embedded/director-words';
import { changeLines } from '../embedded/edit-batch';
import { runTurn } from '../embedded/embedded-engine';
import { pickIcon } from '../embedded/pick-icon';
import { planMediaCut } from '../embedded/plan-media-cut';
import { planStoryboard } from '../embedded/plan-storyboard';

/** A tool turn's draft was invalid (the rules director then answers instead). */
export class ToolDraftError extends Error {
  override readonly name = 'ToolDraftError';
}

/** The plain lines the rules director uses for export and skipped calls, per language. */
function exportLine(cjk: boolean, hasDraft: boolean): string {
  if (!hasDraft) return cjk ? '还没有视频可以导出。' : 'There is no video to export yet.';
  return cjk ? '按“导出 MP4”即可导出。' : 'Press Export MP4 to render it.';
}

/**
 * A storyboard (or a cut of uploads) from a `plan_video` call, its scenes' pictures from the
 * visual hints, in the visitor's brand kit (`input.brandKit`) as the rules director plans.
 */
function planDraft(call: Extract<ToolCall, { kind: 'plan' }>, input: ChatTurnInput): Draft {
  return applyBrandKit(plannedDraft(call, input), input.brandKit ?? EMPTY_BRAND_KIT);
}

/** {@link planDraft} before the brand kit. */
function plannedDraft(call: Extract<ToolCall, { kind: 'plan' }>, input: ChatTurnInput): Draft {
  const { brief, visuals } = call;
  if (brief.source === 'uploads') return planMediaCut(brief, input.media ?? []);
  const draft = planStoryboard(brief);
  const tracks = draft.tracks.map((track) => {
    if (track.kind !== 'video') return track;
    const segments = track.segments.map((segment, index) => {
      const hint = visuals[index - 1];
      if (hint === undefined || segment.visual.type !== 'generated') return segment;
      return { ...segment, visual: { ...segment.visual, icon: pickIcon(hint, index) } };
    });
    return { ...track, segments };
  });
  return { ...draft, tracks };
}

/**
 * The events of one turn whose calls were all accepted.
 * @param modelText what the model said (already streamed as deltas; the `text` event replaces them)
 * @returns status? → text → draft? → actions, like the rules director's turns
 * @throws {ToolDraftError} when the calls made a draft the schema refuses (e.g. too large)
 */
export function toolTurnEvents(
  input: ChatTurnInput,
  calls: readonly ToolCall[],
  modelText: string,
  cjk: boolean,
): EngineEvent[] {
  const words = directorWords(cjk);
  const said = modelText.trim();
  const withModelText = (text: string): string => (said ? `${said}\n\n${text}` : text);
  if (calls.some((call) => call.kind === 'op' && call.op.op === 'undo'))
    return runTurn({ ...input, text: 'undo' }).map((event) =>
      event.type === 'text' ? { ...event, text: withModelText(event.text) } : event,
    );
  const start = input.draft;
  let draft = start;
  let planned = false;
  const notes: string[] = [];
  const notUnderstood: string[] = [];
  let exportAsked = false;
  for (const call of calls) {
    if (call.kind === 'export') exportAsked = true;
    else if (call.kind === 'plan') {
      draft = planDraft(call, input);
      planned = true;
    } else if (draft !== null) {
      const outcome = applyEditOps(draft, [call.op], cjk);
      if (outcome.kind === 'edited') {
        draft = outcome.draft;
        notes.push(...outcome.notes);
        notUnderstood.push(...outcome.notUnderstood);
      } else notUnderstood.push(call.op.said ?? call.op.op);
    } else notUnderstood.push(call.op.said ?? call.op.op);
  }
  const changed =
    draft !== null && (planned || (start !== null && changeLines(start, draft, cjk).length > 0));
  const lines: string[] = [];
  if (draft !== null && planned) lines.push(describePlan(draft, cjk));
  else if (
    draft !== null &&
    start !== null &&
    (changed || notes.length > 0 || notUnderstood.length > 0)
  )
    lines.push(describeEdit(changeLines(start, draft, cjk), notes, notUnderstood, cjk));
  else if (draft === null && notUnderstood.length > 0) lines.push(words.help);
  if (exportAsked) lines.push(exportLine(cjk, draft !== null));
  const text = withModelText(lines.join('\n\n')).trim() || words.help;
  const events: EngineEvent[] = [];
  if (changed)
    events.push({
      type: 'status',
      message: planned ? words.status.planningScenes : words.status.editingTimeline,
    });
  events.push({ type: 'text', text });
  if (draft === null) return events;
  if (changed) {
    const parsed = draftSchema.safeParse(draft);
    if (!parsed.success) throw new ToolDraftError('the tool calls made an invalid draft');
    events.push({ type: 'draft', draft: parsed.data });
  }
  events.push({
    type: 'actions',
    actions: suggestActions(draft, { canUndo: changed || input.previousDrafts.length > 0, cjk }),
  });
  return events;
}
