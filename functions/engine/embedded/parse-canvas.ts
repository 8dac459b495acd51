/**
 * @module parse-canvas
 * Reads the frame shape from words: vertical/portrait/9:16/TikTok/Reels/Shorts → 1080x1920,
 * square/1:1/Instagram post → 1080x1080, horizontal/landscape/16:9/YouTube → 1920x1080.
 * The three sizes are the ones the export supports (docs/design-decisions.md#output-formats).
 */
import type { Canvas } from '../../../shared/draft-schema';

/** Frames per second of every planned video: 30, the usual web/social rate. */
export const DEFAULT_FPS = 30;

/** The supported frames, by orientation. */
export const CANVAS_PRESETS = {
  landscape: { width: 1920, height: 1080, fps: DEFAULT_FPS },
  vertical: { width: 1080, height: 1920, fps: DEFAULT_FPS },
  square: { width: 1080, height: 1080, fps: DEFAULT_FPS },
} as const satisfies Record<string, Canvas>;

export type CanvasPreset = keyof typeof CANVAS_PRESETS;

/** Frame of a video whose prompt names none: 1920x1080 (16:9). */
export const DEFAULT_CANVAS: Canvas = CANVAS_PRESETS.landscape;

/** Words per preset; "Instagram story/Reels" and "YouTube Shorts" are vertical, "Instagram (post)" square, "YouTube" wide. */
const PRESET_WORDS: ReadonlyArray<{ preset: CanvasPreset; pattern: RegExp }> = [
  {
    preset: 'vertical',
    pattern:
      /\b(?:vertical(?:ly)?|portrait|9\s*[:x×/]\s*16|tik\s?tok|reels?|shorts|(?:instagram|ig) stor(?:y|ies)|stories)\b|竖屏|竖版|竖向|抖音|快手/i,
  },
  {
    preset: 'square',
    pattern:
      /\b(?:square|1\s*[:x×/]\s*1|instagram(?!\s+(?:reels?|stor(?:y|ies)))(?: post)?|ig post)\b|方形|正方形|方屏/i,
  },
  {
    preset: 'landscape',
    pattern:
      /\b(?:horizontal(?:ly)?|landscape|widescreen|16\s*[:x×/]\s*9|youtube(?!\s+shorts))\b|横屏|横版|横向|宽屏/i,
  },
];

/**
 * The preset named first in a text.
 * @returns `vertical`, `square`, `landscape`, or null when the text names no shape
 * @example parseCanvasPreset('make it vertical and 15 seconds') // "vertical"
 */
export function parseCanvasPreset(text: string): CanvasPreset | null {
  let best: { preset: CanvasPreset; index: number } | null = null;
  for (const { preset, pattern } of PRESET_WORDS) {
    const match = pattern.exec(text);
    if (match && (best === null || match.index < best.index)) best = { preset, index: match.index };
  }
  return best?.preset ?? null;
}

/**
 * The canvas a text asks for.
 * @returns a copy of the preset's canvas (px, fps), or null when the text names no shape
 */
export function parseCanvas(text: string): Canvas | null {
  const preset = parseCanvasPreset(text);
  return preset === null ? null : { ...CANVAS_PRESETS[preset] };
}
