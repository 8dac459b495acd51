/**
 * @module draft-model
 * The current draft (timeline) as the edge last described it: the draft itself, its version,
 * the summary line and the latest changes in plain words. Updated by `draft` events of a chat
 * turn and by restoring a session; read by the timeline, the preview and the export panel.
 */
import { action, batch, computed, createModel, signal } from '@preact/signals';
import type { Draft } from '../../../shared/draft-schema';
import type { DraftEvent } from '../../../shared/events-schema';
import { summarizeTimeline } from '../../../shared/timeline-summary';

/** The draft model: `draft` (null before the first), `version`, `summary`, `changes`. */
export const DraftModel = createModel(() => {
  const draft = signal<Draft | null>(null);
  const version = signal(0);
  const serverSummary = signal('');
  /** The changes of the newest version, e.g. "Added text 'Urban Dreams' 0–3 s". */
  const changes = signal<string[]>([]);

  /** The summary line; the edge's when it sent one, else computed from the draft. */
  const summary = computed(() => serverSummary.value || summarizeTimeline(draft.value));
  const hasDraft = computed(() => draft.value !== null);

  /** Applies a `draft` event from a chat turn. Older versions than the shown one are ignored. */
  const applyEvent = action((event: DraftEvent) => {
    if (event.version < version.value) return;
    batch(() => {
      draft.value = event.draft;
      version.value = event.version;
      serverSummary.value = event.summary;
      changes.value = event.changes;
    });
  });

  /** Sets the state of a restored session (no change list: nothing changed on this page yet). */
  const restore = action((next: Draft | null, nextVersion: number, nextSummary: string) => {
    draft.value = next;
    version.value = nextVersion;
    serverSummary.value = nextSummary;
    changes.value = [];
  });

  /** Empties the model (a new video). */
  const clear = action(() => restore(null, 0, ''));

  return { draft, version, summary, changes, hasDraft, applyEvent, restore, clear };
});

export type DraftModel = InstanceType<typeof DraftModel>;
