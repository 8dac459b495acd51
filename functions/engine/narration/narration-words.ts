/**
 * @module narration-words
 * What the director says about the voiceover, in English and in Chinese (the language of the
 * message it answers).
 */
import { formatSeconds } from '../../../shared/timeline-summary';

export interface NarrationWords {
  /** A plan was narrated: with which voice and pace. */
  narrated(voice: string, wpm: number): string;
  /** The script cannot be read in the asked time at a natural pace. */
  tooLong(askedMs: number, naturalMs: number): string;
  noNarrationToRemove: string;
  /** "slower" could not slow the voice: the scenes are full. */
  cannotSlowDown(naturalMs: number): string;
}

const EN: NarrationWords = {
  narrated: (voice, wpm) =>
    `A voiceover reads it (${voice}, ${wpm} words/min) with word-by-word captions; say “slower”, “male voice” or “no voiceover” to change it.`,
  tooLong: (asked, natural) =>
    `Read at a natural pace, the script needs about ${formatSeconds(natural)} s; in ${formatSeconds(asked)} s the voice has to hurry. ` +
    `Say “make it ${formatSeconds(natural)} seconds” to lengthen the video, or send a shorter script.`,
  noNarrationToRemove: 'There is no voiceover to remove.',
  cannotSlowDown: (natural) =>
    `The voice already fills the scenes; make the video longer (about ${formatSeconds(natural)} s) for a slower voice.`,
};

const ZH: NarrationWords = {
  narrated: (voice, wpm) =>
    `配音已加上（${voice}，每分钟 ${wpm} 词），带逐字字幕；可以说“慢一点”“男声”或“去掉配音”来修改。`,
  tooLong: (asked, natural) =>
    `按自然语速，这段脚本大约需要 ${formatSeconds(natural)} 秒；${formatSeconds(asked)} 秒内配音会很赶。` +
    `可以说“改成 ${formatSeconds(natural)} 秒”来加长视频，或者发一段更短的脚本。`,
  noNarrationToRemove: '现在没有配音可以去掉。',
  cannotSlowDown: (natural) =>
    `配音已经占满了场景；把视频加长到约 ${formatSeconds(natural)} 秒，语速才能放慢。`,
};

/** The words in the message's language. */
export function narrationWords(cjk: boolean): NarrationWords {
  return cjk ? ZH : EN;
}
