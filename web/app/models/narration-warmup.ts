/**
 * @module narration-warmup
 * Says a narrated draft's voiceover as soon as the draft arrives in the page, in the speech
 * worker, while the visitor looks at it: its preview and its export then get it already said
 * (speech-client.ts remembers the request; each phrase is also kept in the browser's Cache
 * Storage, speech-cache.ts), and an export's first frames do not share the CPU with eSpeak's
 * start. Asked the way the export asks (the session's neural voice route first), so nothing is
 * said twice. The speech code is imported only for a draft with narration.
 */
import { type ReadonlySignal, effect } from '@preact/signals';
import type { Draft } from '../../../shared/draft-schema';
import { speechSegments } from '../../../shared/narration-track';
import { speechRoute } from '../../narration/speech-route';

/**
 * Starts saying each narrated draft `draft` shows, once it has a session.
 * @returns stops watching
 */
export function warmNarration(
  draft: ReadonlySignal<Draft | null>,
  sessionId: ReadonlySignal<string | null>,
): () => void {
  return effect(() => {
    const shown = draft.value;
    const id = sessionId.value;
    if (shown === null || id === null) return;
    const segments = speechSegments(shown);
    if (segments.length === 0) return;
    const route = speechRoute(id);
    void import('../../narration/speech-client')
      .then(({ saySegments }) => saySegments(segments, route))
      // A failure here is the preview's and the export's to report when they ask again.
      .catch(() => undefined);
  });
}
