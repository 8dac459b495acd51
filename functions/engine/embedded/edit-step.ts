/**
 * @module edit-step
 * The shapes shared by the edits: a handler recognises its subject in a clause and reads an
 * `EditOp` from it (`read-edits`); an applier makes that op's change to a draft or explains why
 * it could not (`apply-edit`). Also the text-track helpers the appliers share.
 */
import type { Draft, TextSegment, Track } from '../../../shared/draft-schema';
import type { EditOp, EditOpOf } from '../../../shared/edit-op-schema';

/** What one clause did: the new draft and, when nothing changed, why (said to the visitor). */
export interface EditStep {
  draft: Draft;
  /** A sentence for the visitor in the message's language, e.g. "There is no music to turn off." */
  note?: string;
}

/**
 * One kind of edit as read from words: a handler recognises its subject in a clause and reads
 * the {@link EditOp} it asks for. Applying it to a draft is the job of the op's applier.
 */
export interface EditHandler<Op extends EditOp = EditOp> {
  /** Name for logs and tests. */
  name: string;
  /** True when the clause is about this handler's subject (music, title…). */
  matches(clause: string): boolean;
  /**
   * The op a clause asks for; null when the subject matched but the clause asks for something
   * this handler cannot do (the next matching handler is tried, else the clause is not understood).
   * @param clause the clause lower-cased, quotes as `⟦n⟧` (what `matches` saw)
   * @param original the same clause as typed (case kept), for text taken from it
   */
  read(clause: string, quotes: readonly string[], original: string): Op | null;
}

/**
 * Applies one op to a draft; null when the op cannot apply to this draft (it is then reported
 * as not understood). A step that changes nothing says why in `note`.
 * @param cjk the message is Chinese: the note is said in Chinese (`directorWords`)
 */
export type OpApplier<K extends EditOp['op']> = (
  draft: Draft,
  op: EditOpOf<K>,
  cjk: boolean,
) => EditStep | null;

/** The draft with `map` applied to every text segment; text tracks left empty are dropped. */
export function mapTextSegments(
  draft: Draft,
  map: (segment: TextSegment) => TextSegment | null,
): Draft {
  const tracks: Track[] = [];
  for (const track of draft.tracks) {
    if (track.kind !== 'text') {
      tracks.push(track);
      continue;
    }
    const segments = track.segments.map(map).filter((s): s is TextSegment => s !== null);
    if (segments.length > 0) tracks.push({ ...track, segments });
  }
  return { ...draft, tracks };
}

/** Every text segment of a draft, in track order. */
export function textSegmentsOf(draft: Draft): TextSegment[] {
  return draft.tracks.flatMap((track) => (track.kind === 'text' ? track.segments : []));
}

/** Puts a text segment on the named text track, creating the track after the others if needed. */
export function addToTextTrack(
  draft: Draft,
  trackId: string,
  trackName: string,
  segment: TextSegment,
  first = false,
): Draft {
  const exists = draft.tracks.some((track) => track.id === trackId && track.kind === 'text');
  const tracks: Track[] = exists
    ? draft.tracks.map((track) =>
        track.id === trackId && track.kind === 'text'
          ? {
              ...track,
              segments: first ? [segment, ...track.segments] : [...track.segments, segment],
            }
          : track,
      )
    : [...draft.tracks, { id: trackId, kind: 'text', name: trackName, segments: [segment] }];
  return { ...draft, tracks };
}
