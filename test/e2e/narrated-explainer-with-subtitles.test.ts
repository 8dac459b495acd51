/**
 * A narrated explainer end to end in English (issue 14; the checks are in
 * support/narrated-export.ts): cuts on the beat, the voice in every scene, captions on the
 * voice, SRT/WebVTT downloads and the MP4's own subtitle track with the same cues, and "no
 * voiceover" removing the narration track. The Chinese run is narrated-explainer-in-chinese.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'vitest';
import { useAppPage } from './support/app-page';
import { expectNarratedExport, expectVoiceoverRemoved } from './support/narrated-export';

const SCRIPT = readFileSync(
  path.join(__dirname, '..', 'fixtures', 'explainer-script.txt'),
  'utf8',
).trim();

const tab = useAppPage('reelwright-e2e-narrated-');

describe('narrated explainer: voice, word captions, subtitles', () => {
  it('narrates every scene, and the captions start with the voice', async () => {
    await expectNarratedExport(tab.page, tab.workDir, {
      prompt: `generate a 30-second explainer video with voiceover from this script: ${SCRIPT}`,
      narratedReply: /voiceover reads it/i,
      noMusic: 'no music',
      languageCode: 'eng',
      fileName: 'narrated.mp4',
    });
  });

  it('"no voiceover" removes the narration track', async () => {
    await expectVoiceoverRemoved(tab.page, 'no voiceover', /voiceover off/i);
  });
});
