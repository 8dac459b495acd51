/**
 * @module edit-batch
 * Edits a batch: the edits of one chat message applied with {@link applyEditOps} to every video
 * of the batch, or only to the videos it names by their label ("make the waves one vertical", "for the space
 * photo add text 'Hello'"), and the words saying what changed per video, in the language of the
 * message. "undo" is not handled here: the engine goes back to the previous batch version.
 */
import type { Batch, BatchItem } from '../../../shared/batch-schema';
import type { Draft } from '../../../shared/draft-schema';
import { diffDrafts } from '../../../shared/draft-diff';
import type { EditOp } from '../../../shared/edit-op-schema';
import { applyEditOps } from './apply-edit';
import { describeEdit } from './compose-reply';
import { directorWords } from './director-words';
import { splitEdit, withoutQuotes } from './edit-clauses';

/** Words that may follow a label when naming a video: "the waves one", "the space photo". */
const ITEM_NOUNS = '(?:ones?|videos?|clips?|photos?|pictures?|images?|items?|uploads?|files?)';

/** What one edit did to one video of the batch. */
export interface ItemEdit {
  label: string;
  /** Plain-words change lines (`diffDrafts`), empty when the video did not change. */
  changes: string[];
  /** Sentences from the edit handlers ("It is already 15 s long."). */
  notes: string[];
}

/** The result of one edit message on a batch. */
export type BatchEditOutcome =
  /** Nothing in the message was an edit of any video it is meant for. */
  | { kind: 'not-understood' }
  /**
   * At least one video understood it. `batch` is the next version (equal to the input when
   * nothing changed), `edits` one per video the message is meant for, in batch order;
   * `notUnderstood` the clauses (as typed) skipped for any of them.
   */
  | { kind: 'edited'; batch: Batch; edits: ItemEdit[]; notUnderstood: string[] };

/**
 * What changed between two versions of a draft, as plain-words lines; "updated the timeline"
 * when they differ in something `diffDrafts` does not list; empty when equal.
 * @param cjk the lines in Chinese
 */
export function changeLines(before: Draft, after: Draft, cjk: boolean): string[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  const words = directorWords(cjk);
  const diff = diffDrafts(before, after, words.changes);
  return diff.length > 0 ? diff : [words.updatedTimeline];
}

/** A label's words, lower-case ("IMG 2041" → ["img", "2041"]). */
function labelWords(label: string): string[] {
  return label
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');
}

/** A pattern for a whole word (Latin letters and digits around it do not count as part of it). */
function wordPattern(word: string): RegExp {
  return new RegExp(`(?<![a-z0-9])${word}(?![a-z0-9])`, 'iu');
}

/**
 * The videos a message names by their label (every word of the label, any case, outside quoted
 * text); a label whose words are all part of a longer named label ("Space" in "Space walk")
 * does not count. Empty when it names none (the message is then meant for every video).
 * @example namedItems(batch, 'make the waves one vertical') // [the "Waves" item]
 */
export function namedItems(batch: Batch, text: string): BatchItem[] {
  const unquoted = withoutQuotes(splitEdit(text).originals.join(' '));
  const named = batch.items.filter((item) => {
    const words = labelWords(item.label);
    return words.length > 0 && words.every((word) => wordPattern(word).test(unquoted));
  });
  return named.filter((item) => {
    const words = labelWords(item.label);
    return !named.some(
      (other) =>
        other !== item &&
        other.label.length > item.label.length &&
        words.every((word) => labelWords(other.label).includes(word)),
    );
  });
}

/**
 * The message as an edit of one video: each naming phrase becomes "it" ("make the waves one
 * vertical" → "make it vertical"), or goes when it follows "for"/"on"/"to" ("for the space photo
 * add text …" → "add text …"); "it and it" becomes "it".
 */
export function withoutNames(text: string, named: readonly BatchItem[]): string {
  let edit = text;
  for (const item of named) {
    const words = labelWords(item.label).join('[\\s_-]+');
    const phrase = new RegExp(
      `(\\b(?:for|on|to|in)\\s+)?(?:\\bthe\\s+)?(?<![a-z0-9])${words}(?![a-z0-9])(?:'s)?(?:\\s+${ITEM_NOUNS}\\b)?`,
      'giu',
    );
    edit = edit.replace(phrase, (_all, preposition?: string) => (preposition ? '' : 'it'));
  }
  return edit
    .replace(/\bit(?:\s*(?:,|\band\b|&)\s*it\b)+/giu, 'it')
    .replace(/^[\s,]+/u, '')
    .replace(/\s{2,}/gu, ' ');
}

/**
 * Applies edits to a batch: to the videos `itemIds` names, or to all of them.
 * @param batch the current batch (not changed)
 * @param ops the edits (not "undo"), from `parseMessage`
 * @param unread the parts of the message that were not an edit (reported with the result)
 * @param itemIds the videos the edits are for; empty: every video
 * @param cjk say the change lines and notes in Chinese
 * @returns a {@link BatchEditOutcome}; never throws
 */
export function applyBatchEdit(
  batch: Batch,
  ops: readonly EditOp[],
  unread: readonly string[],
  itemIds: readonly string[],
  cjk: boolean,
): BatchEditOutcome {
  const targets = new Set(itemIds.length > 0 ? itemIds : batch.items.map((item) => item.id));
  const edits: ItemEdit[] = [];
  const notUnderstood = new Set<string>();
  const items = batch.items.map((item): BatchItem => {
    if (!targets.has(item.id)) return item;
    const outcome = applyEditOps(item.draft, ops, cjk);
    if (outcome.kind !== 'edited') return item;
    edits.push({
      label: item.label,
      changes: changeLines(item.draft, outcome.draft, cjk),
      notes: outcome.notes,
    });
    for (const clause of [...unread, ...outcome.notUnderstood]) notUnderstood.add(clause);
    return { ...item, draft: outcome.draft };
  });
  if (edits.length === 0) return { kind: 'not-understood' };
  return { kind: 'edited', batch: { items }, edits, notUnderstood: [...notUnderstood] };
}

/**
 * One sentence per distinct result, naming the videos it is true of:
 * "Waves, Space: Canvas 1920x1080 → 1080x1920 (9:16). Homeworld: It is already 1080x1920 (9:16)."
 * (ZH "Waves、Space：画面 1920x1080 → 1080x1920（9:16）。Homeworld：已经是 1080x1920（9:16）了。")
 * @param cjk answer in Chinese
 */
export function describePerItem(
  entries: ReadonlyArray<{ label: string; text: string }>,
  cjk: boolean,
): string {
  const words = directorWords(cjk);
  const groups = new Map<string, string[]>();
  for (const { label, text } of entries) groups.set(text, [...(groups.get(text) ?? []), label]);
  return [...groups].map(([text, labels]) => words.forItems(labels, text)).join(words.sentenceGap);
}

/**
 * What a batch edit did, per video: "Done — Waves: Canvas 1920x1080 → 1080x1920 (9:16).", or
 * "Nothing changed — Waves: It is already 1080x1920 (9:16).", then the clauses not understood.
 * @param edits from {@link applyBatchEdit} with the same `cjk`
 * @param cjk answer in Chinese ("改好了——Waves：画面 1920x1080 → 1080x1920（9:16）。")
 */
export function describeBatchEdit(
  edits: readonly ItemEdit[],
  notUnderstood: readonly string[],
  cjk: boolean,
): string {
  const words = directorWords(cjk);
  const changed = edits.some((edit) => edit.changes.length > 0);
  const entries = edits.map((edit) => {
    const parts = edit.changes.length > 0 ? [words.changeSentence(edit.changes)] : [];
    parts.push(...edit.notes);
    return {
      label: edit.label,
      text: parts.length > 0 ? parts.join(words.sentenceGap) : words.itemNothingNeeded,
    };
  });
  const tail =
    notUnderstood.length > 0
      ? `${words.sentenceGap}${describeEdit([], [], notUnderstood, cjk)}`
      : '';
  return `${words.batchEdit(changed, describePerItem(entries, cjk))}${tail}`;
}

/**
 * What going back from one batch version to an earlier one changes, per video (matched by
 * item id): "Waves: Canvas 1080x1920 → 1920x1080 (16:9)."; null when the two versions do not
 * hold the same videos (a new batch was planned in between) or nothing differs.
 * @param cjk answer in Chinese
 */
export function describeBatchChanges(from: Batch, to: Batch, cjk: boolean): string | null {
  const sameItems =
    from.items.length === to.items.length &&
    from.items.every((item, i) => item.id === to.items[i]?.id);
  if (!sameItems) return null;
  const entries = to.items.flatMap((item, i) => {
    const before = from.items[i];
    const changes = before ? changeLines(before.draft, item.draft, cjk) : [];
    return changes.length > 0
      ? [{ label: item.label, text: directorWords(cjk).changeSentence(changes) }]
      : [];
  });
  return entries.length > 0 ? describePerItem(entries, cjk) : null;
}
