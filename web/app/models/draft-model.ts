/**
 * @module draft-model
 * The current draft (timeline) as the edge last described it: the draft itself, its version,
 * the summary line and the latest changes in plain words. Updated by `draft` events of a chat
 * turn and by restoring a session; read by the timeline, the preview and the export panel.
 *
 * While a batch is current, `draft` is the draft shown instead of the session's own: the
 * selected batch item's (read from the batch model, never copied here); `summary` follows it.
 */
import { action, batch, computed, createModel, signal } from '@preact/signals';
import type { ReadonlySignal } from '@preact/signals';
import type { Draft } from '../../../shared/draft-schema';
import type { DraftEvent } from '../../../shared/events-schema';
import { summarizeTimeline } from '../../../shared/timeline-summary';

/**
 * The draft model: `draft` (null before the first), `version`, `summary`, `changes`.
 * @param shownInstead a draft to show in place of the session's own while it is not null (the
 *   selected batch item's); default: none
 */
export const DraftModel = createModel(
  (shownInstead: ReadonlySignal<Draft | null> = signal(null)) => {
    /** The session's own draft. */
    const ownDraft = signal<Draft | null>(null);
    /** The draft shown: the one shown instead, else the session's own. */
    const draft = computed(() => shownInstead.value ?? ownDraft.value);
    const version = signal(0);
    const serverSummary = signal('');
    /** The changes of the newest version, e.g. "Added text 'Urban Dreams' 0–3 s". */
    const changes = signal<string[]>([]);

    /** The summary line; the edge's when it sent one, else computed from the draft. */
    const summary = computed(() =>
      shownInstead.value !== null
        ? summarizeTimeline(shownInstead.value)
        : serverSummary.value || summarizeTimeline(ownDraft.value),
    );
    const hasDraft = computed(() => draft.value !== null);

    /** Applies a `draft` event from a chat turn. Older versions than the shown one are ignored. */
    const applyEvent = action((event: DraftEvent) => {
      if (event.version < version.value) return;
      batch(() => {
        ownDraft.value = event.draft;
        version.value = event.version;
        serverSummary.value = event.summary;
        changes.value = event.changes;
      });
    });

    /** Sets the state of a restored session (no change list: nothing changed on this page yet). */
    const restore = action((next: Draft | null, nextVersion: number, nextSummary: string) => {
      ownDraft.value = next;
      version.value = nextVersion;
      serverSummary.value = nextSummary;
      changes.value = [];
    });

    /** Empties the model (a new video). */
    const clear = action(() => restore(null, 0, ''));

    return { draft, version, summary, changes, hasDraft, applyEvent, restore, clear };
  },
);

export type DraftModel = InstanceType<typeof DraftModel>;
