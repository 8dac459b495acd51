/**
 * The neural voice end to end (issue 14): the app runs with `TTS_BASE_URL` pointing at the fake
 * speech server (test/fake-tts). A narrated export is said by it (the fake hears every phrase,
 * with the server's key, and ffmpeg hears sound in the MP4); when the voice then fails (500),
 * the export still completes, said by the offline voice, and the page says so in plain words.
 * The chat's "male voice, British voice" picks the voice `TTS_VOICES` names for it.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportAndDownload, sendChatMessage } from '../../scripts/lib/drive-app';
import { type RunningApp, startApp } from '../../scripts/lib/start-app';
import { createFakeTts } from '../fake-tts/fake-tts';
import { serveFakeTts } from '../fake-tts/serve-fake-tts';
import { useAppPage } from './support/app-page';
import { silences } from './support/ffmpeg-measure';

const KEY = `sk-e2e-${randomBytes(16).toString('hex')}`;
const SCRIPT =
  'Passwords are hard to remember. A password manager keeps them safe. It fills them in for you. Try one today.';
/** Quieter than this is silence (the fake's tones sit at −7 dBFS, the gaps are zeros). */
const SILENCE_DB = -45;
/** Seconds of sound a narrated 15-s video has at least (eSpeak's phrases hold ~6 s, with pauses). */
const MIN_SOUND_S = 4;

const fake = createFakeTts({ apiKey: KEY });
let tts: Awaited<ReturnType<typeof serveFakeTts>>;
let app: RunningApp;
beforeAll(async () => {
  tts = await serveFakeTts(0, fake);
  app = await startApp({
    vars: {
      TTS_BASE_URL: tts.baseUrl,
      TTS_MODEL: 'fake-tts',
      TTS_VOICE: 'fake-voice',
      TTS_VOICES: 'female=fake-female,en-GB-male=fake-british-male',
      TTS_API_KEY: KEY,
      TTS_TIMEOUT_MS: '5000',
    },
  });
}, 120_000);
afterAll(async () => {
  await app?.stop();
  await tts?.close();
});
const tab = useAppPage('reelwright-e2e-neural-', () => app.url);

/** Seconds of sound in the file's first `durationS` seconds. */
async function soundS(file: string, durationS: number): Promise<number> {
  const quiet = await silences(file, SILENCE_DB, 0.2, durationS);
  return durationS - quiet.reduce((sum, s) => sum + (s.endS - s.startS), 0);
}

/** What the page says when the voice fails (speech-worker.ts). */
const NOTE =
  'The neural voice could not speak (The neural voice failed: it answered 500), so this video is narrated with the offline voice.';

describe('the configured neural voice', () => {
  it('narrates the export, asked through the Worker with the server’s key', async () => {
    await sendChatMessage(
      tab.page,
      `generate a 15-second explainer video with voiceover from this script: ${SCRIPT}`,
    );
    expect(await sendChatMessage(tab.page, 'no music')).toMatch(/music off/i);
    const file = path.join(tab.workDir, 'neural.mp4');
    await exportAndDownload(tab.page, file);
    expect(fake.requests.length).toBeGreaterThanOrEqual(4);
    expect(fake.requests.every((r) => r.authorization === `Bearer ${KEY}`)).toBe(true);
    expect(fake.requests.map((r) => r.body.input).join(' ')).toContain('password manager');
    expect(await soundS(file, 15)).toBeGreaterThan(MIN_SOUND_S);
    expect(await tab.page.getByRole('alert').isVisible()).toBe(false);
    // The default narration voice (US female) is TTS_VOICES' `female`.
    expect(new Set(fake.requests.map((r) => r.body.voice))).toEqual(new Set(['fake-female']));
  });

  it('asks the neural voice TTS_VOICES names when the chat picks a British male voice', async () => {
    const asked = fake.requests.length;
    await sendChatMessage(tab.page, 'male voice, British voice');
    // Said as the draft arrives, before any export (web/app/models/narration-warmup.ts).
    await expect
      .poll(() => fake.requests.slice(asked).map((r) => r.body.voice))
      .toContain('fake-british-male');
    expect(new Set(fake.requests.slice(asked).map((r) => r.body.voice))).toEqual(
      new Set(['fake-british-male']),
    );
  });

  it('falls back to the offline voice with a plain note when the voice fails', async () => {
    fake.failWith = '500';
    const asked = fake.requests.length;
    await sendChatMessage(tab.page, 'speak slower');
    const file = path.join(tab.workDir, 'fallback.mp4');
    const { noteSeen } = await exportAndDownload(tab.page, file, undefined, NOTE);
    expect(noteSeen).toBe(true);
    expect(fake.requests.length).toBeGreaterThan(asked);
    expect(await soundS(file, 15)).toBeGreaterThan(MIN_SOUND_S);
  });
});
