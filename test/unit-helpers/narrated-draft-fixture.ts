/**
 * @module narrated-draft-fixture (test support)
 * A 60-s landscape draft whose only track is narration: one 9-s phrase per text, every 10 s from
 * 500 ms, US English at 175 wpm, with the given caption style (captions, subtitles, drawing).
 */
import type { Draft } from '../../shared/draft-schema';
import { type CaptionStyle, DEFAULT_CAPTION_STYLE } from '../../shared/narration-schema';

export function narratedDraftFixture(
  texts: readonly string[],
  captions: CaptionStyle = DEFAULT_CAPTION_STYLE,
): Draft {
  return {
    title: 't',
    canvas: { width: 1920, height: 1080, fps: 30 },
    durationMs: 60_000,
    look: {
      paletteName: 'p',
      background: ['#000000'],
      text: '#ffffff',
      accent: '#ff0000',
      fontFamily: 'Inter',
    },
    tracks: [
      {
        id: 'audio-narration',
        kind: 'audio',
        name: 'Narration',
        segments: texts.map((text, i) => ({
          id: `voice-${i}`,
          startMs: 10_000 * i + 500,
          durationMs: 9_000,
          label: 'n',
          volume: 1,
          fadeInMs: 0,
          fadeOutMs: 0,
          source: {
            type: 'speech' as const,
            text,
            voice: 'en-us-female' as const,
            rateWpm: 175,
            captions,
          },
        })),
      },
    ],
  };
}
