/**
 * @module narration-schema
 * A voiceover in the draft: spoken segments on an audio track (`source.type === 'speech'`), each
 * with the text read, the voice, the speaking rate and how its words are shown as captions.
 * `startMs` is when the voice starts, `durationMs` the time the speech is given (the browser fits
 * the synthesised speech into it, see web/narration/). Bounded like every draft string.
 */
import * as z from 'zod/mini';

/**
 * The offline voices (eSpeak NG, compiled to WebAssembly, in the browser): US or British English
 * and Mandarin, each male or female. Ids are ours; {@link ESPEAK_VOICE} maps them to eSpeak's.
 */
export const NARRATION_VOICES = [
  'en-us-female',
  'en-us-male',
  'en-gb-female',
  'en-gb-male',
  'zh-female',
  'zh-male',
] as const;
export type NarrationVoice = (typeof NARRATION_VOICES)[number];

/**
 * eSpeak NG voice names (`-v`): language, then `+f3`/`+m3` variant for the timbre. Names from
 * espeak-ng's voice list, https://github.com/espeak-ng/espeak-ng/blob/master/docs/languages.md
 * and variants in https://github.com/espeak-ng/espeak-ng/tree/master/espeak-ng-data/voices/!v.
 */
export const ESPEAK_VOICE: Readonly<Record<NarrationVoice, string>> = {
  'en-us-female': 'en-us+f3',
  'en-us-male': 'en-us+m3',
  'en-gb-female': 'en-gb+f3',
  'en-gb-male': 'en-gb+m3',
  'zh-female': 'cmn+f3',
  'zh-male': 'cmn+m3',
};

/**
 * Slowest and fastest speaking rate, eSpeak words per minute (`-s`): eSpeak accepts 80–450;
 * below 110 or above 260 speech stops sounding natural, so the director stays within these.
 */
export const MIN_NARRATION_WPM = 110;
export const MAX_NARRATION_WPM = 260;
/** Longest text of one spoken segment, characters: a scene's sentences. */
export const MAX_SPEECH_TEXT_CHARS = 500;

/**
 * Smallest and largest caption font, share of the canvas's shorter side: 2% is ~22 px at 1080p,
 * the least still read on a phone; 10% fills two lines of a vertical frame's lower third.
 */
export const MIN_CAPTION_SIZE_RATIO = 0.02;
export const MAX_CAPTION_SIZE_RATIO = 0.1;

/** How the spoken words are shown: karaoke (all words, the spoken one highlighted), pop-in (words appear as spoken), or off. */
export const captionStyleSchema = z.object({
  mode: z.enum(['karaoke', 'pop-in', 'off']),
  /** Lines of caption at once (a long phrase is shown in chunks that fit). */
  lines: z.union([z.literal(1), z.literal(2)]),
  position: z.enum(['bottom', 'middle', 'top']),
  /** Highlight colour of the word being spoken (karaoke). */
  highlight: z.string().check(z.regex(/^#[0-9a-fA-F]{6}$/, 'expected a #rrggbb colour')),
  /** Caption font size as a fraction of the canvas's shorter side. */
  sizeRatio: z.number().check(z.minimum(MIN_CAPTION_SIZE_RATIO), z.maximum(MAX_CAPTION_SIZE_RATIO)),
});

/** Spoken text, synthesised in the browser: the source of a narration segment. */
export const speechSourceSchema = z.object({
  type: z.literal('speech'),
  text: z.string().check(
    z.minLength(1),
    z.maxLength(MAX_SPEECH_TEXT_CHARS, {
      message: `a spoken text is longer than ${MAX_SPEECH_TEXT_CHARS} characters`,
    }),
  ),
  voice: z.enum(NARRATION_VOICES),
  /** Speaking rate, eSpeak words per minute. */
  rateWpm: z.number().check(z.int(), z.minimum(MIN_NARRATION_WPM), z.maximum(MAX_NARRATION_WPM)),
  captions: captionStyleSchema,
});

export type CaptionStyle = z.infer<typeof captionStyleSchema>;
export type SpeechSource = z.infer<typeof speechSourceSchema>;

/** Default caption look: karaoke, two lines, at the bottom, amber highlight, 4.5% of the shorter side. */
export const DEFAULT_CAPTION_STYLE: CaptionStyle = {
  mode: 'karaoke',
  lines: 2,
  position: 'bottom',
  highlight: '#ffd23f',
  sizeRatio: 0.045,
};
