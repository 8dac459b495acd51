/**
 * @module edit-transitions
 * Edit handler for how scenes change: "use slide transitions", "no transitions"/"hard cuts",
 * "wipe", "crossfade"/"dissolve", "use zoom transitions", "whip pan", "dip to black"/"dip to
 * white", "转场用滑动", "转场用缩放", "甩镜头", "黑场"/"闪白".
 */
import type { Draft, Track, Transition } from '../../../shared/draft-schema';
import { directorWords } from './director-words';
import { NAMED_COLOURS, parseColour } from './parse-colour';
import type { EditOpOf } from '../../../shared/edit-op-schema';
import type { EditHandler, OpApplier } from './edit-step';
import { TRANSITION_MS } from './plan-storyboard';

const SUBJECT =
  /\btransitions?\b|\b(?:hard |jump )?cuts\b|\bcrossfades?\b|\bcross-fades?\b|\bdissolves?\b|\bslides?\b|\bwipes?\b|\bwhip(?:[- ]?pans?)?\b|\b(?:dip|fade)s? to\b|转场|过渡|切换|甩镜头|黑场|闪白/u;

/** The colour a dip names ("dip to white", "闪白"), or null for the default (black). */
function dipColourIn(clause: string): string | null {
  if (/闪白|白场/u.test(clause)) return NAMED_COLOURS.white ?? null;
  const named = /\b(?:dip|fade)s? (?:to|through) (.+)$/u.exec(clause);
  return named?.[1] ? (parseColour(named[1])?.hex ?? null) : null;
}

/** The kind a clause asks for, or null. */
export function transitionKindIn(clause: string): Transition['kind'] | null {
  if (
    /\b(?:no|without|remove|delete|drop|disable|turn off)\b.*\btransitions?\b|\b(?:hard|jump|straight)\s+cuts?\b|\bcuts\b|\bcut\b|无转场|不要转场|去掉转场|直接切/u.test(
      clause,
    )
  )
    return 'cut';
  if (/\b(?:dip|fade)s? (?:to|through)\b|\bdips?\b|黑场|闪白|白场|渐隐到/u.test(clause))
    return 'dip';
  if (/\bwhip(?:[- ]?pans?)?\b|甩镜头|快速平移/u.test(clause)) return 'whip';
  if (/\bzoom(?:s|ing)?\b|缩放|推拉/u.test(clause)) return 'zoom';
  if (/\bslides?\b|滑动|推入/u.test(clause)) return 'slide';
  if (/\bwipes?\b|擦除/u.test(clause)) return 'wipe';
  if (/\b(?:crossfades?|cross-fades?|dissolves?|fades?)\b|淡入淡出|叠化|渐变/u.test(clause))
    return 'crossfade';
  if (/\b(?:add|use|with|smooth)\b.*\btransitions?\b|加转场|添加转场/u.test(clause))
    return 'crossfade';
  return null;
}

/**
 * Every video segment after the first of its track enters with `kind`: cuts take 0 ms, the
 * others {@link TRANSITION_MS} capped at half of the shorter of the two scenes.
 */
export function setTransitions(draft: Draft, kind: Transition['kind'], color?: string): Draft {
  const tracks = draft.tracks.map((track): Track => {
    if (track.kind !== 'video') return track;
    return {
      ...track,
      segments: track.segments.map((segment, index) => {
        if (index === 0) return segment;
        const previous = track.segments[index - 1];
        const room = Math.floor(
          Math.min(segment.durationMs, previous?.durationMs ?? segment.durationMs) / 2,
        );
        return {
          ...segment,
          transitionIn: {
            kind,
            durationMs: kind === 'cut' ? 0 : Math.min(TRANSITION_MS, room),
            ...(kind === 'dip' && color ? { color } : {}),
          },
        };
      }),
    };
  });
  return { ...draft, tracks };
}

/** See the module doc. */
export const transitionsHandler: EditHandler<EditOpOf<'set-transition'>> = {
  name: 'transitions',
  matches: (clause) => SUBJECT.test(clause),
  read(clause) {
    const kind = transitionKindIn(clause);
    if (kind === null) return null;
    const color = kind === 'dip' ? dipColourIn(clause) : null;
    return { op: 'set-transition', kind, ...(color ? { color } : {}) };
  },
};

/** Sets every scene's transition; a video of one scene has none to set (said in a note). */
export const applyTransition: OpApplier<'set-transition'> = (draft, op, cjk) => {
  const scenes = draft.tracks.reduce(
    (count, track) => count + (track.kind === 'video' ? track.segments.length : 0),
    0,
  );
  if (scenes < 2) return { draft, note: directorWords(cjk).oneScene };
  return { draft: setTransitions(draft, op.kind, op.color) };
};
