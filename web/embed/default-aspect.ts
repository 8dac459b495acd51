/**
 * @module default-aspect
 * The widget's `data-aspect`: the host's default frame shape. The director reads shapes from
 * words, so when the first draft comes out in another shape (the visitor did not name one),
 * the widget asks for the host's shape with one edit message ("make it vertical"), shown in the
 * chat like any other.
 */
import { effect } from '@preact/signals';
import type { Draft } from '../../shared/draft-schema';
import type { EmbedOptions } from '../../shared/embed-protocol';
import type { AppModel } from '../app/models/app-model';

/** The edit message per aspect (words the director's parse-canvas understands). */
const EDIT_FOR_ASPECT: Record<NonNullable<EmbedOptions['aspect']>, string> = {
  '16:9': 'make it horizontal 16:9',
  '9:16': 'make it vertical 9:16',
  '1:1': 'make it square 1:1',
};

/** The aspect of a canvas, or null for any other shape. */
function aspectOf(canvas: Pick<Draft['canvas'], 'width' | 'height'>): EmbedOptions['aspect'] {
  if (canvas.width * 9 === canvas.height * 16) return '16:9';
  if (canvas.width * 16 === canvas.height * 9) return '9:16';
  return canvas.width === canvas.height ? '1:1' : null;
}

/**
 * The edit to send for the first draft, or null when it already has the wanted shape, or the
 * visitor's own words named a shape (`namedShape`: their choice wins).
 */
export function defaultAspectEdit(
  canvas: Pick<Draft['canvas'], 'width' | 'height'>,
  wanted: EmbedOptions['aspect'],
  namedShape: boolean,
): string | null {
  if (wanted === null || namedShape || aspectOf(canvas) === wanted) return null;
  return EDIT_FOR_ASPECT[wanted];
}

/** Words that name a frame shape (a subset of the director's parse-canvas, enough to stand aside). */
const SHAPE_WORDS =
  /\b(?:vertical|portrait|horizontal|landscape|square|wide|9\s*[:x]\s*16|16\s*[:x]\s*9|1\s*[:x]\s*1|tik\s?tok|reels?|shorts|youtube|instagram)\b|竖|横|方/i;

/**
 * Watches for the session's first draft and applies the host's default aspect once. Call it
 * after the app has loaded: a restored draft keeps its shape.
 */
export function applyDefaultAspect(model: AppModel, wanted: EmbedOptions['aspect']): () => void {
  if (wanted === null || model.draft.hasDraft.peek()) return () => undefined;
  let done = false;
  return effect(() => {
    const draft = model.draft.draft.value;
    const busy = model.chat.busy.value;
    if (done || draft === null || busy) return;
    done = true;
    const typed = model.chat.messages.peek().filter((message) => message.role === 'user');
    const edit = defaultAspectEdit(
      draft.canvas,
      wanted,
      typed.some((message) => SHAPE_WORDS.test(message.text)),
    );
    if (edit !== null) queueMicrotask(() => void model.send(edit));
  });
}
