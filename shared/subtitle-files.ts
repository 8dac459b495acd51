/**
 * @module subtitle-files
 * The narration's captions as subtitle files: SubRip (`.srt`) and WebVTT (`.vtt`), one cue per
 * caption cue (caption-cues.ts), so the downloads say what the video shows, when it shows it.
 * Written by `subsrt-ts` (MIT). Pure.
 */
import subsrt from 'subsrt-ts';
import { captionCues, cueText } from './caption-cues';
import type { Draft } from './draft-schema';

/** The subtitle formats offered beside each MP4. */
export const SUBTITLE_FORMATS = ['srt', 'vtt'] as const;
export type SubtitleFormat = (typeof SUBTITLE_FORMATS)[number];

/** MIME types: `application/x-subrip` (no registered type) and `text/vtt` (W3C WebVTT, IANA). */
export const SUBTITLE_CONTENT_TYPE: Readonly<Record<SubtitleFormat, string>> = {
  srt: 'application/x-subrip; charset=utf-8',
  vtt: 'text/vtt; charset=utf-8',
};

/**
 * The subtitle file of a draft's narration.
 * @returns the file's text; a header only (VTT) or empty (SRT) when the draft has no narration
 */
export function subtitleFile(draft: Draft, format: SubtitleFormat): string {
  const captions = captionCues(draft).map((cue, index) => ({
    type: 'caption' as const,
    index: index + 1,
    start: cue.startMs,
    end: cue.endMs,
    duration: cue.endMs - cue.startMs,
    content: cueText(cue.words),
    text: cueText(cue.words),
  }));
  return subsrt.build(captions, { format });
}

/** ISO 639-2/T code of the narration's language ('zho' for a Mandarin voice, else 'eng'). */
function languageCodeOf(draft: Draft): string {
  for (const track of draft.tracks)
    if (track.kind === 'audio')
      for (const segment of track.segments)
        if (segment.source.type === 'speech')
          return segment.source.voice.startsWith('zh') ? 'zho' : 'eng';
  return 'eng';
}

/**
 * The subtitle track to carry inside the MP4: the `.vtt` download's text, its cue count and the
 * narration's language.
 * @returns null when the draft has no caption cues (no narration)
 */
export function subtitleTrack(
  draft: Draft,
): { webvtt: string; cueCount: number; languageCode: string } | null {
  const cueCount = captionCues(draft).length;
  if (cueCount === 0) return null;
  return { webvtt: subtitleFile(draft, 'vtt'), cueCount, languageCode: languageCodeOf(draft) };
}
