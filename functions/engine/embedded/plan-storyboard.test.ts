import { describe, expect, it } from 'vitest';
import type { Draft, TextSegment, VideoSegment } from '../../../shared/draft-schema';
import { draftSchema } from '../../../shared/draft-schema';
import { MAX_CAPTION_CHARS, MAX_CAPTION_WORDS, MAX_CJK_CAPTION_CHARS } from './condense-text';
import { allIconNames } from './pick-icon';
import { planStoryboard } from '../../../test/support/director-from-text';
import {
  MIN_SCENE_MS,
  TRANSITION_MS,
  planStoryboard as planBrief,
  titleDurationMs,
} from './plan-storyboard';
import { readStoryboardBrief } from './read-brief';
import { beatTimesMs, musicBeatGrid } from '../../../shared/beat-grid';
import { isNarrationTrack } from '../../../shared/narration-track';
import { narrateBrief } from '../narration/narrate-plan';
import { NARRATION_LEAD_MS } from '../narration/plan-narration';
import { extractScript } from './split-scenes';
import { countLatinWords, hasCjk, readingUnits } from './reading-length';

/** An 80-word explainer script. */
const EXPLAINER_SCRIPT =
  'Most teams lose hours every week hunting for the right file. Nimbus fixes that. ' +
  'Nimbus keeps every document, design and spreadsheet in one secure cloud workspace, so your whole team can find anything in seconds. ' +
  'It syncs automatically across laptops and phones, and it encrypts everything end to end. ' +
  'No more lost links or version chaos. ' +
  'Setup takes five minutes, and your first month is free. ' +
  'Try Nimbus today and give your team their time back. Download our app today.';

const EXPLAINER = `generate a 30-second explainer video from this script: ${EXPLAINER_SCRIPT}`;
const CJK_PROMPT =
  '生成一个60秒的竖屏视频：我们的新应用让学习变得更简单。每天只需十分钟，就能掌握一门新语言。智能复习计划会根据你的记忆曲线安排练习，让你在最合适的时间复习最需要巩固的内容。现在下载，开启你的学习之旅！';

function scenesOf(draft: Draft): VideoSegment[] {
  return draft.tracks.flatMap((t) => (t.kind === 'video' ? t.segments : []));
}
function textsOf(draft: Draft, role: TextSegment['role']): TextSegment[] {
  return draft.tracks.flatMap((t) =>
    t.kind === 'text' ? t.segments.filter((s) => s.role === role) : [],
  );
}

describe('planStoryboard: 30-second explainer from an ~80-word script', () => {
  const draft = planStoryboard(EXPLAINER);

  it('is a valid 30 000 ms, 1920x1080 @ 30 fps draft', () => {
    expect(countLatinWords(EXPLAINER_SCRIPT)).toBeGreaterThanOrEqual(75);
    expect(draftSchema.parse(draft)).toEqual(draft);
    expect(draft.durationMs).toBe(30_000);
    expect(draft.canvas).toEqual({ width: 1920, height: 1080, fps: 30 });
  });

  it('fits the scenes exactly: contiguous integer ms from 0, summing to and ending at 30 000', () => {
    const scenes = scenesOf(draft);
    expect(scenes.reduce((sum, s) => sum + s.durationMs, 0)).toBe(30_000);
    expect(scenes[0]?.startMs).toBe(0);
    scenes.forEach((scene, i) => {
      expect(Number.isInteger(scene.startMs) && Number.isInteger(scene.durationMs)).toBe(true);
      expect(scene.durationMs).toBeGreaterThanOrEqual(MIN_SCENE_MS);
      const previous = scenes[i - 1];
      if (previous) expect(scene.startMs).toBe(previous.startMs + previous.durationMs);
    });
    const last = scenes.at(-1);
    expect((last?.startMs ?? 0) + (last?.durationMs ?? 0)).toBe(30_000);
  });

  it('opens with a 3 s title scene named after the product the script repeats', () => {
    const [first] = scenesOf(draft);
    const [title] = textsOf(draft, 'title');
    expect(first).toMatchObject({ startMs: 0, durationMs: 3_000, label: 'Scene 1: Nimbus' });
    expect(first?.transitionIn).toBeUndefined();
    expect(title).toMatchObject({
      text: 'Nimbus',
      startMs: 0,
      durationMs: 3_000,
      position: { x: 0.5, align: 'center' },
    });
    expect(title?.style.fontSizePx).toBe(97);
    expect(draft.title).toBe('Nimbus');
  });

  it('gives every other scene a condensed caption placed by its layout, aligned with it, within the limits', () => {
    const scenes = scenesOf(draft).slice(1);
    const captions = textsOf(draft, 'caption');
    expect(captions).toHaveLength(scenes.length);
    captions.forEach((caption, i) => {
      expect(countLatinWords(caption.text)).toBeLessThanOrEqual(MAX_CAPTION_WORDS);
      expect(Array.from(caption.text).length).toBeLessThanOrEqual(MAX_CAPTION_CHARS);
      expect(caption.startMs).toBe(scenes[i]?.startMs);
      expect(caption.durationMs).toBe(scenes[i]?.durationMs);
      const visual = scenes[i]?.visual;
      const layout = visual?.type === 'media' ? undefined : visual?.layout;
      if (layout === 'split')
        expect(caption.position).toEqual({ x: 0.52, y: 0.5, maxWidth: 0.42, align: 'left' });
      else if (layout === 'headline')
        expect(caption.position).toEqual({ x: 0.5, y: 0.82, maxWidth: 0.84, align: 'center' });
      expect(caption.style.fontSizePx).toBeGreaterThanOrEqual(48);
    });
  });

  it('times scenes by reading length: more words, longer scene', () => {
    const scenes = scenesOf(draft).slice(1);
    const brief = readStoryboardBrief(EXPLAINER, extractScript(EXPLAINER));
    const units = brief.scenes.map((t) => readingUnits(t));
    const longest = units.indexOf(Math.max(...units));
    const shortest = units.indexOf(Math.min(...units));
    expect(scenes[longest]?.durationMs ?? 0).toBeGreaterThan(scenes[shortest]?.durationMs ?? 0);
  });

  it('labels scenes, paints them from the words, alternates motion and enters 500 ms transitions after the first', () => {
    const scenes = scenesOf(draft);
    scenes.forEach((scene, i) => {
      expect(scene.label.startsWith(`Scene ${i + 1}: `)).toBe(true);
      if (scene.visual.type !== 'scene') throw new Error('expected a painted scene');
      if (i > 0) {
        expect(scene.transitionIn?.durationMs).toBe(TRANSITION_MS);
        expect(scene.transitionIn?.kind).not.toBe(scenes[i - 1]?.transitionIn?.kind);
        const previous = scenes[i - 1]?.visual;
        expect(previous?.type === 'scene' && previous.motion).not.toBe(scene.visual.motion);
      }
    });
  });

  it('picks known icons for its gradient scenes when the brief names no scenery', () => {
    const { scenery: _scenery, ...plain } = readStoryboardBrief(
      EXPLAINER,
      extractScript(EXPLAINER),
    );
    const scenes = scenesOf(planBrief(plain));
    const known = new Set(allIconNames());
    for (const scene of scenes) {
      if (scene.visual.type !== 'generated') throw new Error('expected a generated visual');
      expect(known.has(scene.visual.icon ?? '')).toBe(true);
    }
    expect(
      scenes.some((s) => s.visual.type === 'generated' && s.visual.icon === 'shield-check'),
    ).toBe(true);
  });

  it('adds one BGM segment over the whole video at 35% with 1 s / 2 s fades', () => {
    const bgm = draft.tracks.find((t) => t.kind === 'audio');
    expect(bgm?.name).toBe('Upbeat');
    expect(bgm?.segments).toHaveLength(1);
    expect(bgm?.segments[0]).toMatchObject({
      startMs: 0,
      durationMs: 30_000,
      volume: 0.35,
      fadeInMs: 1_000,
      fadeOutMs: 2_000,
    });
  });

  it('is deterministic', () => {
    expect(planStoryboard(EXPLAINER)).toEqual(draft);
  });
});

/** Scene starts after the first that are not on a beat of the draft's music. */
function cutsOffBeat(draft: Draft): number[] {
  const music = musicBeatGrid(draft);
  if (!music) throw new Error('no music');
  const beats = beatTimesMs(music.grid, 0, draft.durationMs);
  return scenesOf(draft)
    .slice(1)
    .map((s) => s.startMs)
    .filter((start) => !beats.includes(start));
}

describe('planStoryboard: cuts on the beat', () => {
  it('starts every scene on a beat of the generated music (upbeat 120 bpm, lofi 84 bpm)', () => {
    for (const prompt of [EXPLAINER, `${EXPLAINER} Lofi music.`]) {
      const draft = planStoryboard(prompt);
      expect(scenesOf(draft).length).toBeGreaterThan(3);
      expect(cutsOffBeat(draft), prompt.slice(-12)).toEqual([]);
      expect(draftSchema.safeParse(draft).success).toBe(true);
    }
  });

  it('at slow tempos leaves a cut off the beat rather than a scene under the minimum', () => {
    const draft = planStoryboard(`${EXPLAINER} Calm music.`);
    const scenes = scenesOf(draft);
    expect(cutsOffBeat(draft).length).toBeLessThan((scenes.length - 1) / 2);
    for (const scene of scenes) expect(scene.durationMs).toBeGreaterThanOrEqual(MIN_SCENE_MS);
  });

  it('keeps the cuts on the beat when a voiceover retimes the scenes, the voice following its scene', () => {
    const prompt = `generate a 30-second explainer video with voiceover from this script: ${EXPLAINER_SCRIPT}`;
    const brief = readStoryboardBrief(prompt, extractScript(prompt));
    const { draft } = narrateBrief(planBrief(brief), brief, prompt);
    expect(cutsOffBeat(draft)).toEqual([]);
    const voice = draft.tracks.find(isNarrationTrack)?.segments ?? [];
    expect(voice.length).toBe(scenesOf(draft).length);
    expect(voice.map((segment) => segment.startMs)).toEqual(
      scenesOf(draft).map((scene) => scene.startMs + NARRATION_LEAD_MS),
    );
  });
});

describe('planStoryboard: other prompts', () => {
  it('plans a CJK prompt: 60 000 ms, vertical, CJK captions within the CJK limit', () => {
    const draft = planStoryboard(CJK_PROMPT);
    expect(draftSchema.safeParse(draft).success).toBe(true);
    expect(draft.durationMs).toBe(60_000);
    expect(draft.canvas).toEqual({ width: 1080, height: 1920, fps: 30 });
    const captions = textsOf(draft, 'caption');
    expect(captions.length).toBeGreaterThan(1);
    for (const caption of captions) {
      expect(hasCjk(caption.text)).toBe(true);
      expect(Array.from(caption.text).length).toBeLessThanOrEqual(MAX_CJK_CAPTION_CHARS);
      expect(caption.style.fontWeight).toBe(700);
      expect(caption.position.y).toBeGreaterThanOrEqual(0.68);
    }
    expect(textsOf(draft, 'title')[0]?.text).toBe('我们的新应用');
    const last = scenesOf(draft).at(-1);
    expect((last?.startMs ?? 0) + (last?.durationMs ?? 0)).toBe(60_000);
  });

  it('outlines a topic-only prompt, honouring shape, length and music mood', () => {
    const draft = planStoryboard(
      'make a 15-second vertical promo for Bean There coffee with lo-fi music',
    );
    expect(draft).toMatchObject({
      durationMs: 15_000,
      canvas: { width: 1080, height: 1920 },
      title: 'Bean There Coffee',
    });
    expect(draft.tracks.find((t) => t.kind === 'audio')?.name).toBe('Lo-fi');
    expect(textsOf(draft, 'caption').map((c) => c.text)).toContain('Meet Bean There coffee');
  });

  it('defaults to 30 s at 1920x1080 and clamps lengths to the draft limits', () => {
    expect(planStoryboard('a video about dogs')).toMatchObject({
      durationMs: 30_000,
      canvas: { width: 1920, height: 1080, fps: 30 },
    });
    const long = planStoryboard('a 20 minute video about dogs');
    expect(long.durationMs).toBe(600_000);
    expect(draftSchema.safeParse(long).success).toBe(true);
    const tiny = planStoryboard(`a 1 second video from this script: ${EXPLAINER_SCRIPT}`);
    expect(tiny.durationMs).toBe(1_000);
    expect(draftSchema.safeParse(tiny).success).toBe(true);
  });

  it('caps the scene count so every scene gets at least the minimum time', () => {
    const draft = planStoryboard(`a 10 second video from this script: ${EXPLAINER_SCRIPT}`);
    for (const scene of scenesOf(draft).slice(1))
      expect(scene.durationMs).toBeGreaterThanOrEqual(MIN_SCENE_MS);
    expect(draftSchema.safeParse(draft).success).toBe(true);
  });
});

describe('titleDurationMs', () => {
  it('is 10% within 2–5 s, never over a third', () => {
    expect(titleDurationMs(30_000)).toBe(3_000);
    expect(titleDurationMs(15_000)).toBe(2_000);
    expect(titleDurationMs(120_000)).toBe(5_000);
    expect(titleDurationMs(3_000)).toBe(1_000);
  });
});

describe('planStoryboard: transitions by pace', () => {
  const kindsOf = (prompt: string): string[] =>
    scenesOf(planStoryboard(prompt))
      .slice(1)
      .map((scene) => scene.transitionIn?.kind ?? 'none');

  it('dissolves a calm video and dips to black into its last scene', () => {
    const kinds = kindsOf('make a calm 30 second video about a quiet morning walk in the park');
    expect(kinds.at(-1)).toBe('dip');
    expect(new Set(kinds.slice(0, -1))).toEqual(new Set(['crossfade']));
  });

  it('whips, zooms and slides an energetic one in turn', () => {
    const kinds = kindsOf('make an energetic 30 second promo video for our summer sale');
    expect(kinds.slice(0, 3)).toEqual(['whip', 'zoom', 'slide']);
  });
});
