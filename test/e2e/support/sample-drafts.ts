/**
 * @module sample-drafts (e2e support)
 * Hand-built drafts for browser tests and speed measurements: they exercise every part of the
 * frame renderer (gradients, motion, icons, transitions, kinetic and fading text, a boxed CJK
 * caption) and generated music, without needing the director.
 */
import type { Draft } from '../../../shared/draft-schema';

/** The family list drafts use: Inter for Latin, Noto Sans SC for CJK. */
export const FONT_FAMILY = '"Inter", "Noto Sans SC", sans-serif';
/** A Simplified Chinese caption (with a fullwidth comma that must not start a line). */
export const CJK_CAPTION = '在浏览器中生成视频，快速又私密';

/** A small but complete draft: two scenes with a crossfade, a kinetic title, a boxed CJK caption, upbeat music. */
export function sampleDraft(width: number, height: number, durationMs = 4_000): Draft {
  const half = durationMs / 2;
  return {
    title: 'Render pipeline test',
    canvas: { width, height, fps: 30 },
    durationMs,
    look: {
      paletteName: 'midnight',
      background: ['#0f172a', '#312e81', '#1e1b4b'],
      text: '#f8fafc',
      accent: '#38bdf8',
      fontFamily: FONT_FAMILY,
    },
    tracks: [
      {
        id: 'video',
        kind: 'video',
        name: 'Scenes',
        segments: [
          {
            id: 's1',
            startMs: 0,
            durationMs: half,
            label: 'Scene 1',
            visual: { type: 'generated', icon: 'rocket', motion: 'zoom-in' },
          },
          {
            id: 's2',
            startMs: half,
            durationMs: durationMs - half,
            label: 'Scene 2',
            visual: {
              type: 'generated',
              icon: 'sparkles',
              motion: 'pan-left',
              background: ['#022c22', '#065f46'],
            },
            transitionIn: { kind: 'crossfade', durationMs: 500 },
          },
        ],
      },
      {
        id: 'music',
        kind: 'audio',
        name: 'BGM',
        segments: [
          {
            id: 'm1',
            startMs: 0,
            durationMs,
            label: 'Upbeat',
            source: { type: 'generated-music', mood: 'upbeat', tempoBpm: 112 },
            volume: 0.35,
            fadeInMs: 300,
            fadeOutMs: 800,
          },
        ],
      },
      {
        id: 'text',
        kind: 'text',
        name: 'Text',
        segments: [
          {
            id: 't1',
            startMs: 0,
            durationMs: Math.round(durationMs * 0.6),
            role: 'title',
            text: 'Reelwright renders right in your browser',
            style: {
              fontFamily: FONT_FAMILY,
              fontWeight: 800,
              fontSizePx: 96,
              color: '#f8fafc',
              backgroundColor: null,
            },
            position: { x: 0.5, y: 0.56, maxWidth: 0.8, align: 'center' },
            animation: 'kinetic',
          },
          {
            id: 't2',
            startMs: 500,
            durationMs: durationMs - 500,
            role: 'caption',
            text: CJK_CAPTION,
            style: {
              fontFamily: FONT_FAMILY,
              fontWeight: 700,
              fontSizePx: 52,
              color: '#ffffff',
              backgroundColor: '#000000',
            },
            position: { x: 0.5, y: 0.86, maxWidth: 0.85, align: 'center' },
            animation: 'fade',
          },
        ],
      },
    ],
  };
}
