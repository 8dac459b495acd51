/**
 * @module preview-runtime
 * Everything the live preview needs from the renderer, in one module so it is loaded as one
 * lazy chunk (see load-preview-runtime): the shared `drawFrame`, its caches, the fonts a draft
 * uses and the audio mix.
 */
import type { Draft } from '../../../shared/draft-schema';
import { loadFonts } from '../../render/load-fonts';

export { drawFrame, createFrameAssets } from '../../render/draw-frame';
export { mixAudio } from '../../render/mix-audio';
export { MediaFrames, urlLoader, visualMediaIds } from '../../render/media-frames';

/**
 * Loads into `document.fonts` every face the draft's text needs (Inter, and the CJK subsets
 * its characters fall in). Cheap when called again: faces are added once per page.
 * @throws RenderError `font-load-failed` when a font file cannot be fetched
 */
export async function loadDraftFonts(draft: Draft): Promise<void> {
  const text = [draft.title];
  for (const track of draft.tracks) {
    if (track.kind === 'text') for (const segment of track.segments) text.push(segment.text);
  }
  await loadFonts(document.fonts, text.join('\n'));
}
