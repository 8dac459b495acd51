/**
 * The narrated explainer in Chinese (issue 14's "the same in Chinese"; the checks are in
 * support/narrated-export.ts): "生成一个30秒的讲解视频，配音，脚本：…" with a Mandarin voice, music
 * off, the voice in every scene, captions (by character) within 150 ms of the voice onsets, the
 * SRT/WebVTT downloads and the MP4's subtitle track with the same cues; "去掉配音" removes it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'vitest';
import { useAppPage } from './support/app-page';
import { expectNarratedExport, expectVoiceoverRemoved } from './support/narrated-export';

const SCRIPT = readFileSync(
  path.join(__dirname, '..', 'fixtures', 'explainer-script-zh.txt'),
  'utf8',
).trim();

const tab = useAppPage('reelwright-e2e-narrated-zh-');

describe('narrated explainer in Chinese: Mandarin voice, captions by character, subtitles', () => {
  it('narrates every scene, and the captions start with the voice', async () => {
    await expectNarratedExport(tab.page, tab.workDir, {
      prompt: `生成一个30秒的讲解视频，配音，脚本：${SCRIPT}`,
      narratedReply: /配音已加上/,
      noMusic: '去掉音乐',
      languageCode: 'zho',
      fileName: 'narrated-zh.mp4',
    });
  });

  it('"去掉配音" removes the narration track', async () => {
    await expectVoiceoverRemoved(tab.page, '去掉配音', /配音/);
  });
});
