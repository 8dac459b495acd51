/**
 * @module caption-style-edit
 * Changes of the narration's word-caption style (shared/narration-schema.ts `CaptionStyle`):
 * mode, lines, position, highlight colour and size, as a `set-narration` op carries them; and
 * "bigger captions" / "字幕大一点" (read as a `set-text-style` of the caption role, edit-text.ts)
 * applied to the word captions when the video is narrated, since a narrated draft's scene
 * captions give way to the word captions (plan-narration.ts).
 */
import type { EditOpOf } from '../../../shared/edit-op-schema';
import {
  type CaptionStyle,
  MAX_CAPTION_SIZE_RATIO,
  MIN_CAPTION_SIZE_RATIO,
} from '../../../shared/narration-schema';
import type { OpApplier } from '../embedded/edit-step';
import { applyTextStyle } from '../embedded/edit-text';
import { narrateScenes, narratedTexts, settingsOf, speechOf } from './plan-narration';

/** A change of the caption style: the fields to set, and a factor for the size. */
export type CaptionChange = NonNullable<EditOpOf<'set-narration'>['captions']>;

/** Ratios are kept to 4 decimals: enough for a pixel at 4K, short in the draft. */
const RATIO_DECIMALS = 4;

/**
 * The style with `change` applied; the size is multiplied by `change.sizeScale` and kept within
 * the schema's bounds ({@link MIN_CAPTION_SIZE_RATIO}–{@link MAX_CAPTION_SIZE_RATIO}).
 */
export function changeCaptionStyle(style: CaptionStyle, change: CaptionChange = {}): CaptionStyle {
  const { sizeScale, ...fields } = change;
  const ratio =
    sizeScale === undefined
      ? style.sizeRatio
      : Math.min(
          MAX_CAPTION_SIZE_RATIO,
          Math.max(MIN_CAPTION_SIZE_RATIO, style.sizeRatio * sizeScale),
        );
  return { ...style, ...fields, sizeRatio: Number(ratio.toFixed(RATIO_DECIMALS)) };
}

/**
 * `set-text-style` for the caption role: on a narrated draft a size change resizes the word
 * captions (the scene captions are gone); otherwise, and for colours, the text style as before.
 */
export const applyCaptionTextStyle: OpApplier<'set-text-style'> = (draft, op, cjk) => {
  const speech = speechOf(draft);
  if (op.role !== 'caption' || op.scale === undefined || !speech || op.color !== undefined)
    return applyTextStyle(draft, op, cjk);
  const settings = settingsOf(speech);
  return {
    draft: narrateScenes(draft, narratedTexts(draft), {
      ...settings,
      captions: changeCaptionStyle(settings.captions, { sizeScale: op.scale }),
    }).draft,
  };
};
