/**
 * @module caption-cues
 * The captions of a draft's narration: each spoken segment's words, timed by syllables over the
 * time the voice takes (speech-words.ts), grouped into cues that fit the caption's lines. One
 * function for the frame painter (web/render/draw-captions.ts), the SRT/WebVTT downloads and the
 * tests, so what is drawn, what is downloaded and what is heard agree. Pure.
 */
import type { Draft } from './draft-schema';
import type { CaptionStyle, SpeechSource } from './narration-schema';
import { estimateSpeechMs, timeWords, type TimedWord } from './speech-words';

/**
 * Most characters on one caption line: 42 Latin (BBC subtitle guidelines,
 * https://www.bbc.co.uk/accessibility/forproducts/guides/subtitles/ "Line length") or 16 Chinese
 * (Netflix Simplified Chinese timed text style guide,
 * https://partnerhelp.netflixstudios.com/hc/en-us/articles/215986007 "Characters per line").
 */
export const MAX_LINE_CHARS = { latin: 42, cjk: 16 } as const;

/** One cue: words shown together, from the first word's start to the last word's end. */
export interface CaptionCue {
  /** Id of the narration segment the words come from. */
  segmentId: string;
  startMs: number;
  endMs: number;
  words: TimedWord[];
  style: CaptionStyle;
}

/** The text of a cue as read: Latin words spaced, CJK characters joined. */
export function cueText(words: readonly TimedWord[]): string {
  return words
    .map((word, i) => (i > 0 && !(word.cjk && words[i - 1]?.cjk) ? ` ${word.text}` : word.text))
    .join('');
}

/**
 * How long the voice of a segment lasts: the estimate at its rate, never past its slot (the
 * browser says it within the slot, see web/narration/fit-speech.ts).
 */
export function voiceMs(
  source: Pick<SpeechSource, 'text' | 'rateWpm' | 'voice'>,
  durationMs: number,
): number {
  return Math.min(durationMs, estimateSpeechMs(source.text, source.rateWpm, source.voice));
}

/**
 * Every caption cue of the draft's narration, in time order (captions switched off included:
 * subtitles are wanted even when nothing is burnt in; the painter skips those).
 * @returns cues with integer ms, each at most `lines` lines of {@link MAX_LINE_CHARS}
 */
export function captionCues(draft: Draft): CaptionCue[] {
  const cues: CaptionCue[] = [];
  for (const track of draft.tracks) {
    if (track.kind !== 'audio') continue;
    for (const segment of track.segments) {
      const source = segment.source;
      if (source.type !== 'speech') continue;
      const words = timeWords(source.text, segment.startMs, voiceMs(source, segment.durationMs));
      let chunk: TimedWord[] = [];
      const flush = (): void => {
        const first = chunk[0];
        const last = chunk[chunk.length - 1];
        if (first && last)
          cues.push({
            segmentId: segment.id,
            startMs: first.startMs,
            endMs: last.endMs,
            words: chunk,
            style: source.captions,
          });
        chunk = [];
      };
      for (const word of words) {
        const limit =
          source.captions.lines * (word.cjk ? MAX_LINE_CHARS.cjk : MAX_LINE_CHARS.latin);
        if (chunk.length > 0 && cueText([...chunk, word]).length > limit) flush();
        chunk.push(word);
      }
      flush();
    }
  }
  return cues.sort((a, b) => a.startMs - b.startMs);
}
