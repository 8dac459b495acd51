/**
 * @module pick-music
 * The background music's mood and tempo from the prompt's words. Explainers and promos default
 * to upbeat: they sell something, and a slow bed under quick captions feels flat.
 */
import type { AudioSegment, MusicMood } from '../../../shared/draft-schema';

/** Background-music gain: 0.35 sits under narration-length captions without masking a voice-over. */
export const DEFAULT_MUSIC_VOLUME = 0.35;
/** Music fade-in: 1 s avoids a click and lets the title land first. */
export const MUSIC_FADE_IN_MS = 1_000;
/** Music fade-out: 2 s ends the video softly instead of cutting mid-bar. */
export const MUSIC_FADE_OUT_MS = 2_000;
/** Mood when the prompt names none. */
export const DEFAULT_MOOD: MusicMood = 'upbeat';

/** Beats per minute per mood: calm ~72 (resting pulse), lo-fi ~84 (hip-hop groove), upbeat ~120 (dance/pop). */
export const TEMPO_BPM_BY_MOOD: Readonly<Record<MusicMood, number>> = {
  calm: 72,
  lofi: 84,
  upbeat: 120,
};

/** Track names people read in the summary ("BGM: Lo-fi (0-10s, 35%)"). */
export const MOOD_NAMES: Readonly<Record<MusicMood, string>> = {
  calm: 'Calm',
  lofi: 'Lo-fi',
  upbeat: 'Upbeat',
};

/** Words per mood; checked in this order, so "chill lo-fi" is lo-fi and not calm. */
const MOOD_WORDS: ReadonlyArray<{ mood: MusicMood; pattern: RegExp }> = [
  {
    mood: 'lofi',
    pattern:
      /\b(?:lo-?\s?fi|chill(?:ed|hop)?|jazzy|study|cozy|cosy|laid-?back|mellow)\b|低保真|慵懒/i,
  },
  {
    mood: 'calm',
    pattern:
      /\b(?:calm\w*|relax\w*|peaceful|gentle|soft|soothing|ambient|corporate|meditat\w*|quiet|slow|serene|professional|elegant)\b|平静|舒缓|轻柔|放松|安静|冥想|商务/i,
  },
  {
    mood: 'upbeat',
    pattern:
      /\b(?:upbeat|energetic|energy|exciting|excited|promo\w*|hype|fun|happy|dynamic|fast|launch|sale|sport\w*|party|bold)\b|动感|活力|激情|欢快|热血|促销/i,
  },
];

/**
 * The mood a text names, or null.
 * @example moodFromText('make the music calm') // "calm"
 */
export function moodFromText(text: string): MusicMood | null {
  // A mood next to the word "music" ("with lo-fi music", "music that is calm") beats one elsewhere ("promo").
  const near =
    /(?:\S+\s+)?\b(?:music|bgm|soundtrack|beats?|track)\b(?:\s+\S+){0,3}|(?:\S{0,4})(?:音乐|配乐)(?:\S{0,4})/iu.exec(
      text,
    );
  if (near && near[0] !== text) {
    const mood = moodFromText(near[0]);
    if (mood !== null) return mood;
  }
  let best: { mood: MusicMood; index: number } | null = null;
  for (const { mood, pattern } of MOOD_WORDS) {
    const match = pattern.exec(text);
    if (match && (best === null || match.index < best.index)) best = { mood, index: match.index };
  }
  return best?.mood ?? null;
}

/**
 * The mood for a storyboard: named in the instruction, else named in the script, else upbeat.
 */
export function pickMood(instruction: string, script: string): MusicMood {
  return moodFromText(instruction) ?? moodFromText(script) ?? DEFAULT_MOOD;
}

/**
 * One generated-music segment over `[0, durationMs)` at the default level and fades.
 * @param durationMs integer ms, ≥ 1
 * @returns an {@link AudioSegment} with id `bgm-1`, volume 0.35, fades 1 000 / 2 000 ms (each at most half the segment)
 */
export function musicSegment(
  mood: MusicMood,
  durationMs: number,
  volume: number = DEFAULT_MUSIC_VOLUME,
): AudioSegment {
  const half = Math.floor(durationMs / 2);
  return {
    id: 'bgm-1',
    startMs: 0,
    durationMs,
    label: `${MOOD_NAMES[mood]} music`,
    source: { type: 'generated-music', mood, tempoBpm: TEMPO_BPM_BY_MOOD[mood] },
    volume,
    fadeInMs: Math.min(MUSIC_FADE_IN_MS, half),
    fadeOutMs: Math.min(MUSIC_FADE_OUT_MS, half),
  };
}
