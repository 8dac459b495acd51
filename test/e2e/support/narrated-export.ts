/**
 * @module narrated-export (e2e support)
 * A narrated explainer end to end, in any language (issue 14): the visitor asks for a 30-second
 * explainer with a voiceover from a script, the cuts land on the music's beats, the music is
 * turned off and the video exported. Then ffmpeg hears the voice in every scene (`silencedetect`
 * finds no scene silent), each phrase's first caption cue starts within 150 ms of the voice
 * coming in, the SRT and WebVTT beside the MP4 parse back to the draft's caption cues, and the
 * MP4's own WebVTT subtitle track (ffprobe) holds the same cues. The page starts saying the
 * narration when the plan arrives (eSpeak is fetched before Export is pressed), and the export
 * stores its first video chunk before the soundtrack: the frames do not wait for the voice.
 */
import path from 'node:path';
import type { Page, Request } from 'playwright-core';
import subsrt from 'subsrt-ts';
import { expect } from 'vitest';
import { z } from 'zod';
import { exportAndDownload, sendChatMessage } from '../../../scripts/lib/drive-app';
import { beatTimesMs, musicBeatGrid } from '../../../shared/beat-grid';
import { captionCues, cueText } from '../../../shared/caption-cues';
import { type Draft, draftSchema } from '../../../shared/draft-schema';
import { isNarrationTrack } from '../../../shared/narration-track';
import { expectDeliverable } from './expect-deliverable';
import { silences } from './ffmpeg-measure';
import { probeMedia, wvttCues } from './ffprobe';
import { currentSessionDraft } from './session-reads';

/** Caption cues start within this of the voice onsets, ms (the bound). */
const MAX_ONSET_ERROR_MS = 150;
/** Quieter than this is silence: eSpeak's voice peaks near 0 dBFS, its gaps are digital zeros. */
const SILENCE_DB = -45;
/** Shortest silence counted, s: under a sentence pause… */
const MIN_SILENCE_S = 0.2;
/** …and a gap at least this long separates two phrases, s (lead 250 ms + tail 350 ms). */
const PHRASE_GAP_S = 0.55;

/** What one language's run says and expects. */
export interface NarratedCase {
  /** The request: a 30-second explainer with a voiceover from a script. */
  prompt: string;
  /** The reply to it names the voiceover. */
  narratedReply: RegExp;
  /** Turns the music off. */
  noMusic: string;
  /** The MP4 subtitle track's ISO 639-2 language. */
  languageCode: string;
  fileName: string;
}

async function renderedDraft(page: Page, renderId: string): Promise<Draft> {
  const body = await page.evaluate(
    async (id) => (await fetch(`/api/renders/${id}`)).json(),
    renderId,
  );
  return draftSchema.parse(z.object({ draft: z.unknown() }).parse(body).draft);
}

async function subtitles(page: Page, renderId: string, format: 'srt' | 'vtt'): Promise<string> {
  return page.evaluate(
    async ([id, ext]) => (await fetch(`/api/renders/${id}/subtitles.${ext}`)).text(),
    [renderId, format] as const,
  );
}

function scenesOf(draft: Draft): Draft['tracks'][number]['segments'] {
  return draft.tracks.find((t) => t.kind === 'video')?.segments ?? [];
}

/**
 * Runs the case on the page and checks the export (see the module doc).
 * @param workDir where the MP4 is downloaded
 */
export async function expectNarratedExport(
  page: Page,
  workDir: string,
  run: NarratedCase,
): Promise<void> {
  const asked: string[] = [];
  const noteRequest = (request: Request) =>
    asked.push(`${request.method()} ${new URL(request.url()).pathname}`);
  page.on('request', noteRequest);
  expect(await sendChatMessage(page, run.prompt)).toMatch(run.narratedReply);
  // Said as the draft arrives (web/app/models/narration-warmup.ts), before any export.
  await expect.poll(() => asked.some((line) => /\/espeak-ng[^/]*\.wasm$/.test(line))).toBe(true);
  // Cuts on the beat: every scene after the first starts on a beat of the planned music.
  const planned = await currentSessionDraft(page);
  const music = musicBeatGrid(planned);
  expect(music, 'the plan has generated music').not.toBeNull();
  const beats = music ? beatTimesMs(music.grid, 0, planned.durationMs) : [];
  const offBeat = scenesOf(planned)
    .slice(1)
    .filter((scene) => !beats.includes(scene.startMs));
  expect(offBeat.map((s) => s.startMs)).toEqual([]);

  await sendChatMessage(page, run.noMusic);
  await expect
    .poll(
      async () => (await currentSessionDraft(page)).tracks.filter((t) => t.kind === 'audio').length,
    )
    .toBe(1);

  const file = path.join(workDir, run.fileName);
  await exportAndDownload(page, file);
  page.off('request', noteRequest);
  await expectDeliverable(file, 1920, 1080, 30);
  const href = await page.getByRole('link', { name: 'SRT' }).getAttribute('href');
  const renderId = /\/api\/renders\/([^/]+)\/subtitles\.srt/.exec(href ?? '')?.[1] ?? '';
  const firstChunkAt = asked.indexOf(`PUT /api/renders/${renderId}/chunks/0`);
  expect(firstChunkAt, 'the first chunk was stored').toBeGreaterThanOrEqual(0);
  expect(firstChunkAt, 'stored before the soundtrack').toBeLessThan(
    asked.indexOf(`PUT /api/renders/${renderId}/audio`),
  );
  const draft = await renderedDraft(page, renderId);
  expect(draft.tracks.some(isNarrationTrack)).toBe(true);
  expect(draft.tracks.filter((t) => t.kind === 'audio')).toHaveLength(1);
  // The exported cuts are the planned ones (on the beat); only the music went.
  expect(scenesOf(draft).map((s) => s.startMs)).toEqual(scenesOf(planned).map((s) => s.startMs));

  const durationS = draft.durationMs / 1000;
  const quiet = await silences(file, SILENCE_DB, MIN_SILENCE_S, durationS);
  const scenes = scenesOf(draft);
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

  // The subtitle files and the MP4's own subtitle track say the same cues.
  const expected = cues.map((c) => [c.startMs, c.endMs, cueText(c.words)]);
  for (const format of ['srt', 'vtt'] as const) {
    const parsed = subsrt
      .parse(await subtitles(page, renderId, format), { format })
      .flatMap((c) => (c.type === 'caption' ? [[c.start, c.end, c.text]] : []));
    expect(parsed).toEqual(expected);
  }
  const streams = (await probeMedia(file)).streams;
  const track = streams.find((s) => s.codec_tag_string === 'wvtt');
  expect(track, 'a WebVTT subtitle track').toMatchObject({ tags: { language: run.languageCode } });
  const inFile = await wvttCues(file, track?.index ?? -1);
  expect(inFile.map((c) => [c.startMs, c.endMs, c.text])).toEqual(expected);
}

/** "no voiceover" (in the case's words) removes the narration track from the session's draft. */
export async function expectVoiceoverRemoved(
  page: Page,
  noVoiceover: string,
  reply: RegExp,
): Promise<void> {
  expect(await sendChatMessage(page, noVoiceover)).toMatch(reply);
  await expect
    .poll(async () => (await currentSessionDraft(page)).tracks.some(isNarrationTrack))
    .toBe(false);
}
