/**
 * @module edit-position
 * Edit handler for where texts sit: "title at the bottom", "captions at the top", "put the
 * overlay in the middle", "标题放在底部", "字幕放到顶部". Every text of the role moves to the
 * place; top and bottom are the roles' own bands (overlays' top band, captions' lower third,
 * higher on a vertical frame to clear the app buttons).
 */
import type { Canvas, Draft } from '../../../shared/draft-schema';
import type { EditOpOf } from '../../../shared/edit-op-schema';
import { directorWords } from './director-words';
import type { EditHandler, OpApplier } from './edit-step';
import { mapTextSegments } from './edit-step';
import { roleNamed } from './edit-text';
import {
  CAPTION_Y_LANDSCAPE,
  CAPTION_Y_SQUARE,
  CAPTION_Y_VERTICAL,
  OVERLAY_Y,
  OVERLAY_Y_VERTICAL,
} from './text-layout';

type Place = EditOpOf<'set-position'>['place'];

/** The middle of the frame, as a fraction of its height. */
const MIDDLE_Y = 0.5;

const PLACES: ReadonlyArray<{ place: Place; pattern: RegExp }> = [
  {
    place: 'top',
    pattern:
      /\b(?:at|to|on|in|towards?)\s+the\s+top\b|\btop of the (?:screen|frame|video)\b|顶部|上方|顶端|最上面/u,
  },
  {
    place: 'bottom',
    pattern:
      /\b(?:at|to|on|in|towards?)\s+the\s+bottom\b|\bbottom of the (?:screen|frame|video)\b|底部|下方|底端|最下面/u,
  },
  {
    place: 'middle',
    pattern:
      /\b(?:at|to|on|in)\s+the\s+(?:middle|cent(?:er|re))\b|\b(?:centered|centred)\b|中间|中央|正中|居中/u,
  },
];

/** A quote or "add": new text placed somewhere ("add text 'Sale' at the bottom" is an overlay). */
const NEW_TEXT = /⟦\d+⟧|\b(?:add|show)\b|添加|加上|加一个/u;

function placeIn(clause: string): Place | null {
  return PLACES.find((entry) => entry.pattern.test(clause))?.place ?? null;
}

/** A text's height fraction for a place on a canvas. */
export function placeY(place: Place, canvas: Canvas): number {
  const vertical = canvas.height > canvas.width;
  if (place === 'middle') return MIDDLE_Y;
  if (place === 'top') return vertical ? OVERLAY_Y_VERTICAL : OVERLAY_Y;
  if (vertical) return CAPTION_Y_VERTICAL;
  return canvas.height === canvas.width ? CAPTION_Y_SQUARE : CAPTION_Y_LANDSCAPE;
}

/** "title at the bottom" → `{role: 'title', place: 'bottom'}`. */
export const positionHandler: EditHandler<EditOpOf<'set-position'>> = {
  name: 'position',
  matches: (clause) =>
    placeIn(clause) !== null && roleNamed(clause) !== null && !NEW_TEXT.test(clause),
  read(clause) {
    const place = placeIn(clause);
    const role = roleNamed(clause);
    return place !== null && role !== null ? { op: 'set-position', role, place } : null;
  },
};

/** Moves every text of the role; a note when the video has none. */
export const applyPosition: OpApplier<'set-position'> = (draft, op, cjk) => {
  const y = placeY(op.place, draft.canvas);
  let found = false;
  const next: Draft = mapTextSegments(draft, (s) => {
    if (s.role !== op.role) return s;
    found = true;
    return { ...s, position: { ...s.position, y } };
  });
  return found ? { draft: next } : { draft, note: directorWords(cjk).noTextToRestyle(op.role) };
};
