/**
 * @module keep-cuts-on-beat
 * Cuts stay on the beat after an edit (issue 14 item 4, "cuts on the beat"): when an edit changed
 * the video's length, or the beat of its music (another track, mood or tempo), the boundaries
 * between scenes are snapped to the music's beats again (shared/beat-grid.ts), as a new plan's
 * are. A narrated video is re-snapped only when its length changed, since the narration is then
 * re-fitted to the new scenes afterwards (narrate-plan.ts `refitNarration`); moving its cuts
 * while its speech stays would cut a phrase short.
 */
import type { Draft } from '../../../shared/draft-schema';
import { musicBeatGrid, snapScenesToBeats } from '../../../shared/beat-grid';
import { speechOf } from '../narration/plan-narration';

/** Where the music's beats fall: its grid and where its segment starts (null: no beat). */
function beatKey(draft: Draft): string | null {
  const music = musicBeatGrid(draft);
  return music === null ? null : JSON.stringify([music.grid, music.segment.startMs]);
}

/**
 * `after` (the draft an edit of `before` made) with its scene cuts on the beat again when the
 * edit changed its length or its music's beat; else `after` unchanged.
 */
export function keepCutsOnBeat(before: Draft, after: Draft): Draft {
  const lengthChanged = before.durationMs !== after.durationMs;
  if (!lengthChanged && (speechOf(after) !== null || beatKey(before) === beatKey(after)))
    return after;
  return snapScenesToBeats(after);
}
