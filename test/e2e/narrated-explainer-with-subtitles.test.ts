/**
 * A narrated explainer end to end (issue 14): the visitor asks for a 30-second explainer "with
 * voiceover" from a script, turns the music off and exports. ffmpeg then hears the voice in
 * every scene (`silencedetect` finds no scene silent), and each phrase's first caption cue
 * starts within 150 ms of the voice coming in; the SRT and WebVTT beside the MP4 parse back to
 * the draft's caption cues; "no voiceover" removes the narration track.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import subsrt from 'subsrt-ts';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { exportAndDownload, sendChatMessage } from '../../scripts/lib/drive-app';
import { captionCues, cueText } from '../../shared/caption-cues';
import { type Draft, draftSchema } from '../../shared/draft-schema';
import { isNarrationTrack } from '../../shared/narration-track';
import { useAppPage } from './support/app-page';
import { expectDeliverable } from './support/expect-deliverable';
import { silences } from './support/ffmpeg-measure';
import { currentSessionDraft } from './support/session-reads';

const SCRIPT = readFileSync(
  path.join(__dirname, '..', 'fixtures', 'explainer-script.txt'),
  'utf8',
).trim();
/** Caption cues start within this of the voice onsets, ms (the bound). */
const MAX_ONSET_ERROR_MS = 150;
/** Quieter than this is silence: eSpeak's voice peaks near 0 dBFS, its gaps are digital zeros. */
const SILENCE_DB = -45;
/** Shortest silence counted, s: under a sentence pause… */
const MIN_SILENCE_S = 0.2;
/** …and a gap at least this long separates two phrases, s (lead 250 ms + tail 350 ms). */
const PHRASE_GAP_S = 0.55;

const tab = useAppPage('reelwright-e2e-narrated-');

/** The exported render's draft, read back through the visitor's own API. */
async function renderedDraft(renderId: string): Promise<Draft> {
  const body = await tab.page.evaluate(
    async (id) => (await fetch(`/api/renders/${id}`)).json(),
    renderId,
  );
  return draftSchema.parse(z.object({ draft: z.unknown() }).parse(body).draft);
}

async function subtitles(renderId: string, format: 'srt' | 'vtt'): Promise<string> {
  return tab.page.evaluate(
    async ([id, ext]) => (await fetch(`/api/renders/${id}/subtitles.${ext}`)).text(),
    [renderId, format] as const,
  );
}

describe('narrated explainer: voice, word captions, subtitles', () => {
  it('narrates every scene, and the captions start with the voice', async () => {
    const reply = await sendChatMessage(
      tab.page,
      `generate a 30-second explainer video with voiceover from this script: ${SCRIPT}`,
    );
    expect(reply).toMatch(/voiceover reads it/i);
    expect(await sendChatMessage(tab.page, 'no music')).toMatch(/music off/i);

    const file = path.join(tab.workDir, 'narrated.mp4');
    await exportAndDownload(tab.page, file);
    await expectDeliverable(file, 1920, 1080, 30);
    const href = await tab.page.getByRole('link', { name: 'SRT' }).getAttribute('href');
    const renderId = /\/api\/renders\/([^/]+)\/subtitles\.srt/.exec(href ?? '')?.[1] ?? '';
    const draft = await renderedDraft(renderId);
    expect(draft.tracks.some(isNarrationTrack)).toBe(true);
    expect(draft.tracks.filter((t) => t.kind === 'audio')).toHaveLength(1);

    const durationS = draft.durationMs / 1000;
    const quiet = await silences(file, SILENCE_DB, MIN_SILENCE_S, durationS);
    const scenes = draft.tracks.find((t) => t.kind === 'video')?.segments ?? [];
    expect(scenes.length).toBeGreaterThan(3);
    for (const scene of scenes) {
      const from = scene.startMs / 1000;
      const to = (scene.startMs + scene.durationMs) / 1000;
      const allSilent = quiet.some((s) => s.startS <= from + 0.05 && s.endS >= to - 0.05);
      expect(allSilent, `scene ${scene.id} (${from}–${to} s) is silent`).toBe(false);
    }

    // Voice onsets after a gap between phrases (the file's start counts as a gap).
    const onsetsMs = quiet
      .filter((s) => s.startS < 0.05 || s.endS - s.startS >= PHRASE_GAP_S)
      .map((s) => Math.round(s.endS * 1000))
      .filter((ms) => ms < draft.durationMs - 100);
    const cues = captionCues(draft);
    const phraseStarts = [...new Set(cues.map((c) => c.segmentId))].map(
      (id) => cues.find((c) => c.segmentId === id)?.startMs ?? 0,
    );
    expect(onsetsMs.length).toBe(phraseStarts.length);
    for (const onset of onsetsMs) {
      const nearest = Math.min(...cues.map((c) => Math.abs(c.startMs - onset)));
      expect(nearest, `voice at ${onset} ms`).toBeLessThanOrEqual(MAX_ONSET_ERROR_MS);
    }
    for (const start of phraseStarts) {
      const nearest = Math.min(...onsetsMs.map((onset) => Math.abs(onset - start)));
      expect(nearest, `phrase cue at ${start} ms`).toBeLessThanOrEqual(MAX_ONSET_ERROR_MS);
    }

    // The subtitle files say the same cues.
    for (const format of ['srt', 'vtt'] as const) {
      const parsed = subsrt
        .parse(await subtitles(renderId, format), { format })
        .flatMap((c) => (c.type === 'caption' ? [[c.start, c.end, c.text]] : []));
      expect(parsed).toEqual(cues.map((c) => [c.startMs, c.endMs, cueText(c.words)]));
    }
  });

  it('"no voiceover" removes the narration track', async () => {
    expect(await sendChatMessage(tab.page, 'no voiceover')).toMatch(/voiceover off/i);
    await expect
      .poll(async () => (await currentSessionDraft(tab.page)).tracks.some(isNarrationTrack))
      .toBe(false);
  });
});
