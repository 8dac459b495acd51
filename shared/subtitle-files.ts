/**
 * @module subtitle-files
 * A draft's subtitles as files: SubRip (`.srt`) and WebVTT (`.vtt`). A narrated video's are its
 * narration's caption cues (caption-cues.ts); a video without narration has its on-screen texts
 * (titles, scene captions, overlays), each while it is shown — so the downloads say what the
 * video says or shows, when it does. Written by `subsrt-ts` (MIT). Pure.
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

/** One subtitle: its text (lines split by `\n`) from `startMs` to `endMs`. */
export interface SubtitleCue {
  startMs: number;
  endMs: number;
  text: string;
}

/**
 * The draft's subtitles, in time order: the narration's caption cues, or without narration every
 * text segment (title, caption, overlay) over the time it is on screen; texts shown together are
 * cues that overlap, as in the picture.
 * @returns no cue for a video without narration or text
 */
export function subtitleCues(draft: Draft): SubtitleCue[] {
  const spoken = captionCues(draft);
  if (spoken.length > 0)
    return spoken.map((cue) => ({
      startMs: cue.startMs,
      endMs: cue.endMs,
      text: cueText(cue.words),
    }));
  return draft.tracks
    .flatMap((track) => (track.kind === 'text' ? track.segments : []))
    .map((segment) => ({
      startMs: segment.startMs,
      endMs: segment.startMs + segment.durationMs,
      text: segment.text,
    }))
    .sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs);
}

/**
 * The subtitle file of a draft ({@link subtitleCues}).
 * @returns the file's text; a header only (VTT) or empty (SRT) when the draft has no cue
 */
export function subtitleFile(draft: Draft, format: SubtitleFormat): string {
  const captions = subtitleCues(draft).map((cue, index) => ({
    type: 'caption' as const,
    index: index + 1,
    start: cue.startMs,
    end: cue.endMs,
    duration: cue.endMs - cue.startMs,
    content: cue.text,
    text: cue.text,
  }));
  return subsrt.build(captions, { format });
}

/** Han characters: a text in Chinese. */
const HAN = /\p{Script=Han}/u;

/**
 * ISO 639-2/T code of the subtitles' language: the narration's ('zho' for a Mandarin voice), or
 * without narration 'zho' when the texts hold Chinese characters; else 'eng'.
 */
function languageCodeOf(draft: Draft): string {
  for (const track of draft.tracks)
    if (track.kind === 'audio')
      for (const segment of track.segments)
        if (segment.source.type === 'speech')
          return segment.source.voice.startsWith('zh') ? 'zho' : 'eng';
  return subtitleCues(draft).some((cue) => HAN.test(cue.text)) ? 'zho' : 'eng';
}

/**
 * The subtitle track to carry inside the MP4: the `.vtt` download's text, its cue count and the
 * subtitles' language.
 * @returns null when the draft has no subtitle cue (no narration and no text)
 */
export function subtitleTrack(
  draft: Draft,
): { webvtt: string; cueCount: number; languageCode: string } | null {
  const cueCount = subtitleCues(draft).length;
  if (cueCount === 0) return null;
  return { webvtt: subtitleFile(draft, 'vtt'), cueCount, languageCode: languageCodeOf(draft) };
}
