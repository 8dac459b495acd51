/**
 * @module narration-diff
 * The change lines about the voiceover between two drafts (draft-diff.ts lists them with the
 * rest): on or off, voice, speaking rate, word captions. The director sets one voice, rate and
 * caption style for all of a draft's narration, so the first segment speaks for the track.
 */
import type { ChangeWords } from './change-words';
import type { Draft } from './draft-schema';
import type { SpeechSource } from './narration-schema';

function firstSpeech(draft: Draft): SpeechSource | null {
  for (const track of draft.tracks) {
    if (track.kind !== 'audio') continue;
    for (const segment of track.segments)
      if (segment.source.type === 'speech') return segment.source;
  }
  return null;
}

/** Lines for what changed in the narration; empty when nothing did. */
export function diffNarration(before: Draft, after: Draft, words: ChangeWords): string[] {
  const was = firstSpeech(before);
  const now = firstSpeech(after);
  if (!was && !now) return [];
  if (!now) return [words.narrationOff];
  if (!was) return [words.narrationOn(words.voices[now.voice], now.rateWpm)];
  const lines: string[] = [];
  if (was.voice !== now.voice)
    lines.push(words.narrationVoice(words.voices[was.voice], words.voices[now.voice]));
  if (was.rateWpm !== now.rateWpm) lines.push(words.narrationRate(was.rateWpm, now.rateWpm));
  if (was.captions.mode !== now.captions.mode)
    lines.push(words.narrationCaptions(now.captions.mode));
  if (was.captions.highlight !== now.captions.highlight)
    lines.push(words.narrationHighlight(now.captions.highlight));
  if (was.captions.sizeRatio !== now.captions.sizeRatio)
    lines.push(words.narrationCaptionSize(now.captions.sizeRatio > was.captions.sizeRatio));
  return lines;
}
