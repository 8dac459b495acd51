import { describe, expect, it } from 'vitest';
import { draftSchema } from '../../../shared/draft-schema';
import { speechSourceSchema } from '../../../shared/narration-schema';
import { estimateSpeechMs } from '../../../shared/speech-words';
import { runTurn } from '../embedded/embedded-engine';
import type { ChatTurnInput } from '../engine';
import type { Draft } from '../../../shared/draft-schema';
import {
  FASTEST_SHARE,
  NARRATION_LEAD_MS,
  NATURAL_WPM,
  SLOWEST_SHARE,
  pickVoice,
  speechOf,
} from './plan-narration';

const SCRIPT =
  'Every day, millions of people forget their passwords. Reelwright turns a short script into a video in your browser. ' +
  'Nothing is uploaded unless you share it. Pick a look, add music, and export a crisp file in seconds.';

function turn(text: string, draft: Draft | null = null): ReturnType<typeof runTurn> {
  const input: ChatTurnInput = {
    text,
    draft,
    history: [],
    previousDrafts: draft ? [draft] : [],
  } as ChatTurnInput;
  return runTurn(input);
}
function draftOf(events: ReturnType<typeof runTurn>): Draft {
  const event = events.find((e) => e.type === 'draft');
  if (event?.type !== 'draft' || !event.draft) throw new Error('no draft');
  return event.draft;
}
function replyOf(events: ReturnType<typeof runTurn>): string {
  const event = events.find((e) => e.type === 'text');
  return event && event.type === 'text' ? event.text : '';
}
function voiceSegments(draft: Draft) {
  return draft.tracks
    .flatMap((t) => (t.kind === 'audio' ? t.segments : []))
    .filter((s) => s.source.type === 'speech');
}

describe('a storyboard with voiceover', () => {
  const draft = draftOf(
    turn(`generate a 30-second explainer video with voiceover from this script: ${SCRIPT}`),
  );

  it('reads the title and every scene, each starting just inside its scene, within the asked 30 s', () => {
    expect(draftSchema.safeParse(draft).success).toBe(true);
    expect(draft.durationMs).toBe(30_000);
    const scenes = draft.tracks.find((t) => t.kind === 'video')?.segments ?? [];
    const voice = voiceSegments(draft);
    expect(voice).toHaveLength(scenes.length);
    voice.forEach((segment, i) => {
      const scene = scenes[i];
      expect(segment.startMs).toBe((scene?.startMs ?? 0) + NARRATION_LEAD_MS);
      expect(segment.startMs + segment.durationMs).toBeLessThanOrEqual(
        (scene?.startMs ?? 0) + (scene?.durationMs ?? 0),
      );
      const source = speechSourceSchema.parse(segment.source);
      // Each scene's words fit its slot at the chosen rate.
      expect(estimateSpeechMs(source.text, source.rateWpm, source.voice)).toBeLessThanOrEqual(
        segment.durationMs,
      );
    });
    const rate = speechOf(draft)?.rateWpm ?? 0;
    expect(rate).toBeGreaterThanOrEqual(Math.round(NATURAL_WPM * SLOWEST_SHARE));
    expect(rate).toBeLessThanOrEqual(Math.round(NATURAL_WPM * FASTEST_SHARE));
  });

  it('times the scenes to their speech: a longer sentence gets a longer scene', () => {
    const scenes = draft.tracks.find((t) => t.kind === 'video')?.segments ?? [];
    const voice = voiceSegments(draft);
    const byLength = voice
      .slice(1)
      .map((s, i) => ({
        est: estimateSpeechMs(s.source.type === 'speech' ? s.source.text : '', 175, 'en-us-female'),
        ms: scenes[i + 1]?.durationMs ?? 0,
      }))
      .sort((a, b) => a.est - b.est);
    expect(byLength[0]?.ms).toBeLessThan(byLength[byLength.length - 1]?.ms ?? 0);
  });

  it('says when the script cannot be read in time, and offers a length', () => {
    const events = turn(
      `generate a 10-second video with voiceover from this script: ${SCRIPT} ${SCRIPT}`,
    );
    expect(replyOf(events)).toMatch(/script needs about \d+ s.*make it \d+ seconds/);
    expect(draftOf(events).durationMs).toBe(10_000);
  });

  it('is not narrated without the words', () => {
    expect(
      voiceSegments(
        draftOf(turn(`generate a 30-second explainer video from this script: ${SCRIPT}`)),
      ),
    ).toHaveLength(0);
  });

  it('edits: slower, female → male, British, captions off, then no voiceover', () => {
    const slower = draftOf(turn('slower', draft));
    expect(speechOf(slower)?.rateWpm ?? 0).toBeLessThanOrEqual(speechOf(draft)?.rateWpm ?? 0);
    const male = draftOf(turn('male voice', draft));
    expect(speechOf(male)?.voice).toBe('en-us-male');
    const british = draftOf(turn('British voice', male));
    expect(speechOf(british)?.voice).toBe('en-gb-male');
    const noCaptions = draftOf(turn('captions off', draft));
    expect(speechOf(noCaptions)?.captions.mode).toBe('off');
    const events = turn('no voiceover', draft);
    expect(replyOf(events)).toMatch(/Voiceover off/);
    expect(voiceSegments(draftOf(events))).toHaveLength(0);
    // The music stays.
    expect(draftOf(events).tracks.some((t) => t.kind === 'audio')).toBe(true);
  });

  it('"no music" keeps the voice; "make it 40 seconds" refits it', () => {
    const quiet = draftOf(turn('no music', draft));
    expect(voiceSegments(quiet).length).toBe(voiceSegments(draft).length);
    const longer = draftOf(turn('make it 40 seconds', draft));
    const last = voiceSegments(longer).at(-1);
    expect((last?.startMs ?? 0) + (last?.durationMs ?? 0)).toBeGreaterThan(30_000);
  });

  it('adds a voiceover to a draft planned without one, and in Chinese', () => {
    const plain = draftOf(turn(`generate a 30-second explainer video from this script: ${SCRIPT}`));
    expect(speechOf(draftOf(turn('narrate it', plain)))?.voice).toBe('en-us-female');
    const zh = draftOf(
      turn(
        '生成一个30秒的配音视频，脚本：每天都有数百万人忘记密码。我们的应用在浏览器里把脚本变成视频。除非你选择分享，否则什么都不会上传。',
      ),
    );
    expect(speechOf(zh)?.voice).toBe('zh-female');
    expect(replyOf(turn('去掉配音', zh))).toMatch(/去掉配音/);
  });
});

describe('pickVoice', () => {
  it.each([
    [{}, null, false, 'en-us-female'],
    [{}, null, true, 'zh-female'],
    [{ gender: 'male' as const }, 'zh-female' as const, false, 'zh-male'],
    [{ accent: 'zh' as const }, 'en-gb-male' as const, false, 'zh-male'],
    [{ accent: 'gb' as const }, 'zh-female' as const, false, 'en-gb-female'],
  ])('%j from %s', (wish, current, cjk, voice) => {
    expect(pickVoice(wish, current, cjk)).toBe(voice);
  });
});
