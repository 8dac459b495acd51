/**
 * @module edit-look
 * Edit handler for the palette: "use the Ocean palette", "different colours", "换个配色".
 * Scene backgrounds and text in the old palette's colours move to the new palette; colours the
 * visitor chose (a red title) stay.
 */
import type { Draft, Look, Track } from '../../../shared/draft-schema';
import { directorWords } from './director-words';
import type { EditOpOf } from '../../../shared/edit-op-schema';
import type { EditHandler, OpApplier } from './edit-step';
import { lookByName, nextLook, paletteLook } from './pick-look';

const SUBJECT = /\b(?:palette|theme|colou?r scheme|colou?rs|look|style)\b|配色|主题|风格|色调/u;
const CHANGE = /\b(?:another|different|new|change|switch|other|next)\b|换|改/u;

function rotate<T>(items: readonly T[], by: number): T[] {
  if (items.length === 0) return [];
  const shift = by % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}

/**
 * The draft in another look: generated backgrounds re-made from the new palette (same rotation
 * per scene as the planner), text in the old text/accent colour recoloured.
 */
export function applyLook(draft: Draft, look: Look): Draft {
  const old = draft.look;
  const next: Look = { ...look, fontFamily: old.fontFamily };
  const recolour = (hex: string): string =>
    hex.toLowerCase() === old.text.toLowerCase()
      ? next.text
      : hex.toLowerCase() === old.accent.toLowerCase()
        ? next.accent
        : hex;
  const tracks = draft.tracks.map((track): Track => {
    if (track.kind === 'video') {
      return {
        ...track,
        segments: track.segments.map((segment, index) =>
          segment.visual.type === 'generated'
            ? {
                ...segment,
                visual: { ...segment.visual, background: rotate(next.background, index) },
              }
            : segment,
        ),
      };
    }
    if (track.kind === 'text') {
      return {
        ...track,
        segments: track.segments.map((s) => ({
          ...s,
          style: { ...s.style, color: recolour(s.style.color) },
        })),
      };
    }
    return track;
  });
  return { ...draft, look: next, tracks };
}

/** See the module doc: "use the Ocean palette" → `{palette: 'Ocean'}`, "different colours" → `{}`. */
export const lookHandler: EditHandler<EditOpOf<'set-look'>> = {
  name: 'look',
  matches: (clause) => SUBJECT.test(clause) || lookByName(clause) !== null,
  read(clause) {
    const named = lookByName(clause);
    if (named) return { op: 'set-look', palette: named.paletteName };
    return CHANGE.test(clause) ? { op: 'set-look' } : null;
  },
};

/** The named palette (a note when it is the current one), or the next one; null for an unknown name. */
export const applyLookOp: OpApplier<'set-look'> = (draft, op, cjk) => {
  if (op.palette === undefined)
    return { draft: applyLook(draft, nextLook(draft.look.paletteName)) };
  const named = paletteLook(op.palette);
  if (named === null) return null;
  if (named.paletteName === draft.look.paletteName)
    return { draft, note: directorWords(cjk).alreadyLook(named.paletteName) };
  return { draft: applyLook(draft, named) };
};
