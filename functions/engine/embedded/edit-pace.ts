/**
 * @module edit-pace
 * Edit handler for the pace: "faster pace", "speed it up", "slower pacing", "节奏快一点",
 * "放慢节奏". Faster: every scene a fifth shorter (so the video is too), transitions with them,
 * generated music a fifth quicker; slower: the reverse.
 */
import type { Draft, Track } from '../../../shared/draft-schema';
import type { EditOpOf } from '../../../shared/edit-op-schema';
import { directorWords } from './director-words';
import type { EditHandler, OpApplier } from './edit-step';
import { refitDuration } from './fit-timeline';
import { clampDurationMs } from './parse-duration';
import { formatSeconds } from '../../../shared/timeline-summary';

/** One pace step: scenes and beats 1.25× quicker (a change people notice, scenes still readable). */
export const PACE_STEP = 1.25;
/** Generated music tempo bounds, bpm (the draft schema's 40..200). */
const MIN_TEMPO_BPM = 40;
const MAX_TEMPO_BPM = 200;
/** New lengths are rounded to whole seconds (people think in seconds). */
const ROUND_TO_MS = 1_000;

const SUBJECT =
  /\b(?:pace|pacing|tempo|rhythm|speed (?:it |things )?up|slow (?:it |things )?down)\b|节奏|加快|放慢/u;
const FASTER = /\b(?:faster|quicker|speed|snappier|up)\b|快|加快|紧凑/u;
const SLOWER = /\b(?:slower|slow|calmer|relaxed|down)\b|慢|放慢|舒缓/u;

/** "faster pace" → `{pace: 'faster'}`; null when it names no direction. */
export const paceHandler: EditHandler<EditOpOf<'set-pace'>> = {
  name: 'pace',
  matches: (clause) => SUBJECT.test(clause),
  read(clause) {
    if (SLOWER.test(clause)) return { op: 'set-pace', pace: 'slower' };
    if (FASTER.test(clause)) return { op: 'set-pace', pace: 'faster' };
    return null;
  },
};

/** Every generated music segment at `factor` × its tempo (within 40..200 bpm). */
function scaleTempo(draft: Draft, factor: number): Draft {
  const tracks = draft.tracks.map(
    (track): Track =>
      track.kind === 'audio'
        ? {
            ...track,
            segments: track.segments.map((s) =>
              s.source.type === 'generated-music'
                ? {
                    ...s,
                    source: {
                      ...s.source,
                      tempoBpm: Math.min(
                        MAX_TEMPO_BPM,
                        Math.max(MIN_TEMPO_BPM, Math.round(s.source.tempoBpm * factor)),
                      ),
                    },
                  }
                : s,
            ),
          }
        : track,
  );
  return { ...draft, tracks };
}

/** Refits the video by one pace step and retimes the music; a note at the length limits. */
export const applyPace: OpApplier<'set-pace'> = (draft, op, cjk) => {
  const factor = op.pace === 'faster' ? PACE_STEP : 1 / PACE_STEP;
  const durationMs = clampDurationMs(
    Math.round(draft.durationMs / factor / ROUND_TO_MS) * ROUND_TO_MS,
  );
  if (durationMs === draft.durationMs)
    return { draft, note: directorWords(cjk).alreadyLength(formatSeconds(durationMs)) };
  return { draft: scaleTempo(refitDuration(draft, durationMs), factor) };
};
